/**
 * Sends sample sensor records to the lab's delivery stream:
 * `npm run lab -- firehose-transform produce [--count 1000] [--noise 0.1] [--malformed 0.05] [--learner alice]`.
 * Records go in PutRecordBatch calls of at most 500 records and 4 MiB; when a call partly fails
 * (throttling), only the failed records are sent again, after a growing pause.
 */
import { randomBytes } from 'node:crypto';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { FIREHOSE_OUTPUTS } from '../../lib/labs/firehose-transform/layout';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { sleep as realSleep } from '../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { formatTable } from '../shared/table';
import { saveRun, type RunManifest } from './run-manifest';
import { expectedCounts, generateSample, type SampleRecord, validateSampleOptions } from './sample';

/** PutRecordBatch limits: 500 records and 4 MiB per call. */
export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly firehose: FirehoseClient;
}

export interface SendOptions {
  readonly log?: (line: string) => void;
  /** Injected in tests so that backoff does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Calls per batch before giving up on its failed records. @default 6 */
  readonly maxAttempts?: number;
  /** First pause before a retry; doubled each time, up to 5 s. @default 200 */
  readonly baseDelayMs?: number;
}

export interface SendReport {
  readonly sent: number;
  readonly calls: number;
  /** Records sent more than once because a call partly failed. */
  readonly retried: number;
}

/** Splits records into PutRecordBatch-sized groups, in order. */
export function batchesOf(records: readonly Buffer[]): Buffer[][] {
  const batches: Buffer[][] = [];
  let current: Buffer[] = [];
  let bytes = 0;
  for (const record of records) {
    if (current.length === MAX_BATCH_RECORDS || (current.length > 0 && bytes + record.length > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += record.length;
  }
  if (current.length > 0) {
    batches.push(current);
  }
  return batches;
}

/** Sends every record, retrying only the failed entries of a partial failure, with backoff. */
export async function sendRecords(
  firehose: FirehoseClient,
  streamName: string,
  records: readonly Buffer[],
  options: SendOptions = {},
): Promise<SendReport> {
  const log = options.log ?? console.log;
  const wait = options.sleep ?? realSleep;
  const maxAttempts = options.maxAttempts ?? 6;
  let calls = 0;
  let retried = 0;
  let sent = 0;
  for (const batch of batchesOf(records)) {
    let pending = batch;
    let delay = options.baseDelayMs ?? 200;
    for (let attempt = 1; ; attempt++) {
      const response = await firehose.send(
        new PutRecordBatchCommand({ DeliveryStreamName: streamName, Records: pending.map((data) => ({ Data: data })) }),
      );
      calls++;
      const entries = response.RequestResponses ?? [];
      const failedAll = (response.FailedPutCount ?? 0) > 0 && entries.length !== pending.length;
      const failed = pending.filter((_, i) => failedAll || entries[i]?.ErrorCode !== undefined);
      sent += pending.length - failed.length;
      if (failed.length === 0) {
        break;
      }
      const codes = [...new Set(entries.map((e) => e.ErrorCode).filter((c) => c !== undefined))].join(', ') || 'unknown error';
      if (attempt === maxAttempts) {
        throw new LabScriptError(
          `${failed.length} records were still refused after ${maxAttempts} attempts (${codes}); ` +
            `${sent} of ${records.length} were sent. Wait a minute and run produce again.`,
        );
      }
      log(`  … ${failed.length} of ${pending.length} records refused (${codes}); retrying them in ${delay} ms`);
      await wait(delay);
      retried += failed.length;
      delay = Math.min(delay * 2, 5_000);
      pending = failed;
    }
    log(`  sent ${sent}/${records.length} records`);
  }
  return { sent, calls, retried };
}

export interface ProduceArgs {
  readonly stackName: string;
  readonly count: number;
  readonly noiseRatio: number;
  readonly malformedRatio: number;
}

export interface ProduceDeps extends SendOptions {
  readonly clients: Clients;
  /** Where the run is saved for verify.ts. @default the system temp folder */
  readonly runDir?: string;
  readonly now?: () => number;
  readonly runId?: string;
}

/** Generates the sample, sends it and saves what was sent. */
export async function produce(args: ProduceArgs, deps: ProduceDeps): Promise<RunManifest> {
  const log = deps.log ?? console.log;
  const outputs = await readStackOutputs(deps.clients.cloudFormation, args.stackName);
  const streamName = requireOutput(outputs, FIREHOSE_OUTPUTS.streamName);
  const now = (deps.now ?? Date.now)();
  const runId = deps.runId ?? randomBytes(3).toString('hex');
  const records = generateSample({
    count: args.count,
    noiseRatio: args.noiseRatio,
    malformedRatio: args.malformedRatio,
    runId,
    startMillis: now - args.count * 1000,
    seed: now % 2 ** 31,
  });

  log(`Sending ${records.length} records to ${streamName} (run ${runId}: every sensor id starts with "${runId}-")`);
  const report = await sendRecords(deps.clients.firehose, streamName, records.map((r) => r.data), deps);
  const run: RunManifest = {
    stackName: args.stackName,
    runId,
    startedAt: new Date(now).toISOString(),
    total: records.length,
    expected: expectedCounts(records),
  };
  const file = saveRun(run, deps.runDir);

  log(`\nSent ${report.sent} records in ${report.calls} PutRecordBatch calls (${report.retried} retried).`);
  log(formatTable(summarize(records)));
  log(`\nSaved the run to ${file}.`);
  log('Firehose calls the transform within 30 s and writes to S3 within about a minute after that.');
  log('Then check the delivery: npm run lab -- firehose-transform verify');
  return run;
}

/** One row per kind of record: how many, the result expected, and an example line. */
function summarize(records: readonly SampleRecord[]) {
  const kinds = new Map<string, { count: number; record: SampleRecord }>();
  for (const record of records) {
    const entry = kinds.get(record.kind) ?? { count: 0, record };
    entry.count++;
    kinds.set(record.kind, entry);
  }
  return [...kinds].map(([kind, { count, record }]) => ({
    kind,
    records: count,
    expected: record.expected,
    example: record.data.toString('latin1').replace(/\r?\n$/, '').slice(0, 70),
  }));
}

export const SCRIPT: ScriptSpec = {
  script: 'produce',
  summary: 'Sends sample sensor records (some noise, some malformed) to the lab\'s delivery stream, and saves what it sent for verify.',
  learner: true,
  options: {
    count: { description: 'records to send', placeholder: '<records>', min: 1, max: 100_000, integer: true, default: 1000 },
    noise: { description: 'share of records that are noise', placeholder: '<ratio>', min: 0, max: 1, integer: false, default: 0.1 },
    malformed: { description: 'share of malformed records', placeholder: '<ratio>', min: 0, max: 1, integer: false, default: 0.05 },
  },
  example: '--count 200 --learner alice',
};

export function parseProduceArgs(argv: readonly string[]): ProduceArgs {
  const { stackName, options } = parseScriptArgs(findLab('firehose-transform'), SCRIPT, argv);
  const args = { stackName, count: options.count, noiseRatio: options.noise, malformedRatio: options.malformed };
  const problems = validateSampleOptions(args.count, args.noiseRatio, args.malformedRatio, 'run');
  if (problems.length > 0) {
    throw new LabScriptError(problems.join(' '));
  }
  return args;
}

export async function main(argv: string[]): Promise<void> {
  const args = parseProduceArgs(argv);
  const aws = await scriptAwsConfig();
  await produce(args, { clients: { cloudFormation: new CloudFormationClient(aws), firehose: new FirehoseClient(aws) } });
}
