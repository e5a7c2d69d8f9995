import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { baselineOf, featureDrift, parseCapture, positiveRate } from '../../../lambda/drift-monitor/drift';
import { handler, hourPrefixes } from '../../../lambda/drift-monitor/handler';
import { trainingBaseline } from '../../../lib/labs/safe-rollout/baseline';
import { DRIFT_THRESHOLD } from '../../../lib/labs/safe-rollout/rollout';
import { readTestRows, shiftRow } from '../../../labs/08-safe-rollout/lib/traffic';

const s3 = mockClient(S3Client);
const cloudwatch = mockClient(CloudWatchClient);
const body = (text: string) => ({ transformToString: () => Promise.resolve(text) }) as unknown as GetObjectCommandOutput['Body'];

/** One data-capture line as SageMaker writes it (CSV captured as text, as csvContentTypes asks). */
const line = (input: string, output: string, encoding = 'CSV') =>
  JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: encoding === 'BASE64' ? Buffer.from(input).toString('base64') : input, encoding },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: encoding === 'BASE64' ? Buffer.from(output).toString('base64') : output, encoding },
    },
    eventMetadata: { eventId: 'e', inferenceTime: '2026-01-01T00:00:00Z' },
  });

describe('drift statistics', () => {
  const baseline = trainingBaseline();
  const rows = readTestRows();

  test('held-out rows stay under the alarm threshold; rows shifted by two deviations go over it', () => {
    expect(featureDrift(baseline, rows)).toBeLessThan(DRIFT_THRESHOLD);
    expect(featureDrift(baseline, rows.map((r) => shiftRow(r, baseline, 2)))).toBeGreaterThan(DRIFT_THRESHOLD);
  });

  test('no rows, no statistic', () => {
    expect(featureDrift(baseline, [])).toBeUndefined();
    expect(positiveRate([])).toBeUndefined();
  });

  test('the baseline is each column\'s mean and population standard deviation', () => {
    expect(baselineOf([[1, 10], [3, 10]])).toEqual({ means: [2, 10], stds: [1, 0] });
    expect(() => baselineOf([])).toThrow('no rows');
  });

  test('the predicted-positive rate is the share of scores above 0.5', () => {
    expect(positiveRate([0.9, 0.2, 0.6, 0.5])).toBe(0.5);
  });

  test('a capture file gives the rows and the scores, in text or Base64, and skips what is not numbers', () => {
    const text = [line('1,2,3', '0.7'), line('4,5,6\n7,8,9', '0.1\n0.9', 'BASE64'), 'not json', line('a,b', 'x')].join('\n');
    expect(parseCapture(text)).toEqual({ features: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], scores: [0.7, 0.1, 0.9] });
  });
});

describe('drift monitor handler', () => {
  const env = { CAPTURE_BUCKET: 'bucket', CAPTURE_PREFIX: 'data-capture/ep/', BASELINE: JSON.stringify({ means: [0, 0], stds: [1, 1] }), ENDPOINT_NAME: 'ep', METRIC_NAMESPACE: 'NS' };
  beforeEach(() => {
    s3.reset();
    cloudwatch.reset();
    Object.assign(process.env, env);
  });
  afterEach(() => {
    for (const key of Object.keys(env)) delete process.env[key];
  });

  test('reads the last hour of each variant and publishes drift, positive rate and counts', async () => {
    s3.on(ListObjectsV2Command).callsFake((input: { Prefix: string }) => ({
      Contents: input.Prefix.startsWith('data-capture/ep/Champion/') ? [{ Key: `${input.Prefix}a.jsonl`, LastModified: new Date() }] : [],
    }));
    s3.on(GetObjectCommand).resolves({ Body: body([line('3,0', '0.9'), line('3,0', '0.8')].join('\n')) });
    cloudwatch.on(PutMetricDataCommand).resolves({});
    await expect(handler()).resolves.toEqual({ metrics: 5 });
    const [call] = cloudwatch.commandCalls(PutMetricDataCommand);
    expect(call.args[0].input.Namespace).toBe('NS');
    const data = call.args[0].input.MetricData ?? [];
    expect(data.find((d) => d.MetricName === 'FeatureDrift')?.Value).toBe(3);
    expect(data.find((d) => d.MetricName === 'PredictedPositiveRate')).toMatchObject({ Value: 1, Dimensions: [{ Name: 'EndpointName', Value: 'ep' }, { Name: 'VariantName', Value: 'Champion' }] });
    // Two hours of folders for each of the three variants.
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(6);
  });

  test('publishes no drift and no rate when nothing was captured, only the zero counts', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [] });
    cloudwatch.on(PutMetricDataCommand).resolves({});
    await handler();
    const names = (cloudwatch.commandCalls(PutMetricDataCommand)[0].args[0].input.MetricData ?? []).map((d) => d.MetricName);
    expect(names).toEqual(['CapturedRecords', 'CapturedRecords', 'CapturedRecords']);
  });

  test('capture folders are per variant and hour, this hour and the one before', () => {
    expect(hourPrefixes('p/', 'Champion', new Date('2026-03-04T00:10:00Z'))).toEqual(['p/Champion/2026/03/04/00/', 'p/Champion/2026/03/03/23/']);
  });
});
