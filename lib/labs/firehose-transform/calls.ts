/**
 * Lab 02's AWS calls (see lib/labs/call-table.ts): the producer's records, Firehose with its role
 * (transform, delivery, error logging), and the emptying on destroy.
 */
import { allow, deny, type CallTable } from '../call-table';

const ROLE = { role: 'DeliveryRole' };
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
const LOGS = 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}';
const FIREHOSE_ACCESS = 'https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html';
const CWL_KMS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html';

export const CALLS: CallTable = {
  lab: 'firehose-transform',
  calls: [
    allow('run', 'the producer sends records (produce, bench)', 'learner', 'firehose:PutRecordBatch', '${Stream.Arn}'),
    // Firehose assumes the delivery role, naming this account as external id.
    allow('run', 'Firehose assumes the delivery role for this account', { service: 'firehose.amazonaws.com' }, 'sts:AssumeRole', '${DeliveryRole.Arn}', {
      context: { 'sts:ExternalId': '${AWS::AccountId}' },
      source: FIREHOSE_ACCESS,
    }),
    deny('run', "a stream of another account cannot assume the delivery role", { service: 'firehose.amazonaws.com' }, 'sts:AssumeRole', '${DeliveryRole.Arn}', {
      context: { 'sts:ExternalId': '999999999999' },
      source: FIREHOSE_ACCESS,
    }),
    allow('run', 'Firehose reads the transform configuration', ROLE, 'lambda:GetFunctionConfiguration', '${Transform.Arn}', { source: FIREHOSE_ACCESS }),
    allow('run', 'Firehose invokes the transform', ROLE, 'lambda:InvokeFunction', '${Transform.Arn}', { source: FIREHOSE_ACCESS }),
    deny('run', 'Firehose invokes no other function', ROLE, 'lambda:InvokeFunction', 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:another'),
    allow('run', 'Firehose delivers transformed records', ROLE, 's3:PutObject', '${Delivery.Arn}/data/year=2026/month=01/day=01/hour=00/x.gz'),
    allow('run', 'Firehose delivers rejected records', ROLE, 's3:PutObject', '${Delivery.Arn}/errors/processing-failed/year=2026/month=01/day=01/x.gz'),
    allow('run', 'Firehose backs up source records', ROLE, 's3:PutObject', '${Delivery.Arn}/source/year=2026/month=01/day=01/hour=00/x.gz'),
    allow('run', 'Firehose aborts a failed multipart upload', ROLE, 's3:AbortMultipartUpload', '${Delivery.Arn}/data/x.gz', { source: FIREHOSE_ACCESS }),
    allow('run', 'Firehose checks the bucket', ROLE, 's3:GetBucketLocation', '${Delivery.Arn}', { source: FIREHOSE_ACCESS }),
    allow('run', 'S3 encrypts the delivered objects with the lab key (bucket key: the context is the bucket ARN)', ROLE, 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Delivery.Arn}' },
      source: FIREHOSE_ACCESS,
    }),
    deny('run', 'the delivery role uses the lab key for no other bucket', ROLE, 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${AccessLogs.Arn}' },
    }),
    deny('run', 'the delivery role uses the lab key only through S3', ROLE, 'kms:Decrypt', '${LabKey.Arn}', {
      context: { 'kms:EncryptionContext:aws:s3:arn': '${Delivery.Arn}' },
    }),
    deny('run', 'Firehose writes no other bucket', ROLE, 's3:PutObject', '${AccessLogs.Arn}/x'),
    deny('run', 'Firehose deletes nothing', ROLE, 's3:DeleteObject', '${Delivery.Arn}/data/x.gz'),
    allow('run', 'Firehose logs a failed delivery', ROLE, 'logs:PutLogEvents', `${LOGS}:log-group:\${DeliveryLogs.Ref}:log-stream:DestinationDelivery`),
    deny('run', "Firehose writes no other log group", ROLE, 'logs:PutLogEvents', `${LOGS}:log-group:\${TransformLogs.Ref}:log-stream:x`),
    allow('run', 'CloudWatch Logs encrypts the delivery log group with the lab key', { service: 'logs.${AWS::Region}.amazonaws.com' }, 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { 'kms:EncryptionContext:aws:logs:arn': `${LOGS}:log-group:\${DeliveryLogs.Ref}` },
      source: CWL_KMS,
    }),
    allow('run', 'the transform writes its own log group', { role: 'TransformRole' }, 'logs:PutLogEvents', `${LOGS}:log-group:\${TransformLogs.Ref}:log-stream:x`),
    deny('run', 'the transform reads no bucket', { role: 'TransformRole' }, 's3:GetObject', '${Delivery.Arn}/data/x.gz'),
    allow('run', 'the learner reads the delivered objects (verify)', 'learner', 's3:GetObject', '${Delivery.Arn}/data/year=2026/month=01/day=01/hour=00/x.gz'),
    deny('run', 'the bucket refuses requests without TLS', 'learner', 's3:GetObject', '${Delivery.Arn}/data/x.gz', { context: { 'aws:SecureTransport': 'false' } }),
    allow('destroy', 'the auto-delete handler empties the delivery bucket', { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
      's3:DeleteObjectVersion', '${Delivery.Arn}/data/x.gz'),
  ],
};
