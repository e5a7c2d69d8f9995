/**
 * Lab 01's AWS calls (see lib/labs/call-table.ts): the crawl at deploy time, the learner's Athena
 * queries at run time, the emptying and the crawl stop at destroy time.
 */
import type { CallRow, CallTable } from '../call-table';

const LOGS = 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}';
const GLUE = 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}';
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
const CWL_ARNS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html';
const CWL_KMS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html';
const GLUE_ENCRYPTION = 'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html';
const S3_BUCKET_KEY = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html';
const crawlerLogGroup = `${LOGS}:log-group:\${Crawler/Logs.Ref}`;

const crawl: CallRow[] = [
  {
    phase: 'deploy',
    why: 'Glue assumes the crawler role',
    principal: { service: 'glue.amazonaws.com' },
    action: 'sts:AssumeRole',
    resource: '${Crawler/Role.Arn}',
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'Glue associates the security configuration key with the crawler log group before the crawl',
    principal: { role: 'Crawler/Role' },
    action: 'logs:AssociateKmsKey',
    resource: `${crawlerLogGroup}:*`,
    expect: 'allow',
    source: CWL_ARNS,
  },
  {
    phase: 'deploy',
    why: 'Glue calls CreateLogGroup for the crawler log group (it exists: the stack made it)',
    principal: { role: 'Crawler/Role' },
    action: 'logs:CreateLogGroup',
    resource: `${crawlerLogGroup}:*`,
    expect: 'allow',
    source: GLUE_ENCRYPTION,
  },
  {
    phase: 'deploy',
    why: 'the crawler writes its log stream',
    principal: { role: 'Crawler/Role' },
    action: 'logs:PutLogEvents',
    resource: `${crawlerLogGroup}:log-stream:\${Crawler.Ref}`,
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'the crawler may not associate a key with another log group',
    principal: { role: 'Crawler/Role' },
    action: 'logs:AssociateKmsKey',
    resource: `${LOGS}:log-group:/aws-glue/crawlers:*`,
    expect: 'deny',
  },
  {
    phase: 'deploy',
    why: 'CloudWatch Logs encrypts the crawler log group with the lab key',
    principal: { service: 'logs.${AWS::Region}.amazonaws.com' },
    action: 'kms:GenerateDataKey',
    resource: '${LabKey.Arn}',
    context: { 'kms:EncryptionContext:aws:logs:arn': crawlerLogGroup },
    expect: 'allow',
    source: CWL_KMS,
  },
  {
    phase: 'deploy',
    why: "CloudWatch Logs may not use the lab key for another account's log group",
    principal: { service: 'logs.${AWS::Region}.amazonaws.com' },
    action: 'kms:GenerateDataKey',
    resource: '${LabKey.Arn}',
    context: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:${AWS::Region}:999999999999:log-group:x' },
    expect: 'deny',
    source: CWL_KMS,
  },
  {
    phase: 'deploy',
    why: 'the crawler lists the raw zone',
    principal: { role: 'Crawler/Role' },
    action: 's3:ListBucket',
    resource: '${RawData.Arn}',
    context: { 's3:prefix': 'raw/' },
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'the crawler may not list outside the raw zone',
    principal: { role: 'Crawler/Role' },
    action: 's3:ListBucket',
    resource: '${RawData.Arn}',
    context: { 's3:prefix': 'private/' },
    expect: 'deny',
  },
  {
    phase: 'deploy',
    why: 'the crawler reads a sample file',
    principal: { role: 'Crawler/Role' },
    action: 's3:GetObject',
    resource: '${RawData.Arn}/raw/hives/hives.csv',
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'S3 decrypts the sample file for the crawler (bucket key: the context is the bucket ARN)',
    principal: { role: 'Crawler/Role' },
    action: 'kms:Decrypt',
    resource: '${LabKey.Arn}',
    context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${RawData.Arn}' },
    expect: 'allow',
    source: S3_BUCKET_KEY,
  },
  {
    phase: 'deploy',
    why: 'the crawler may not read the query results',
    principal: { role: 'Crawler/Role' },
    action: 's3:GetObject',
    resource: '${AthenaResults.Arn}/athena/q.csv',
    expect: 'deny',
  },
  {
    phase: 'deploy',
    why: 'the crawler may not write the raw zone',
    principal: { role: 'Crawler/Role' },
    action: 's3:PutObject',
    resource: '${RawData.Arn}/raw/hives/hives.csv',
    expect: 'deny',
  },
  {
    phase: 'deploy',
    why: 'the crawler creates a table in the lab database',
    principal: { role: 'Crawler/Role' },
    action: 'glue:CreateTable',
    resource: `${GLUE}:table/\${Database.Ref}/hives`,
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'the crawler adds partitions',
    principal: { role: 'Crawler/Role' },
    action: 'glue:BatchCreatePartition',
    resource: `${GLUE}:table/\${Database.Ref}/inspections`,
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'the crawler may not write tables of another database',
    principal: { role: 'Crawler/Role' },
    action: 'glue:CreateTable',
    resource: `${GLUE}:table/default/hives`,
    expect: 'deny',
  },
  {
    phase: 'deploy',
    why: 'the crawler may not delete tables (DeleteBehavior LOG)',
    principal: { role: 'Crawler/Role' },
    action: 'glue:DeleteTable',
    resource: `${GLUE}:table/\${Database.Ref}/hives`,
    expect: 'deny',
  },
];

