import { AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import { BedrockClient, ListGuardrailsCommand } from '@aws-sdk/client-bedrock';
import { BedrockAgentClient, ListKnowledgeBasesCommand } from '@aws-sdk/client-bedrock-agent';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DescribeEndpointCommand,
  DescribeTrainingJobCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListHyperParameterTuningJobsCommand,
  ListModelsCommand,
  ListTrainingJobsCommand,
  ListTransformJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetIndexCommand, GetVectorBucketCommand, ListVectorBucketsCommand, S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { mockClient } from 'aws-sdk-client-mock';
import { PROJECT_TAG } from '../../lib/labs/lab-stack';
import { KNOWN_TYPES } from '../../lib/posture/known-types';
import type { LabLeftovers } from '../../lib/safety/lab-safety';
import { arnKind, leftoversExitCode, renderLeftovers, scanLeftovers, TAGGED_KINDS, type LeftoverScan } from '../../lib/safety/leftovers';
import { PROJECT_TAG_VALUE } from '../../lib/safety/tags';
import { awsError, fakeLeftoverClients, resetMocks } from './fake-aws';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const logs = mockClient(CloudWatchLogsClient);
const sagemaker = mockClient(SageMakerClient);
const glue = mockClient(GlueClient);
const athena = mockClient(AthenaClient);
const kms = mockClient(KMSClient);
const bedrockAgent = mockClient(BedrockAgentClient);
const bedrock = mockClient(BedrockClient);
const s3vectors = mockClient(S3VectorsClient);
const s3 = mockClient(S3Client);
const ec2 = mockClient(EC2Client);
const cloudwatch = mockClient(CloudWatchClient);

const clients = fakeLeftoverClients();
const LEFTOVERS: LabLeftovers = {
  logGroupPrefixes: ['/aws/lambda/{stack}-'],
  logStreams: [{ logGroup: '/aws/sagemaker/TrainingJobs', streamPrefix: '{stack-kebab}-xgboost' }],
  sagemakerPrefixes: ['{stack-kebab}-'],
  glueDatabases: ['{stack_snake}_beehives'],
  athenaWorkgroups: ['{stack-kebab}-workgroup'],
  knowledgeBases: ['{stack-kebab}-kb'],
  guardrails: ['{stack-kebab}-guardrail'],
  vectorBuckets: ['{stack-kebab}-vectors'],
};
const COPY = { stackName: 'alice-Lab03SageMakerPrivate', learner: 'alice' };
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** An account where the destroy removed everything. */
function clean(): void {
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  logs.on(DescribeLogStreamsCommand).rejects(awsError('ResourceNotFoundException'));
  sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [] });
  sagemaker.on(ListEndpointConfigsCommand).resolves({ EndpointConfigs: [] });
  sagemaker.on(ListModelsCommand).resolves({ Models: [] });
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
  sagemaker.on(ListTransformJobsCommand).resolves({ TransformJobSummaries: [] });
  sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [] });
  glue.on(GetDatabaseCommand).rejects(awsError('EntityNotFoundException'));
  athena.on(GetWorkGroupCommand).rejects(awsError('InvalidRequestException', 'WorkGroup alice-lab03sagemakerprivate-workgroup is not found.'));
  bedrockAgent.on(ListKnowledgeBasesCommand).resolves({ knowledgeBaseSummaries: [] });
  bedrock.on(ListGuardrailsCommand).resolves({ guardrails: [] });
  s3vectors.on(ListVectorBucketsCommand).resolves({ vectorBuckets: [] });
}

const scan = () => scanLeftovers({ labId: 'sagemaker-private', copy: COPY, leftovers: LEFTOVERS, clients });

beforeEach(() => {
  resetMocks(tagging, logs, sagemaker, glue, athena, kms, bedrockAgent, bedrock, s3vectors, s3, ec2, cloudwatch);
  s3.on(HeadBucketCommand).resolves({});
  clean();
});

