import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { FirehoseClient, PutRecordBatchCommand, type PutRecordBatchCommandInput } from '@aws-sdk/client-firehose';
import { mockClient } from 'aws-sdk-client-mock';
import { batchesOf, parseProduceArgs, produce, sendRecords } from '../../../labs/02-firehose-transform/produce';
import { loadRun } from '../../../labs/02-firehose-transform/run-manifest';
import { LabScriptError } from '../../../labs/shared/stack-outputs';
import { testTempDir } from '../../helpers/temp-dir';

const cfn = mockClient(CloudFormationClient);
const firehose = mockClient(FirehoseClient);
const records = (n: number, size = 60) => Array.from({ length: n }, (_, i) => Buffer.from(`${String(i).padStart(size - 1, '0')}\n`));
const sentData = (call: number) =>
  (firehose.commandCalls(PutRecordBatchCommand)[call].args[0].input.Records ?? []).map((r) =>
    Buffer.from(r.Data ?? []).toString(),
  );
const allAccepted = (input: PutRecordBatchCommandInput) => ({
  FailedPutCount: 0,
  RequestResponses: (input.Records ?? []).map((_, i) => ({ RecordId: `id-${i}` })),
});
const quiet = { log: () => undefined, sleep: () => Promise.resolve() };

beforeEach(() => {
  cfn.reset();
  firehose.reset();
});

describe('batchesOf', () => {
  test('puts at most 500 records in a call, in order', () => {
    const batches = batchesOf(records(1201));
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(batches.flat()).toEqual(records(1201));
  });

  test('puts at most 4 MiB in a call', () => {
    const batches = batchesOf(records(9, 900 * 1024));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 1]);
    for (const batch of batches) {
      expect(batch.reduce((sum, r) => sum + r.length, 0)).toBeLessThanOrEqual(4 * 1024 * 1024);
    }
  });
});

describe('sendRecords', () => {
  test('sends every record once when every call succeeds', async () => {
    firehose.on(PutRecordBatchCommand).callsFake(allAccepted);
    const report = await sendRecords(new FirehoseClient({}), 'stream', records(1201), quiet);
    expect(report).toEqual({ sent: 1201, calls: 3, retried: 0 });
    expect([0, 1, 2].flatMap(sentData)).toEqual(records(1201).map(String));
    expect(firehose.commandCalls(PutRecordBatchCommand)[0].args[0].input.DeliveryStreamName).toBe('stream');
  });

  test('retries only the records a partial failure refused, after a growing pause', async () => {
    const refuse = { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' };
    firehose
      .on(PutRecordBatchCommand)
      .resolvesOnce({ FailedPutCount: 2, RequestResponses: [{ RecordId: 'a' }, refuse, { RecordId: 'c' }, refuse] })
      .resolvesOnce({ FailedPutCount: 1, RequestResponses: [refuse, { RecordId: 'd' }] })
      .callsFake(allAccepted);
    const pauses: number[] = [];
    const input = records(4);
    const report = await sendRecords(new FirehoseClient({}), 'stream', input, { ...quiet, sleep: (ms) => (pauses.push(ms), Promise.resolve()) });
    expect(sentData(1)).toEqual([input[1], input[3]].map(String));
    expect(sentData(2)).toEqual([input[1]].map(String));
    expect(pauses).toEqual([200, 400]);
    expect(report).toEqual({ sent: 4, calls: 3, retried: 3 });
  });

  test('gives up after the last attempt and says how many records were not sent', async () => {
    firehose.on(PutRecordBatchCommand).resolves({
      FailedPutCount: 1,
      RequestResponses: [{ RecordId: 'a' }, { ErrorCode: 'ServiceUnavailableException' }],
    });
    const sending = sendRecords(new FirehoseClient({}), 'stream', records(2), { ...quiet, maxAttempts: 3 });
    await expect(sending).rejects.toThrow(LabScriptError);
    await expect(sendRecords(new FirehoseClient({}), 'stream', records(2), { ...quiet, maxAttempts: 3 })).rejects.toThrow(
      /1 records were still refused after 3 attempts \(ServiceUnavailableException\); 1 of 2 were sent/,
    );
  });
});

describe('produce', () => {
  const runDir = testTempDir('lab02-produce-');
  const clients = { cloudFormation: new CloudFormationClient({}), firehose: new FirehoseClient({}) };
  const args = { stackName: 'Lab02FirehoseTransform', count: 40, noiseRatio: 0.25, malformedRatio: 0.1 };

  test('sends the sample to the stack\'s stream and saves what it sent for verify', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: args.stackName, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'DeliveryStreamName', OutputValue: 'Lab02-Stream-abc' }] }],
    });
    firehose.on(PutRecordBatchCommand).callsFake(allAccepted);
    const lines: string[] = [];
    const run = await produce(args, { clients, runDir, runId: 'r1', now: () => Date.UTC(2025, 10, 22), ...quiet, log: (l) => lines.push(l) });

    expect(firehose.commandCalls(PutRecordBatchCommand)[0].args[0].input.DeliveryStreamName).toBe('Lab02-Stream-abc');
    expect(sentData(0)).toHaveLength(40);
    expect(sentData(0).every((line) => line.startsWith('r1-'))).toBe(true);
    expect(run.expected).toEqual({ Ok: 26, Dropped: 10, ProcessingFailed: 4 });
    expect(loadRun(args.stackName, runDir)).toEqual(run);
    expect(lines.join('\n')).toContain('npm run lab -- firehose-transform verify');
  });

  test('says how to deploy when the stack is missing', async () => {
    cfn.on(DescribeStacksCommand).rejects(new Error('Stack with id Lab02FirehoseTransform does not exist'));
    await expect(produce(args, { clients, runDir, ...quiet })).rejects.toThrow('npx cdk deploy Lab02FirehoseTransform');
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(0);
  });
});

describe('parseProduceArgs', () => {
  test('reads the options and the learner', () => {
    expect(parseProduceArgs(['--count', '200', '--noise', '0', '--learner', 'alice'])).toEqual({
      stackName: 'alice-Lab02FirehoseTransform',
      count: 200,
      noiseRatio: 0,
      malformedRatio: 0.05,
    });
  });

  test.each([
    [['--count', 'lots'], /count must be a whole number/],
    [['--noise', '0.7', '--malformed', '0.5'], /cannot exceed 1/],
    [['--size', '3'], /^produce has no option --size\./],
  ])('rejects %j', (argv, message) => {
    expect(() => parseProduceArgs(argv)).toThrow(message);
  });
});