const crawlerRun: CallRow[] = [
  {
    phase: 'deploy',
    why: 'the crawler-run handler starts the crawl',
    principal: { role: 'CrawlerRun/OnEventRole' },
    action: 'glue:StartCrawler',
    resource: `${GLUE}:crawler/\${Crawler.Ref}`,
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'the crawler-run handler may not start another crawler',
    principal: { role: 'CrawlerRun/OnEventRole' },
    action: 'glue:StartCrawler',
    resource: `${GLUE}:crawler/another-crawler`,
    expect: 'deny',
  },
  {
    phase: 'deploy',
    why: 'the completion handler reads the crawl state',
    principal: { role: 'CrawlerRun/IsCompleteRole' },
    action: 'glue:GetCrawler',
    resource: `${GLUE}:crawler/\${Crawler.Ref}`,
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'the handler writes its own log group',
    principal: { role: 'CrawlerRun/OnEventRole' },
    action: 'logs:PutLogEvents',
    resource: `${LOGS}:log-group:\${CrawlerRun/OnEventLogs.Ref}:log-stream:2026/01/01/[$LATEST]0`,
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: "the handler may not write another function's log group",
    principal: { role: 'CrawlerRun/OnEventRole' },
    action: 'logs:PutLogEvents',
    resource: `${LOGS}:log-group:\${CrawlerRun/IsCompleteLogs.Ref}:log-stream:2026/01/01/[$LATEST]0`,
    expect: 'deny',
  },
  {
    phase: 'deploy',
    why: 'the Provider framework invokes the crawler-run handler',
    principal: { role: 'CrawlerRun/Provider/Provider/framework-onEvent/ServiceRole' },
    action: 'lambda:InvokeFunction',
    resource: '${CrawlerRun/OnEvent.Arn}',
    expect: 'allow',
  },
  {
    phase: 'deploy',
    why: 'the framework starts its waiter state machine',
    principal: { role: 'CrawlerRun/Provider/Provider/framework-onEvent/ServiceRole' },
    action: 'states:StartExecution',
    resource: '${CrawlerRun/Provider/Provider/waiter-state-machine.Arn}',
    expect: 'allow',
  },
  {
    phase: 'destroy',
    why: 'destroy stops a running crawl before the crawler is deleted',
    principal: { role: 'CrawlerRun/OnEventRole' },
    action: 'glue:StopCrawler',
    resource: `${GLUE}:crawler/\${Crawler.Ref}`,
    expect: 'allow',
  },
];

const queries: CallRow[] = [
  {
    phase: 'run',
    why: 'Athena writes query results with the learner credentials',
    principal: 'learner',
    action: 's3:PutObject',
    resource: '${AthenaResults.Arn}/athena/0000.csv',
    expect: 'allow',
  },
  {
    phase: 'run',
    why: 'S3 encrypts the results with the lab key for the learner',
    principal: 'learner',
    action: 'kms:GenerateDataKey',
    resource: '${LabKey.Arn}',
    context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${AthenaResults.Arn}' },
    expect: 'allow',
  },
  {
    phase: 'run',
    why: 'the bucket policy refuses requests without TLS, even from an administrator',
    principal: 'learner',
    action: 's3:GetObject',
    resource: '${RawData.Arn}/raw/hives/hives.csv',
    context: { 'aws:SecureTransport': 'false' },
    expect: 'deny',
  },
  {
    phase: 'run',
    why: 'S3 delivers the raw bucket server access logs to the log bucket',
    principal: { service: 'logging.s3.amazonaws.com', sourceArn: '${RawData.Arn}', sourceAccount: '${AWS::AccountId}' },
    action: 's3:PutObject',
    resource: '${AccessLogs.Arn}/RawData/2026-01-01-00-00-00-0',
    expect: 'allow',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
  },
  {
    phase: 'run',
    why: "S3 log delivery may not write another bucket's logs under the raw bucket's prefix",
    principal: { service: 'logging.s3.amazonaws.com', sourceArn: 'arn:aws:s3:::another-bucket', sourceAccount: '${AWS::AccountId}' },
    action: 's3:PutObject',
    resource: '${AccessLogs.Arn}/RawData/2026-01-01-00-00-00-0',
    expect: 'deny',
  },
];

const destroy: CallRow[] = [
  {
    phase: 'destroy',
    why: 'the auto-delete handler denies new writes, then empties the raw bucket',
    principal: { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
    action: 's3:PutBucketPolicy',
    resource: '${RawData.Arn}',
    expect: 'allow',
  },
  {
    phase: 'destroy',
    why: 'the auto-delete handler deletes object versions',
    principal: { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
    action: 's3:DeleteObjectVersion',
    resource: '${AthenaResults.Arn}/athena/0000.csv',
    expect: 'allow',
  },
  {
    phase: 'destroy',
    why: 'the auto-delete handler empties the log bucket',
    principal: { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
    action: 's3:ListBucketVersions',
    resource: '${AccessLogs.Arn}',
    expect: 'allow',
  },
];

export const CALLS: CallTable = { lab: 'data-lake', calls: [...crawl, ...crawlerRun, ...queries, ...destroy] };
