import { Match } from 'aws-cdk-lib/assertions';
import type { DataLakeStack } from '../../lib/labs/data-lake/stack';
import { labQueries } from '../../lib/labs/data-lake/named-queries';
import { DATA_LAKE_OUTPUTS } from '../../lib/labs/data-lake/outputs';
import { expectEveryBucketPrivate, expectNothingRetained, expectTlsOnly } from '../helpers/controls';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';
import { labFindings } from '../helpers/shared-synth';

const lab = synthLab('data-lake', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('data-lake');
const stack = lab.stack as DataLakeStack;
const { template } = lab;

const keyArn = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
const ref = (construct: Parameters<typeof logicalId>[0]) => ({ Ref: logicalId(construct) });
const rawBucketArn = { 'Fn::GetAtt': [logicalId(stack.rawBucket), 'Arn'] };

/** The statements of the policies attached to a role, by Sid. */
function statementsOf(roleLogicalId: string): Map<string, PolicyStatement> {
  return new Map(roleStatements(lab, roleLogicalId).map((s, i) => [s.Sid ?? `#${i}`, s]));
}
const actions = (s: PolicyStatement | undefined) => [s?.Action ?? []].flat().sort();
const crawlerRole = logicalId(stack.crawler.role);
const crawlerStatements = statementsOf(crawlerRole);
/** An ARN in the test account and Region, as CloudFormation joins it: `arn(...)` for literal ones. */
const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:123456789012:${resource}`;
const arnJoin = (service: string, resource: string, ...rest: unknown[]) => ({
  'Fn::Join': ['', [arn(service, resource), ...rest]],
});

describe('security controls', () => {
  test('every bucket is encrypted: data buckets with the lab key, the access-log bucket with SSE-S3', () => {
    const dataBuckets = resourcesOfType(lab, 'AWS::S3::Bucket').filter(([id]) => id !== logicalId(stack.accessLogsBucket));
    expect(dataBuckets.map(([id]) => id).sort()).toEqual([logicalId(stack.rawBucket), logicalId(stack.resultsBucket)].sort());
    for (const [, bucket] of dataBuckets) {
      expect(bucket.Properties?.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } },
        ],
      });
    }
    // S3 delivers server access logs only to SSE-S3 buckets.
    expect(lab.json.Resources[logicalId(stack.accessLogsBucket)].Properties?.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  test('every bucket allows TLS 1.2 connections only', () => {
    expect(resourcesOfType(lab, 'AWS::S3::Bucket')).toHaveLength(3);
    expectTlsOnly(lab);
  });

  test('every bucket blocks all public access', () => {
    expectEveryBucketPrivate(lab);
  });

  test('the crawler uses a security configuration that encrypts its logs, S3 data and bookmarks with the lab key', () => {
    template.hasResourceProperties('AWS::Glue::SecurityConfiguration', {
      EncryptionConfiguration: {
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: keyArn },
        S3Encryptions: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: keyArn }],
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: keyArn },
      },
    });
    template.allResourcesProperties('AWS::Glue::Crawler', {
      CrawlerSecurityConfiguration: ref(stack.crawler.securityConfiguration),
    });
  });

  test('the crawler role can list and read only the raw prefix of the raw-data bucket', () => {
    expect(crawlerStatements.get('ListTheCrawledPrefixOnly')).toEqual({
      Sid: 'ListTheCrawledPrefixOnly',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: rawBucketArn,
      Condition: { StringLike: { 's3:prefix': ['raw/*'] } },
    });
    expect(crawlerStatements.get('ReadTheCrawledPrefixOnly')).toEqual({
      Sid: 'ReadTheCrawledPrefixOnly',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [rawBucketArn, '/raw/*']] },
    });
    const s3Statements = [...crawlerStatements.values()].filter((s) => actions(s).some((a) => a.startsWith('s3:')));
    expect(s3Statements).toHaveLength(2);
  });

  test('the crawler role can change only the tables of the lab database, and delete nothing', () => {
    const glueStatement = crawlerStatements.get('WriteThisDatabasesTablesOnly');
    expect(glueStatement?.Resource).toEqual([
      arn('glue', 'catalog'),
      arnJoin('glue', 'database/', ref(stack.database)),
      arnJoin('glue', 'table/', ref(stack.database), '/*'),
    ]);
    expect(actions(glueStatement).filter((a) => !/^glue:(Get|BatchGet|Create|BatchCreate|Update|BatchUpdate)/.test(a))).toEqual([]);
    const allActions = [...crawlerStatements.values()].flatMap(actions);
    expect(allActions.filter((a) => /Delete|\*/.test(a))).toEqual([]);
  });

  test('the crawler role writes only its own log group and may use only the lab key', () => {
    const logGroup = logicalId(stack.crawler.logGroup);
    expect(crawlerStatements.get('EncryptItsOwnLogGroup')).toMatchObject({
      Action: ['logs:AssociateKmsKey', 'logs:CreateLogGroup'],
      // The ARN ending in `:*`, the form CloudWatch Logs authorizes these actions against.
      Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
    });
    expect(crawlerStatements.get('WriteItsOwnLogStreams')).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
    });
    expect(crawlerStatements.get('UseTheLabKey')).toMatchObject({ Resource: keyArn });
    expect([...crawlerStatements.keys()].sort()).toEqual(
      ['EncryptItsOwnLogGroup', 'ListTheCrawledPrefixOnly', 'ReadTheCrawledPrefixOnly', 'UseTheLabKey', 'WriteItsOwnLogStreams', 'WriteThisDatabasesTablesOnly'],
    );
  });

  test('the crawler role has no AWS managed policy and trusts only Glue', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' } }] },
      ManagedPolicyArns: Match.absent(),
    });
    expect(lab.json.Resources[crawlerRole].Properties?.ManagedPolicyArns).toBeUndefined();
  });

  test('the crawl-run functions may only start, stop and read the lab crawler', () => {
    const crawlerArn = arnJoin('glue', 'crawler/', ref(stack.crawler.crawler));
    const glueStatements = resourcesOfType(lab, 'AWS::IAM::Policy')
      .flatMap(([, p]) => (p.Properties as { PolicyDocument: { Statement: PolicyStatement[] } }).PolicyDocument.Statement)
      .filter((s) => actions(s).some((a) => a.startsWith('glue:') && /Crawler$/.test(a)));
    expect(glueStatements.map((s) => [actions(s), s.Resource])).toEqual([
      [['glue:StartCrawler', 'glue:StopCrawler'], crawlerArn],
      [['glue:GetCrawler', 'glue:StopCrawler'], crawlerArn],
    ]);
  });

  test('the workgroup enforces its configuration with engine version 3 and CloudWatch metrics', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      State: 'ENABLED',
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        PublishCloudWatchMetricsEnabled: true,
      }),
    });
  });

  test('query results are encrypted with the lab key in the lab results bucket of this account', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', ref(stack.resultsBucket), '/athena/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: keyArn },
          ExpectedBucketOwner: '123456789012',
        },
      }),
    });
  });

  test('every query is cancelled once it scans more than 1 GiB', () => {
    template.allResourcesProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({ BytesScannedCutoffPerQuery: 1024 ** 3 }),
    });
  });

  test('destroy deletes the workgroup with its saved queries and history', () => {
    template.allResourcesProperties('AWS::Athena::WorkGroup', { RecursiveDeleteOption: true });
  });

  test('the crawler log group that Glue would create is part of the stack, so destroy deletes it', () => {
    const logGroup = lab.json.Resources[logicalId(stack.crawler.logGroup)];
    expect(logGroup.Properties?.LogGroupName).toEqual({
      'Fn::Join': ['', ['/aws-glue/crawlers-role/', { Ref: crawlerRole }, '-', ref(stack.crawler.securityConfiguration)]],
    });
    expect(logGroup.DeletionPolicy).toBe('Delete');
    // Deleted only after the crawler and the resource that stops a running crawl.
    expect(lab.json.Resources[logicalId(stack.crawler.crawler)].DependsOn).toContain(logicalId(stack.crawler.logGroup));
    const crawlRun = resourcesOfType(lab, 'Custom::GlueCrawlerRun');
    expect(crawlRun).toHaveLength(1);
    expect(crawlRun[0][1].DependsOn).toContain(logicalId(stack.crawler.logGroup));
  });

  test('every log group is encrypted with the lab key and keeps events for a year', () => {
    expect(resourcesOfType(lab, 'AWS::Logs::LogGroup').length).toBeGreaterThanOrEqual(6);
    template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn, RetentionInDays: 365 });
  });

  test('no resource is retained on destroy', () => {
    expectNothingRetained(lab);
  });

  test('no physical name is hard-coded: the names services require derive from the stack name', () => {
    const prefix = stack.stackName.toLowerCase();
    const names: string[] = [
      (lab.json.Resources.Database.Properties!.DatabaseInput as { Name: string }).Name,
      ...resourcesOfType(lab, 'AWS::Athena::WorkGroup').map(([, r]) => r.Properties?.Name as string),
      ...resourcesOfType(lab, 'AWS::Glue::SecurityConfiguration').map(([, r]) => r.Properties?.Name as string),
    ];
    expect(names).toEqual(['lab01datalake_beehives', 'lab01datalake-workgroup', 'lab01datalake-crawler-security']);
    expect(names.every((n) => n.startsWith(prefix))).toBe(true);
    const generated: [string, string][] = [
      ['AWS::S3::Bucket', 'BucketName'],
      ['AWS::IAM::Role', 'RoleName'],
      ['AWS::Lambda::Function', 'FunctionName'],
      ['AWS::Glue::Crawler', 'Name'],
      ['AWS::StepFunctions::StateMachine', 'StateMachineName'],
    ];
    for (const [type, property] of generated) {
      for (const [id, resource] of resourcesOfType(lab, type)) {
        expect([id, resource.Properties?.[property]]).toEqual([id, undefined]);
      }
    }
  });

  test('cdk-nag and Control Tower guard pass with acknowledged exceptions only', () => {
    expectNoFindings(findings);
  });
});

describe('the lab', () => {
  test('sample data is deployed to raw/ of the raw-data bucket before the crawler runs', () => {
    const deployments = resourcesOfType(lab, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    expect(deployments[0][1].Properties).toMatchObject({ DestinationBucketName: ref(stack.rawBucket), DestinationBucketKeyPrefix: 'raw/' });
    const [[, crawlRun]] = resourcesOfType(lab, 'Custom::GlueCrawlerRun');
    expect(crawlRun.DependsOn).toContain(deployments[0][0]);
    expect(crawlRun.Properties).toMatchObject({
      CrawlerName: ref(stack.crawler.crawler),
      TimeoutSeconds: '900',
      // New sample data (a new asset key) updates the resource, which crawls again.
      SourceVersion: { 'Fn::Join': [',', { 'Fn::GetAtt': [deployments[0][0], 'SourceObjectKeys'] }] },
    });
  });

  test('the saved queries are those of queries.sql, bound to the workgroup and the database', () => {
    const saved = resourcesOfType(lab, 'AWS::Athena::NamedQuery').map(([, r]) => r.Properties);
    expect(saved).toEqual(
      labQueries().map((q) => ({
        Name: q.name,
        Description: q.description,
        QueryString: q.sql,
        Database: ref(stack.database),
        WorkGroup: { Ref: logicalId(stack.workGroup.workGroup) },
      })),
    );
  });

  test('the crawler has no schedule, makes one table per folder under raw/ and deletes no table', () => {
    template.hasResourceProperties('AWS::Glue::Crawler', {
      Schedule: Match.absent(),
      Targets: { S3Targets: [{ Path: { 'Fn::Join': ['', ['s3://', ref(stack.rawBucket), '/raw/']] } }] },
      SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'LOG' },
    });
    const [[, crawler]] = resourcesOfType(lab, 'AWS::Glue::Crawler');
    expect(JSON.parse(crawler.Properties?.Configuration as string)).toMatchObject({ Grouping: { TableLevelConfiguration: 2 } });
  });

  test('outputs name the buckets, database, workgroup, crawler and console links', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(Object.values(DATA_LAKE_OUTPUTS).sort());
    expect(JSON.stringify(outputs[DATA_LAKE_OUTPUTS.crawlerConsole].Value)).toContain('#/v2/data-catalog/crawlers/view/');
  });
});
