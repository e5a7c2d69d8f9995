/** Lab 01: where each control of labs/01-data-lake/GUIDE.md shows in the lab's posture. */
import { COMMON_EVIDENCE, type ControlEvidence, LAB_KEY_BUCKET, PRIVATE_BUCKETS, TLS_ONLY_BUCKETS } from '../../posture/controls/evidence';

export const DATA_LAKE_EVIDENCE: ControlEvidence = {
  ...COMMON_EVIDENCE,
  'every bucket is encrypted: data buckets with the lab key, the access-log bucket with SSE-S3': [
    { in: 'RawData', shows: LAB_KEY_BUCKET },
    { in: 'AthenaResults', shows: LAB_KEY_BUCKET },
    { in: 'AccessLogs', shows: ['ServerSideEncryptionByDefault.SSEAlgorithm = AES256'] },
  ],
  'every bucket allows TLS 1.2 connections only': [TLS_ONLY_BUCKETS],
  'every bucket blocks all public access': [PRIVATE_BUCKETS],
  'the crawler uses a security configuration that encrypts its logs, S3 data and bookmarks with the lab key': [
    { in: 'Crawler', shows: ['CrawlerSecurityConfiguration = ${Crawler/SecurityConfiguration}'] },
    {
      in: 'Crawler/SecurityConfiguration',
      shows: [
        'CloudWatchEncryption.CloudWatchEncryptionMode = SSE-KMS',
        'CloudWatchEncryption.KmsKeyArn = ${LabKey.Arn}',
        'JobBookmarksEncryption.JobBookmarksEncryptionMode = CSE-KMS',
        'JobBookmarksEncryption.KmsKeyArn = ${LabKey.Arn}',
        'S3Encryptions.KmsKeyArn = ${LabKey.Arn}',
        'S3Encryptions.S3EncryptionMode = SSE-KMS',
      ],
    },
  ],
  'the crawler role can list and read only the raw prefix of the raw-data bucket': [
    {
      in: 'Crawler/Role/DefaultPolicy',
      shows: [
        'action s3:GetObject resource ${RawData.Arn}/raw/*',
        'action s3:ListBucket resource ${RawData.Arn} condition StringLike s3:prefix = raw/*',
      ],
    },
  ],
  'the crawler role can change only the tables of the lab database, and delete nothing': [
    {
      in: 'Crawler/Role/DefaultPolicy',
      shows: ['resource arn:aws:glue:us-east-1:123456789012:catalog, arn:aws:glue:us-east-1:123456789012:database/${Database}, arn:aws:glue:us-east-1:123456789012:table/${Database}/*'],
      lacks: ['glue:Delete', 'glue:BatchDelete'],
    },
  ],
  'the crawler role writes only its own log group and may use only the lab key': [
    {
      in: 'Crawler/Role/DefaultPolicy',
      shows: [
        'action logs:AssociateKmsKey, logs:CreateLogGroup resource ${Crawler/Logs.Arn}',
        'action logs:CreateLogStream, logs:PutLogEvents resource ${Crawler/Logs.Arn}',
        'action kms:Decrypt, kms:DescribeKey, kms:Encrypt, kms:GenerateDataKey resource ${LabKey.Arn}',
      ],
    },
  ],
  'the crawler role has no AWS managed policy and trusts only Glue': [
    { in: 'Crawler/Role', shows: ['AssumeRolePolicyDocument = Allow principal Service:glue.amazonaws.com action sts:AssumeRole'], lacks: ['ManagedPolicyArns'] },
  ],
  'the crawl-run functions may only start, stop and read the lab crawler': [
    { in: 'CrawlerRun/OnEventRole/DefaultPolicy', shows: ['resource arn:aws:glue:us-east-1:123456789012:crawler/${Crawler}'] },
    { in: 'CrawlerRun/IsCompleteRole/DefaultPolicy', shows: ['action glue:GetCrawler, glue:StopCrawler resource arn:aws:glue:us-east-1:123456789012:crawler/${Crawler}'] },
  ],
  'the workgroup enforces its configuration with engine version 3 and CloudWatch metrics': [
    {
      in: 'WorkGroup',
      shows: [
        'EnforceWorkGroupConfiguration = true',
        'EngineVersion.SelectedEngineVersion = Athena engine version 3',
        'PublishCloudWatchMetricsEnabled = true',
      ],
    },
  ],
  'query results are encrypted with the lab key in the lab results bucket of this account': [
    {
      in: 'WorkGroup',
      shows: [
        'EncryptionConfiguration.EncryptionOption = SSE_KMS',
        'EncryptionConfiguration.KmsKey = ${LabKey.Arn}',
        'ExpectedBucketOwner = 123456789012',
        'OutputLocation = s3://${AthenaResults}/athena/',
      ],
    },
  ],
  'every query is cancelled once it scans more than 1 GiB': [{ in: 'WorkGroup', shows: ['BytesScannedCutoffPerQuery = 1073741824'] }],
  'destroy deletes the workgroup with its saved queries and history': [{ in: 'WorkGroup', shows: ['removal RecursiveDeleteOption = true'] }],
  'the crawler log group that Glue would create is part of the stack, so destroy deletes it': [
    { in: 'Crawler/Logs', shows: ['LogGroupName = /aws-glue/crawlers-role/${Crawler/Role}-${Crawler/SecurityConfiguration}', 'DeletionPolicy = Delete'] },
  ],
};