describe('leftovers', () => {
  test('a clean account: exit 0 and a one-line summary', async () => {
    const result = await scan();
    expect(result).toEqual({ found: [], unchecked: [] });
    expect(leftoversExitCode(result)).toBe(0);
    expect(renderLeftovers(COPY.stackName, 'eu-west-1', result)).toBe('✔ alice-Lab03SageMakerPrivate in eu-west-1: nothing billable remains.');
  });

  test("asks the Tagging API for this lab and learner's resources only", async () => {
    await scan();
    expect(tagging.commandCalls(GetResourcesCommand)[0].args[0].input.TagFilters).toEqual([
      { Key: 'project', Values: [PROJECT_TAG] },
      { Key: 'lab', Values: ['sagemaker-private'] },
      { Key: 'learner', Values: ['alice'] },
    ]);
    expect(PROJECT_TAG_VALUE).toBe(PROJECT_TAG);
  });

  test('a running endpoint and an enabled key are billable: exit 1', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: KEY }] });
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', KeyState: 'Enabled' } });
    sagemaker.on(ListEndpointsCommand).resolves({
      Endpoints: [
        { EndpointName: 'alice-lab03sagemakerprivate-endpoint', EndpointArn: 'a', CreationTime: new Date(), LastModifiedTime: new Date(), EndpointStatus: 'InService' },
        // NameContains also matches another copy whose name contains this one's: not ours.
        { EndpointName: 'xalice-lab03sagemakerprivate-endpoint', EndpointArn: 'b', CreationTime: new Date(), LastModifiedTime: new Date(), EndpointStatus: 'InService' },
      ],
    });
    const result = await scan();
    expect(result.found.map((l) => [l.kind, l.billable])).toEqual([
      ['kms:key', true],
      ['sagemaker:endpoint', true],
    ]);
    expect(leftoversExitCode(result)).toBe(1);
    expect(renderLeftovers(COPY.stackName, 'eu-west-1', result)).toMatch(/2 billable leftover\(s\)\. Destroy again \(npx cdk destroy alice-Lab03SageMakerPrivate\)/);
  });

  test('after a clean destroy the Tagging API still lists deleted resources (aws/aws-sdk#676): each is asked of its service, gone means gone', async () => {
    const arns = [
      KEY,
      'arn:aws:s3:::alice-lab03sagemakerprivate-data',
      'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vpc/alice-flow:*',
      'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/alice-lab03sagemakerprivate-endpoint',
      'arn:aws:s3vectors:eu-west-1:123456789012:bucket/alice-lab03sagemakerprivate-vectors',
    ];
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: arns.map((ResourceARN) => ({ ResourceARN })) });
    kms.on(DescribeKeyCommand).rejects(awsError('NotFoundException', `Key '${KEY}' does not exist`));
    s3.on(HeadBucketCommand).rejects(awsError('NotFound'));
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ValidationException', 'Could not find endpoint "alice-lab03sagemakerprivate-endpoint".'));
    s3vectors.on(GetVectorBucketCommand).rejects(awsError('NotFoundException'));
    const result = await scan();
    expect(result).toEqual({ found: [], unchecked: [] });
    expect(leftoversExitCode(result)).toBe(0);
    expect(logs.commandCalls(DescribeLogGroupsCommand).map((c) => c.args[0].input.logGroupNamePrefix)).toContain('/aws/vpc/alice-flow');
  });

  test('a tagged hit its service cannot confirm is one ? line; the others are still checked', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: KEY }, { ResourceARN: 'arn:aws:s3:::alice-bucket' }] });
    kms.on(DescribeKeyCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const result = await scan();
    expect(result.unchecked).toEqual([expect.stringMatching(/^tagged kms:key arn:aws:kms:.*AWS throttled/)]);
    expect(result.found).toEqual([expect.objectContaining({ kind: 's3:bucket', billable: true })]);
  });

  test('a key pending deletion is fine, and its date is printed', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: KEY }] });
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', KeyState: 'PendingDeletion', DeletionDate: new Date('2026-12-05T10:00:00Z') } });
    const result = await scan();
    expect(result.found).toEqual([{ kind: 'kms:key', name: KEY, billable: false, note: 'pending deletion on 2026-12-05' }]);
    expect(leftoversExitCode(result)).toBe(0);
  });

  test("log groups, the training job's streams, the Glue database and the Athena workgroup are found by name", async () => {
    logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/aws/lambda/alice-Lab03SageMakerPrivate-' }).resolves({
      logGroups: [{ logGroupName: '/aws/lambda/alice-Lab03SageMakerPrivate-Fn', storedBytes: 42 }],
    });
    logs.on(DescribeLogStreamsCommand, { logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'alice-lab03sagemakerprivate-xgboost' }).resolves({
      logStreams: [{ logStreamName: 'alice-lab03sagemakerprivate-xgboost-0a1b/algo-1' }],
    });
    glue.on(GetDatabaseCommand, { Name: 'alice_lab03sagemakerprivate_beehives' }).resolves({ Database: { Name: 'alice_lab03sagemakerprivate_beehives' } });
    athena.on(GetWorkGroupCommand, { WorkGroup: 'alice-lab03sagemakerprivate-workgroup' }).resolves({ WorkGroup: { Name: 'alice-lab03sagemakerprivate-workgroup' } });
    const result = await scan();
    expect(result.found.map((l) => `${l.kind} ${l.billable}`)).toEqual([
      'logs:log-group true',
      'logs:log-stream true',
      'glue:database false',
      'athena:workgroup false',
    ]);
  });

  test('a completed training job is a free record; one in progress bills', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({
      TrainingJobSummaries: [
        { TrainingJobName: 'alice-lab03sagemakerprivate-xgboost-1', TrainingJobArn: 'a', CreationTime: new Date(), TrainingJobStatus: 'Completed' },
        { TrainingJobName: 'alice-lab03sagemakerprivate-xgboost-2', TrainingJobArn: 'b', CreationTime: new Date(), TrainingJobStatus: 'InProgress' },
      ],
    });
    const result = await scan();
    expect(result.found.map((l) => l.billable)).toEqual([false, true]);
  });

  test('throttling or an unreachable API is reported as unchecked, and the exit code is not 0', async () => {
    tagging.on(GetResourcesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    glue.on(GetDatabaseCommand).rejects(Object.assign(awsError('Error', 'getaddrinfo ENOTFOUND glue.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }));
    const result: LeftoverScan = await scan();
    expect(result.unchecked).toEqual([
      expect.stringMatching(/^tagged resources: AWS throttled tag:GetResources/),
      expect.stringMatching(/^Glue database alice_lab03sagemakerprivate_beehives: glue:GetDatabase is not reachable/),
    ]);
    expect(leftoversExitCode(result)).toBe(1);
    expect(renderLeftovers(COPY.stackName, 'eu-west-1', result)).toMatch(/nothing billable found, but 2 part\(s\) could not be checked\.$/);
  });

  test('no credentials: said once, with the fix, and nothing else is tried', async () => {
    const noCredentials = awsError('CredentialsProviderError', 'Could not load credentials from any providers');
    tagging.onAnyCommand().rejects(noCredentials);
    logs.onAnyCommand().rejects(noCredentials);
    sagemaker.onAnyCommand().rejects(noCredentials);
    glue.onAnyCommand().rejects(noCredentials);
    athena.onAnyCommand().rejects(noCredentials);
    bedrockAgent.onAnyCommand().rejects(noCredentials);
    const result = await scan();
    expect(result.unchecked).toEqual([expect.stringMatching(/^no AWS credentials were found: run `aws configure` or `aws sso login`/)]);
    expect(logs.calls()).toHaveLength(0);
    expect(leftoversExitCode(result)).toBe(1);
  });

  test("lab 06: its knowledge base, guardrail and vector bucket are found by exact name; only the vector bucket bills", async () => {
    const kb = { knowledgeBaseId: 'KB12345678', name: 'alice-lab03sagemakerprivate-kb', status: 'ACTIVE' as const, updatedAt: new Date() };
    bedrockAgent.on(ListKnowledgeBasesCommand).resolvesOnce({ knowledgeBaseSummaries: [kb], nextToken: 'page2' }).resolves({
      // Another learner's copy whose name ends like this one's: not ours.
      knowledgeBaseSummaries: [{ ...kb, knowledgeBaseId: 'KB87654321', name: 'xalice-lab03sagemakerprivate-kb' }],
    });
    bedrock.on(ListGuardrailsCommand).resolves({
      guardrails: [{ id: 'gr1abc', arn: 'arn:aws:bedrock:eu-west-1:1:guardrail/gr1abc', name: 'alice-lab03sagemakerprivate-guardrail', status: 'READY', version: 'DRAFT', createdAt: new Date(), updatedAt: new Date() }],
    });
    s3vectors.on(ListVectorBucketsCommand, { prefix: 'alice-lab03sagemakerprivate-vectors' }).resolves({
      vectorBuckets: [
        { vectorBucketName: 'alice-lab03sagemakerprivate-vectors', vectorBucketArn: 'arn:aws:s3vectors:eu-west-1:1:bucket/alice-lab03sagemakerprivate-vectors', creationTime: new Date() },
        { vectorBucketName: 'alice-lab03sagemakerprivate-vectors2', vectorBucketArn: 'arn:aws:s3vectors:eu-west-1:1:bucket/alice-lab03sagemakerprivate-vectors2', creationTime: new Date() },
      ],
    });
    const result = await scan();
    expect(result.found.map((l) => `${l.kind} ${l.name} ${l.billable}`)).toEqual([
      'bedrock:knowledge-base alice-lab03sagemakerprivate-kb false',
      'bedrock:guardrail alice-lab03sagemakerprivate-guardrail false',
      's3vectors:bucket alice-lab03sagemakerprivate-vectors true',
    ]);
    expect(bedrockAgent.commandCalls(ListKnowledgeBasesCommand)).toHaveLength(2);
    expect(result.found[0].note).toMatch(/delete-knowledge-base --knowledge-base-id KB12345678$/);
    expect(leftoversExitCode(result)).toBe(1);
  });

  test('lab 06: a resource found by its tags and by its name is listed once, as tagged', async () => {
    const tagged = [
      'arn:aws:bedrock:eu-west-1:1:knowledge-base/KB12345678',
      'arn:aws:bedrock:eu-west-1:1:guardrail/gr1abc',
      'arn:aws:s3vectors:eu-west-1:1:bucket/alice-lab03sagemakerprivate-vectors',
    ];
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: tagged.map((ResourceARN) => ({ ResourceARN })) });
    bedrockAgent.on(ListKnowledgeBasesCommand).resolves({
      knowledgeBaseSummaries: [{ knowledgeBaseId: 'KB12345678', name: 'alice-lab03sagemakerprivate-kb', status: 'ACTIVE', updatedAt: new Date() }],
    });
    bedrock.on(ListGuardrailsCommand).resolves({
      guardrails: [{ id: 'gr1abc', arn: tagged[1], name: 'alice-lab03sagemakerprivate-guardrail', status: 'READY', version: 'DRAFT', createdAt: new Date(), updatedAt: new Date() }],
    });
    s3vectors.on(ListVectorBucketsCommand).resolves({
      vectorBuckets: [{ vectorBucketName: 'alice-lab03sagemakerprivate-vectors', vectorBucketArn: tagged[2], creationTime: new Date() }],
    });
    const result = await scan();
    expect(result.found.map((l) => `${l.kind} ${l.name} ${l.billable}`)).toEqual([
      `bedrock:knowledge-base ${tagged[0]} false`,
      `bedrock:guardrail ${tagged[1]} false`,
      `s3vectors:bucket ${tagged[2]} true`,
    ]);
  });

  test('lab 06: a throttled or unavailable Bedrock or S3 Vectors API is "could not check", not nothing found', async () => {
    bedrockAgent.on(ListKnowledgeBasesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    bedrock.on(ListGuardrailsCommand).rejects(awsError('ServiceUnavailableException', 'Service unavailable'));
    s3vectors.on(ListVectorBucketsCommand).rejects(Object.assign(awsError('Error', 'getaddrinfo ENOTFOUND s3vectors.eu-west-1.api.aws'), { code: 'ENOTFOUND' }));
    const result = await scan();
    expect(result.found).toEqual([]);
    expect(result.unchecked).toEqual([
      expect.stringMatching(/^Bedrock knowledge base alice-lab03sagemakerprivate-kb: AWS throttled bedrock:ListKnowledgeBases/),
      expect.stringMatching(/^Bedrock guardrail alice-lab03sagemakerprivate-guardrail: bedrock:ListGuardrails failed: ServiceUnavailableException/),
      expect.stringMatching(/^S3 Vectors vector bucket alice-lab03sagemakerprivate-vectors: s3vectors:ListVectorBuckets is not reachable/),
    ]);
    expect(leftoversExitCode(result)).toBe(1);
    expect(renderLeftovers(COPY.stackName, 'eu-west-1', result)).toMatch(/nothing billable found, but 3 part\(s\) could not be checked\.$/);
  });

  test('ARN kinds', () => {
    expect(arnKind('arn:aws:sagemaker:eu-west-1:1:endpoint/x')).toBe('sagemaker:endpoint');
    expect(arnKind('arn:aws:logs:eu-west-1:1:log-group:/aws/x')).toBe('logs:log-group');
    expect(arnKind(KEY)).toBe('kms:key');
    expect(arnKind('arn:aws:sqs:eu-west-1:1:alice-dlq')).toBe('sqs:queue');
    expect(arnKind('arn:aws:sns:eu-west-1:1:alice-topic')).toBe('sns:topic');
    expect(arnKind('arn:aws:codepipeline:eu-west-1:1:alice-delivery')).toBe('codepipeline:pipeline');
    expect(arnKind('arn:aws:sagemaker:eu-west-1:1:model-package/alice-models/3')).toBe('sagemaker:model-package');
    expect(arnKind('arn:aws:s3vectors:eu-west-1:1:bucket/b/index/i')).toBe('s3vectors:index');
    expect(arnKind('arn:aws:states:eu-west-1:1:stateMachine:alice-chain')).toBe('states:stateMachine');
  });
});

describe('every tagged type that can bill is confirmed with its own service; the others say why they cost nothing idle', () => {
  const ARN = {
    interfaceEndpoint: 'arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-0interface',
    gatewayEndpoint: 'arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-0gateway',
    alarm: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:alice-lab03sagemakerprivate-idle',
    trainingJob: 'arn:aws:sagemaker:eu-west-1:123456789012:training-job/alice-lab03sagemakerprivate-xgboost',
    index: 'arn:aws:s3vectors:eu-west-1:123456789012:bucket/alice-lab06bedrockrag-vectors/index/kb',
  };
  const FREE = [
    'arn:aws:lambda:eu-west-1:123456789012:function:alice-Lab03SageMakerPrivate-Fn',
    'arn:aws:states:eu-west-1:123456789012:stateMachine:alice-chain',
    'arn:aws:firehose:eu-west-1:123456789012:deliverystream/alice-stream',
    'arn:aws:sqs:eu-west-1:123456789012:alice-dlq',
    'arn:aws:sns:eu-west-1:123456789012:alice-topic',
    'arn:aws:events:eu-west-1:123456789012:rule/alice-rule',
  ];
  const tagged = (arns: readonly string[]) => tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: arns.map((ResourceARN) => ({ ResourceARN })) });

  test('after a clean destroy the tagging API still lists an interface endpoint, an alarm, a training job and a vector index: all gone', async () => {
    tagged(Object.values(ARN));
    ec2.on(DescribeVpcEndpointsCommand).rejects(awsError('InvalidVpcEndpointId.NotFound', "The VpcEndpoint Id 'vpce-0interface' does not exist"));
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('ResourceNotFound', 'Requested resource not found.'));
    s3vectors.on(GetIndexCommand).rejects(awsError('NotFoundException'));
    const result = await scan();
    expect(result).toEqual({ found: [], unchecked: [] });
    expect(leftoversExitCode(result)).toBe(0);
  });

  test('an endpoint EC2 lists as deleted is gone', async () => {
    tagged([ARN.interfaceEndpoint]);
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [{ VpcEndpointId: 'vpce-0interface', VpcEndpointType: 'Interface', State: 'Deleted' }] });
    expect((await scan()).found).toEqual([]);
  });

  test('still there: an interface endpoint and an alarm bill, a gateway endpoint does not', async () => {
    tagged([ARN.interfaceEndpoint, ARN.gatewayEndpoint, ARN.alarm]);
    ec2.on(DescribeVpcEndpointsCommand, { VpcEndpointIds: ['vpce-0interface'] }).resolves({ VpcEndpoints: [{ VpcEndpointId: 'vpce-0interface', VpcEndpointType: 'Interface', State: 'Available' }] });
    ec2.on(DescribeVpcEndpointsCommand, { VpcEndpointIds: ['vpce-0gateway'] }).resolves({ VpcEndpoints: [{ VpcEndpointId: 'vpce-0gateway', VpcEndpointType: 'Gateway', State: 'Available' }] });
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'alice-lab03sagemakerprivate-idle' }] });
    const result = await scan();
    expect(result.found.map((l) => [l.name, l.billable])).toEqual([
      [ARN.interfaceEndpoint, true],
      [ARN.gatewayEndpoint, false],
      [ARN.alarm, true],
    ]);
    expect(leftoversExitCode(result)).toBe(1);
  });

  test('a tagged training job in progress bills; the name scan does not hide it as a free record', async () => {
    tagged([ARN.trainingJob]);
    sagemaker.on(DescribeTrainingJobCommand).resolves({ TrainingJobStatus: 'InProgress' });
    expect((await scan()).found).toEqual([expect.objectContaining({ kind: 'sagemaker:training-job', billable: true, note: 'InProgress' })]);
  });

  test('functions, state machines, streams, queues, topics and rules cost nothing idle: free records, no service asked', async () => {
    tagged(FREE);
    const result = await scan();
    expect(result.found.map((l) => [arnKind(l.name), l.billable])).toEqual(FREE.map((arn) => [arnKind(arn), false]));
    expect(leftoversExitCode(result)).toBe(0);
  });

  test('each free type says why, with a source', () => {
    for (const [kind, known] of Object.entries(TAGGED_KINDS)) {
      if ('free' in known) expect({ kind, why: known.free }).toEqual({ kind, why: expect.stringMatching(/\((https:\/\/[^ )]+|bedrock-leftovers\.ts)/) });
    }
  });

  test("every resource type the labs create (the posture's known types) is in the table, or carries no tag of its own", () => {
    // The ARN kind each type's resources carry in the Resource Groups Tagging API; null: not a tagged resource
    // of its own (a policy, an association, a version, a rule of a security group, the CDK's metadata).
    const KIND_OF: Readonly<Record<string, string | null>> = {
      'AWS::ApplicationAutoScaling::ScalableTarget': 'application-autoscaling:scalable-target',
      'AWS::ApplicationAutoScaling::ScalingPolicy': null,
      'AWS::Athena::NamedQuery': null,
      'AWS::Athena::WorkGroup': 'athena:workgroup',
      'AWS::Bedrock::DataSource': null,
      'AWS::Bedrock::Guardrail': 'bedrock:guardrail',
      'AWS::Bedrock::GuardrailVersion': null,
      'AWS::Bedrock::KnowledgeBase': 'bedrock:knowledge-base',
      'AWS::CDK::Metadata': null,
      'AWS::CloudWatch::Alarm': 'cloudwatch:alarm',
      'AWS::CodePipeline::Pipeline': 'codepipeline:pipeline',
      // Dashboards take no tags in CloudFormation (AWS::CloudWatch::Dashboard has no Tags property).
      'AWS::CloudWatch::Dashboard': null,
      'AWS::EC2::FlowLog': 'ec2:vpc-flow-log',
      'AWS::EC2::Route': null,
      'AWS::EC2::RouteTable': 'ec2:route-table',
      'AWS::EC2::SecurityGroup': 'ec2:security-group',
      'AWS::EC2::SecurityGroupEgress': null,
      'AWS::EC2::SecurityGroupIngress': null,
      'AWS::EC2::Subnet': 'ec2:subnet',
      'AWS::EC2::SubnetRouteTableAssociation': null,
      'AWS::EC2::VPC': 'ec2:vpc',
      'AWS::EC2::VPCEndpoint': 'ec2:vpc-endpoint',
      'AWS::Events::Rule': 'events:rule',
      'AWS::Glue::Crawler': 'glue:crawler',
      'AWS::Glue::Database': 'glue:database',
      'AWS::Glue::SecurityConfiguration': null,
      'AWS::IAM::ManagedPolicy': null,
      'AWS::IAM::Policy': null,
      'AWS::IAM::Role': 'iam:role',
      'AWS::KMS::Key': 'kms:key',
      'AWS::KinesisFirehose::DeliveryStream': 'firehose:deliverystream',
      'AWS::Lambda::Function': 'lambda:function',
      'AWS::Lambda::LayerVersion': null,
      'AWS::Lambda::Permission': null,
      'AWS::Logs::LogGroup': 'logs:log-group',
      'AWS::Logs::LogStream': null,
      'AWS::S3::Bucket': 's3:bucket',
      'AWS::S3::BucketPolicy': null,
      'AWS::S3Vectors::Index': 's3vectors:index',
      'AWS::S3Vectors::VectorBucket': 's3vectors:bucket',
      'AWS::S3Vectors::VectorBucketPolicy': null,
      'AWS::SNS::Subscription': null,
      'AWS::SNS::Topic': 'sns:topic',
      'AWS::SNS::TopicPolicy': null,
      'AWS::SQS::Queue': 'sqs:queue',
      'AWS::SQS::QueuePolicy': null,
      'AWS::SageMaker::Endpoint': 'sagemaker:endpoint',
      'AWS::SageMaker::EndpointConfig': 'sagemaker:endpoint-config',
      'AWS::SageMaker::Model': 'sagemaker:model',
      'AWS::SageMaker::ModelPackageGroup': 'sagemaker:model-package-group',
      'AWS::SageMaker::Pipeline': 'sagemaker:pipeline',
      'AWS::StepFunctions::StateMachine': 'states:stateMachine',
      // Custom resources are no AWS resource; the SageMaker jobs three of them start are.
      'Custom::CDKBucketDeployment': null,
      'Custom::GlueCrawlerRun': null,
      'Custom::KnowledgeBaseIngestion': null,
      // Lab 07's clean-up is no AWS resource; the versions its pipeline registers (tagged) are.
      'Custom::MlopsRunTimeCleanup': 'sagemaker:model-package',
      'Custom::S3AutoDeleteObjects': null,
      'Custom::S3PrefixList': null,
      'Custom::SageMakerEniCleanup': null,
      'Custom::SageMakerTrainingJob': 'sagemaker:training-job',
      'Custom::SageMakerTransformJob': 'sagemaker:transform-job',
      'Custom::SageMakerTuningJob': 'sagemaker:hyper-parameter-tuning-job',
      'Custom::VpcRestrictDefaultSG': null,
    };
    expect(Object.keys(KNOWN_TYPES).sort()).toEqual(Object.keys(KIND_OF).sort());
    const kinds = Object.values(KIND_OF).filter((k): k is string => k !== null);
    expect(kinds.filter((k) => !(k in TAGGED_KINDS))).toEqual([]);
  });

  test('a type the kit does not know is billable until someone checks it', async () => {
    tagged(['arn:aws:rds:eu-west-1:123456789012:db:alice-db']);
    expect((await scan()).found).toEqual([expect.objectContaining({ kind: 'rds:db', billable: true })]);
  });
});
