/** Lab 02: where each control of labs/02-firehose-transform/GUIDE.md shows in the lab's posture. */
import { COMMON_EVIDENCE, type ControlEvidence, LAB_KEY_BUCKET, PRIVATE_BUCKETS, TLS_ONLY_BUCKETS } from '../../posture/controls/evidence';

const DESTINATION = 'ExtendedS3DestinationConfiguration';
const BACKUP = `${DESTINATION}.S3BackupConfiguration`;

export const FIREHOSE_TRANSFORM_EVIDENCE: ControlEvidence = {
  'the delivery stream encrypts buffered records with the lab key': [
    { in: 'Stream', shows: ['DeliveryStreamEncryptionConfigurationInput.KeyARN = ${LabKey.Arn}', 'KeyType = CUSTOMER_MANAGED_CMK'] },
  ],
  'delivered and backed-up objects are compressed and encrypted with the lab key': [
    {
      in: 'Stream',
      shows: [
        `${DESTINATION}.CompressionFormat = GZIP`,
        `${DESTINATION}.EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN = \${LabKey.Arn}`,
        `${BACKUP}.CompressionFormat = GZIP`,
        `${BACKUP}.EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN = \${LabKey.Arn}`,
      ],
    },
  ],
  'the delivery bucket is encrypted with the lab key, TLS-only and private': [
    { in: 'Delivery', shows: [...LAB_KEY_BUCKET, 'LoggingConfiguration.DestinationBucketName = ${AccessLogs}'] },
    PRIVATE_BUCKETS,
    TLS_ONLY_BUCKETS,
  ],
  'rejected records go to their own error prefix': [
    {
      in: 'Stream',
      shows: [`${DESTINATION}.ErrorOutputPrefix = errors/!{firehose:error-output-type}/`, `${BACKUP}.ErrorOutputPrefix = errors/source-backup/`],
    },
  ],
  'Firehose logs delivery errors to an encrypted log group kept for one year': [
    {
      in: 'Stream',
      shows: [
        `${DESTINATION}.CloudWatchLoggingOptions.Enabled = true`,
        `${DESTINATION}.CloudWatchLoggingOptions.LogGroupName = \${DeliveryLogs}`,
        `${BACKUP}.CloudWatchLoggingOptions.LogGroupName = \${DeliveryLogs}`,
      ],
    },
    { in: 'DeliveryLogs', shows: ['KmsKeyId = ${LabKey.Arn}', 'RetentionInDays = 365', 'DeletionPolicy = Delete'] },
  ],
  'the transform is the Lambda processor, with a buffer size that keeps its responses under 6 MiB': [
    {
      in: 'Stream',
      shows: ['Processors.Type = Lambda', 'Parameters[LambdaArn].ParameterValue = ${Transform.Arn}', 'Parameters[BufferSizeInMBs].ParameterValue = 0.4'],
    },
  ],
  'the Firehose role can invoke only the transform function': [
    { in: 'DeliveryRole/DefaultPolicy', shows: ['action lambda:GetFunctionConfiguration, lambda:InvokeFunction resource ${Transform.Arn}'] },
    { nowhere: '[AWS::Lambda::Permission]' },
  ],
  'the Firehose role can write only the delivery bucket, and delete nothing': [
    {
      in: 'DeliveryRole/DefaultPolicy',
      shows: [
        'action s3:AbortMultipartUpload, s3:GetBucketLocation, s3:GetObject, s3:ListBucket, s3:ListBucketMultipartUploads, s3:PutObject resource ${Delivery.Arn}, ${Delivery.Arn}/*',
        'condition StringEquals kms:ViaService = s3.us-east-1.amazonaws.com',
        'action logs:PutLogEvents resource ${DeliveryLogs.Arn}',
      ],
      lacks: ['s3:Delete', 's3:PutBucket'],
    },
  ],
  'only Firehose, for this account, can assume the Firehose role': [
    {
      in: 'DeliveryRole',
      shows: ['Allow principal Service:firehose.amazonaws.com action sts:AssumeRole condition StringEquals sts:ExternalId = 123456789012'],
      lacks: ['ManagedPolicyArns'],
    },
  ],
  'the transform function can only write its own logs and traces': [
    {
      in: 'TransformRole/DefaultPolicy',
      shows: ['action logs:CreateLogStream, logs:PutLogEvents resource ${TransformLogs.Arn}', 'action xray:PutTelemetryRecords, xray:PutTraceSegments resource *'],
    },
    { in: 'Transform', shows: ['TracingConfig.Mode = Active', 'LoggingConfig.LogGroup = ${TransformLogs}'] },
  ],
  'every resource is deleted by cdk destroy': COMMON_EVIDENCE['no resource is retained on destroy'],
  'cdk-nag and guard find nothing unacknowledged': COMMON_EVIDENCE['cdk-nag and Control Tower guard pass with acknowledged exceptions only'],
};
