/**
 * Lab 08's drift monitor, run by a schedule every few minutes: reads the data SageMaker captured in the last
 * hour for each production variant, computes the feature-drift statistic against the training baseline and
 * the predicted-positive rate (drift.ts), and publishes them as CloudWatch metrics, which the lab's alarms watch.
 * It publishes nothing for a window without captured data, so the alarms treat missing data as not breaching.
 *
 * Data capture writes files under `<destination>/<endpoint>/<variant>/<yyyy>/<mm>/<dd>/<hh>/`
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html).
 */
import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { MONITOR_METRICS, VARIANTS } from '../../lib/labs/safe-rollout/rollout';
import { type Baseline, featureDrift, parseCapture, positiveRate } from './drift';
import { DRIFT_ENV } from './env';

const s3 = new S3Client({});
const cloudwatch = new CloudWatchClient({});

/** The capture folders of one variant for the hour of `at` and the hour before. */
export function hourPrefixes(prefix: string, variant: string, at: Date): string[] {
  return [0, 1].map((back) => {
    const t = new Date(at.getTime() - back * 3_600_000).toISOString();
    return `${prefix}${variant}/${t.slice(0, 4)}/${t.slice(5, 7)}/${t.slice(8, 10)}/${t.slice(11, 13)}/`;
  });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Environment variable ${name} is not set`);
  }
  return value;
}

/** Files modified in the last hour under the prefixes. */
async function recentKeys(bucket: string, prefixes: readonly string[], since: Date): Promise<string[]> {
  const keys: string[] = [];
  for (const prefix of prefixes) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).filter((o) => o.Key && (!o.LastModified || o.LastModified >= since)).map((o) => o.Key as string));
      token = page.NextContinuationToken;
    } while (token);
  }
  return keys;
}

export async function handler(): Promise<{ readonly metrics: number }> {
  const bucket = required(DRIFT_ENV.bucket);
  const prefix = required(DRIFT_ENV.prefix);
  const endpointName = required(DRIFT_ENV.endpointName);
  const namespace = required(DRIFT_ENV.namespace);
  const baseline = JSON.parse(required(DRIFT_ENV.baseline)) as Baseline;
  const now = new Date();
  const since = new Date(now.getTime() - 3_600_000);

  const metrics: MetricDatum[] = [];
  const allFeatures: number[][] = [];
  for (const variant of [VARIANTS.champion, VARIANTS.challenger, VARIANTS.shadow]) {
    const features: number[][] = [];
    const scores: number[] = [];
    for (const key of await recentKeys(bucket, hourPrefixes(prefix, variant, now), since)) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const record = parseCapture((await object.Body?.transformToString()) ?? '');
      features.push(...record.features);
      scores.push(...record.scores);
    }
    // The shadow variant gets copies of production requests: counting its inputs would count them twice.
    if (variant !== VARIANTS.shadow) allFeatures.push(...features);
    const dimensions = [{ Name: 'EndpointName', Value: endpointName }, { Name: 'VariantName', Value: variant }];
    const rate = positiveRate(scores);
    if (rate !== undefined) {
      metrics.push({ MetricName: MONITOR_METRICS.positiveRate, Dimensions: dimensions, Value: rate, Unit: 'None', Timestamp: now });
    }
    metrics.push({ MetricName: MONITOR_METRICS.records, Dimensions: dimensions, Value: features.length, Unit: 'Count', Timestamp: now });
  }
  const drift = featureDrift(baseline, allFeatures);
  if (drift !== undefined) {
    metrics.push({ MetricName: MONITOR_METRICS.drift, Dimensions: [{ Name: 'EndpointName', Value: endpointName }], Value: drift, Unit: 'None', Timestamp: now });
  }
  // PutMetricData takes up to 1000 metrics per call; this sends at most seven.
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: metrics }));
  return { metrics: metrics.length };
}
