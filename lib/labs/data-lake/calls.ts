/**
 * Lab 01's AWS calls (see lib/labs/call-table.ts): the crawl at deploy time, the learner's Athena
 * queries at run time, the emptying and the crawl stop at destroy time.
 */
import { allow, deny, type CallTable } from '../call-table';

const LOGS = 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}';
const GLUE = 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}';
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
const CWL_ARNS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html';
const CWL_KMS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html';
const GLUE_ENCRYPTION = 'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html';
const S3_BUCKET_KEY = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html';
const S3_LOGGING = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html';
const CRAWLER_LOGS = `${LOGS}:log-group:\${Crawler/Logs.Ref}`;
const CRAWLER = { role: 'Crawler/Role' };
const CRAWLER_ARN = `${GLUE}:crawler/\${Crawler.Ref}`;
const TABLES = `${GLUE}:table/\${Database.Ref}`;
const ON_EVENT = { role: 'CrawlerRun/OnEventRole' };
const FRAMEWORK = { role: 'CrawlerRun/Provider/Provider/framework-onEvent/ServiceRole' };
const EMPTYING = { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' };
const CLOUDWATCH_LOGS = { service: 'logs.${AWS::Region}.amazonaws.com' };
const S3_LOG_DELIVERY = { service: 'logging.s3.amazonaws.com', sourceArn: '${RawData.Arn}', sourceAccount: '${AWS::AccountId}' };

export const CALLS: CallTable = {
  lab: 'data-lake',
  calls: [
    // The crawl, run by the crawler-run resource during deploy: a failed crawl fails the deploy.
    allow('deploy', 'Glue assumes the crawler role', { service: 'glue.amazonaws.com' }, 'sts:AssumeRole', '${Crawler/Role.Arn}'),
    allow('deploy', 'Glue associates the security configuration key with the crawler log group before the crawl', CRAWLER,
      'logs:AssociateKmsKey', `${CRAWLER_LOGS}:*`, { source: CWL_ARNS }),
    allow('deploy', 'Glue calls CreateLogGroup for the crawler log group (it exists: the stack made it)', CRAWLER,
      'logs:CreateLogGroup', `${CRAWLER_LOGS}:*`, { source: GLUE_ENCRYPTION }),
    allow('deploy', 'the crawler writes its log stream', CRAWLER, 'logs:PutLogEvents', `${CRAWLER_LOGS}:log-stream:\${Crawler.Ref}`),
    deny('deploy', 'the crawler may not associate a key with another log group', CRAWLER, 'logs:AssociateKmsKey', `${LOGS}:log-group:/aws-glue/crawlers:*`),
    allow('deploy', 'CloudWatch Logs encrypts the crawler log group with the lab key', CLOUDWATCH_LOGS, 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { 'kms:EncryptionContext:aws:logs:arn': CRAWLER_LOGS },
      source: CWL_KMS,
    }),
    deny('deploy', "CloudWatch Logs may not use the lab key for another account's log group", CLOUDWATCH_LOGS, 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:${AWS::Region}:999999999999:log-group:x' },
      source: CWL_KMS,
    }),
    allow('deploy', 'the crawler lists the raw zone', CRAWLER, 's3:ListBucket', '${RawData.Arn}', { context: { 's3:prefix': 'raw/' } }),
    deny('deploy', 'the crawler may not list outside the raw zone', CRAWLER, 's3:ListBucket', '${RawData.Arn}', { context: { 's3:prefix': 'private/' } }),
    allow('deploy', 'the crawler reads a sample file', CRAWLER, 's3:GetObject', '${RawData.Arn}/raw/hives/hives.csv'),
    allow('deploy', 'S3 decrypts the sample file for the crawler (bucket key: the context is the bucket ARN)', CRAWLER, 'kms:Decrypt', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${RawData.Arn}' },
      source: S3_BUCKET_KEY,
    }),
    deny('deploy', 'the crawler may not read the query results', CRAWLER, 's3:GetObject', '${AthenaResults.Arn}/athena/q.csv'),
    deny('deploy', 'the crawler may not write the raw zone', CRAWLER, 's3:PutObject', '${RawData.Arn}/raw/hives/hives.csv'),
    allow('deploy', 'the crawler creates a table in the lab database', CRAWLER, 'glue:CreateTable', `${TABLES}/hives`),
    allow('deploy', 'the crawler adds partitions', CRAWLER, 'glue:BatchCreatePartition', `${TABLES}/inspections`),
    deny('deploy', 'the crawler may not write tables of another database', CRAWLER, 'glue:CreateTable', `${GLUE}:table/default/hives`),
    deny('deploy', 'the crawler may not delete tables (DeleteBehavior LOG)', CRAWLER, 'glue:DeleteTable', `${TABLES}/hives`),

    // The crawler-run resource: its handlers and the CDK Provider framework around them.
    allow('deploy', 'the crawler-run handler starts the crawl', ON_EVENT, 'glue:StartCrawler', CRAWLER_ARN),
    deny('deploy', 'the crawler-run handler may not start another crawler', ON_EVENT, 'glue:StartCrawler', `${GLUE}:crawler/another-crawler`),
    allow('deploy', 'the completion handler reads the crawl state', { role: 'CrawlerRun/IsCompleteRole' }, 'glue:GetCrawler', CRAWLER_ARN),
    allow('deploy', 'the handler writes its own log group', ON_EVENT, 'logs:PutLogEvents',
      `${LOGS}:log-group:\${CrawlerRun/OnEventLogs.Ref}:log-stream:2026/01/01/[$LATEST]0`),
    deny('deploy', "the handler may not write another function's log group", ON_EVENT, 'logs:PutLogEvents',
      `${LOGS}:log-group:\${CrawlerRun/IsCompleteLogs.Ref}:log-stream:2026/01/01/[$LATEST]0`),
    allow('deploy', 'the Provider framework invokes the crawler-run handler', FRAMEWORK, 'lambda:InvokeFunction', '${CrawlerRun/OnEvent.Arn}'),
    allow('deploy', 'the framework starts its waiter state machine', FRAMEWORK, 'states:StartExecution', '${CrawlerRun/Provider/Provider/waiter-state-machine.Arn}'),
    allow('destroy', 'destroy stops a running crawl before the crawler is deleted', ON_EVENT, 'glue:StopCrawler', CRAWLER_ARN),

    // The learner's queries: Athena writes results with the learner's credentials.
    allow('run', 'Athena writes query results with the learner credentials', 'learner', 's3:PutObject', '${AthenaResults.Arn}/athena/0000.csv'),
    allow('run', 'S3 encrypts the results with the lab key for the learner', 'learner', 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${AthenaResults.Arn}' },
    }),
    deny('run', 'the bucket policy refuses requests without TLS, even from an administrator', 'learner', 's3:GetObject',
      '${RawData.Arn}/raw/hives/hives.csv', { context: { 'aws:SecureTransport': 'false' } }),
    allow('run', 'S3 delivers the raw bucket server access logs to the log bucket', S3_LOG_DELIVERY, 's3:PutObject',
      '${AccessLogs.Arn}/RawData/2026-01-01-00-00-00-0', { source: S3_LOGGING }),
    deny('run', "S3 log delivery may not write another bucket's logs under the raw bucket's prefix", { ...S3_LOG_DELIVERY, sourceArn: 'arn:aws:s3:::another-bucket' },
      's3:PutObject', '${AccessLogs.Arn}/RawData/2026-01-01-00-00-00-0', { source: S3_LOGGING }),

    // Destroy: the auto-delete handler denies new writes, then empties each bucket.
    allow('destroy', 'the auto-delete handler denies new writes to the raw bucket', EMPTYING, 's3:PutBucketPolicy', '${RawData.Arn}'),
    allow('destroy', 'the auto-delete handler deletes object versions', EMPTYING, 's3:DeleteObjectVersion', '${AthenaResults.Arn}/athena/0000.csv'),
    allow('destroy', 'the auto-delete handler empties the log bucket', EMPTYING, 's3:ListBucketVersions', '${AccessLogs.Arn}'),
  ],
};
