/**
 * Names shared by the lab 02 stack and its scripts (produce, verify). No aws-cdk-lib import, so the
 * scripts load fast.
 */

/** The stack's outputs, by key. */
export const FIREHOSE_OUTPUTS = {
  streamName: 'DeliveryStreamName',
  bucketName: 'BucketName',
  transformFunction: 'TransformFunctionName',
  transformLogGroup: 'TransformLogGroupName',
  deliveryLogGroup: 'DeliveryLogGroupName',
} as const;

/** The top-level folders of the delivery bucket. */
export const FOLDERS = { data: 'data/', errors: 'errors/', source: 'source/' } as const;

/** Where Firehose writes in the delivery bucket. Hive-style partitions, so Athena can prune by date. */
export const DELIVERY_PREFIXES = {
  /** Transformed records: one JSON object per line, gzip. */
  data: `${FOLDERS.data}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`,
  /** Records the transform rejected (`processing-failed/`) or that could not be delivered. */
  errors: `${FOLDERS.errors}!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`,
  /** Every source record as it arrived, before the transform (source record backup). */
  source: `${FOLDERS.source}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`,
  /** Source records whose backup failed. */
  sourceErrors: `${FOLDERS.errors}source-backup/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`,
} as const;
