/**
 * Benchmark of the lab 02 transform: `npm run bench:firehose`. Not a test: it prints figures.
 *
 * For three batches (a typical 1 MiB batch, Firehose's default buffer; the lab's 0.4 MiB buffer filled
 * with the shortest valid reading, the worst case for response size; and 3 MiB of typical records,
 * Firehose's largest buffer), it times the real handler and a minimal decode → parse → encode baseline
 * (no validation, no size budget) in the same run: 3 warm-up runs, then the median of 10. Memory is
 * measured once per batch and implementation in a fresh child process whose young generation is large
 * enough that no garbage collection runs during the call: the heap growth is then everything the call
 * allocated, an upper bound of its peak heap. Logs are silenced, so log I/O is not measured.
 */
import { fork } from 'node:child_process';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import { handler } from '../../lambda/firehose-transform/handler';
import { LAMBDA_RESPONSE_LIMIT_BYTES, PROCESSOR_BUFFER_MIB } from '../../lambda/firehose-transform/limits';
import { transformBatch } from '../../lambda/firehose-transform/transform';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { formatTable } from '../shared/table';
import { generateSample } from './sample';

const MIB = 1024 * 1024;
const WARM_UP_RUNS = 3;
const TIMED_RUNS = 10;

interface Batch {
  readonly name: string;
  readonly event: FirehoseTransformationEvent;
  readonly inputBytes: number;
}

type Implementation = 'handler' | 'baseline';

/** Records as Firehose sends them, filling `bytes` of input. */
function batch(name: string, bytes: number, lines: Iterable<Buffer>): Batch {
  const records: FirehoseTransformationEvent['records'] = [];
  let inputBytes = 0;
  for (const line of lines) {
    if (inputBytes + line.length > bytes) {
      break;
    }
    inputBytes += line.length;
    records.push({
      recordId: `49546986683135544286507457936321625675700192471${String(records.length).padStart(9, '0')}`,
      approximateArrivalTimestamp: 1763784000000 + records.length,
      data: line.toString('base64'),
    });
  }
  const event = {
    invocationId: 'bench',
    deliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/bench',
    region: 'us-east-1',
    records,
  };
  return { name, event, inputBytes };
}

function* repeat(line: string): Iterable<Buffer> {
  const buffer = Buffer.from(line);
  for (;;) {
    yield buffer;
  }
}

function batches(): Batch[] {
  const typical = generateSample({ count: 60_000, seed: 7 }).map((r) => r.data);
  return [
    batch('typical, 1 MiB (Firehose default buffer)', MIB, typical),
    batch(`shortest lines, ${PROCESSOR_BUFFER_MIB} MiB (lab buffer, worst case)`, PROCESSOR_BUFFER_MIB * MIB, repeat('a,,946684800000,reading,0,1,0')),
    batch('typical, 3 MiB (Firehose maximum buffer)', 3 * MIB, typical),
  ];
}

/**
 * The least work a transform can do: decode, split, build an object, encode. No checks beyond what
 * keeps it from throwing, no quoting rules, no size budget.
 */
function baseline(event: FirehoseTransformationEvent): FirehoseTransformationResult {
  return {
    records: event.records.map(({ recordId, data }) => {
      const [sensor_id, site, time, , temperature, humidity, battery] = Buffer.from(data, 'base64').toString('utf8').trimEnd().split(',');
      const millis = Number(time);
      const json = JSON.stringify({
        sensor_id,
        site,
        event_time: Number.isFinite(millis) ? new Date(millis).toISOString() : null,
        temperature_c: Number(temperature),
        humidity_pct: Number(humidity),
        battery_v: Number(battery),
      });
      return { recordId, result: 'Ok', data: Buffer.from(`${json}\n`).toString('base64') };
    }),
  };
}

function run(implementation: Implementation, event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> {
  return implementation === 'handler' ? handler(event) : Promise.resolve(baseline(event));
}

async function medianMillis(implementation: Implementation, event: FirehoseTransformationEvent): Promise<number> {
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await run(implementation, event);
  }
  const times: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const start = performance.now();
    await run(implementation, event);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return (times[(TIMED_RUNS - 1) >> 1] + times[TIMED_RUNS >> 1]) / 2;
}

/** In a child process started with --expose-gc: MiB the heap grew by during one call. */
async function heapGrowth(batchIndex: number, implementation: Implementation): Promise<number> {
  const { event } = batches()[batchIndex];
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('run with --expose-gc');
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = await run(implementation, event);
  const growth = process.memoryUsage().heapUsed - before;
  if (result.records.length !== event.records.length) {
    throw new Error('records were lost');
  }
  return growth / MIB;
}

function heapGrowthInChild(batchIndex: number, implementation: Implementation): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--heap', String(batchIndex), implementation], {
      execArgv: [...process.execArgv, '--expose-gc', '--min-semi-space-size=512', '--max-semi-space-size=512'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(Number(m)));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`the heap measurement exited with ${code}`)));
  });
}

export const SCRIPT: ScriptSpec = {
  script: 'bench',
  summary: 'Benchmarks the lab\'s record transform on this machine (no AWS): time, throughput and heap per batch, against a minimal baseline.',
  learner: false,
};

/** Also runs as `npm run lab -- firehose-transform bench`. */
export async function main(argv: readonly string[] = []): Promise<void> {
  parseScriptArgs(findLab('firehose-transform'), SCRIPT, argv);
  silenceLogs();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Node ${process.version}, ${os.arch()}, ${cpu}; median of ${TIMED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs.\n`);
  const rows = [];
  for (const [index, b] of batches().entries()) {
    const { summary } = transformBatch(b.event.records);
    for (const implementation of ['handler', 'baseline'] as const) {
      const millis = await medianMillis(implementation, b.event);
      const responseBytes = Buffer.byteLength(JSON.stringify(await run(implementation, b.event)));
      const handlerOnly = (value: number) => (implementation === 'handler' ? value : '');
      rows.push({
        batch: b.name,
        code: implementation,
        records: b.event.records.length,
        'ms (median)': millis.toFixed(1),
        'records/s': Math.round(b.event.records.length / (millis / 1000)).toLocaleString('en-US'),
        'MiB/s': (b.inputBytes / MIB / (millis / 1000)).toFixed(1),
        'heap MiB': (await heapGrowthInChild(index, implementation)).toFixed(1),
        'response MB': (responseBytes / 1e6).toFixed(2),
        '≤ 6 MiB': responseBytes <= LAMBDA_RESPONSE_LIMIT_BYTES ? 'yes' : 'NO',
        Ok: handlerOnly(summary.ok),
        Dropped: handlerOnly(summary.dropped),
        rejected: handlerOnly(summary.failed - summary.overflow),
        'over budget': handlerOnly(summary.overflow),
      });
    }
  }
  console.log(formatTable(rows));
  console.log('\nMiB/s counts input (CSV) bytes. heap MiB: everything one call allocates (no GC during the call), an upper');
  console.log('bound of its peak heap. "over budget": valid records returned as ProcessingFailed because they did not fit');
  console.log('the 6 MiB response; Firehose writes them to the error prefix. The baseline checks nothing and can exceed 6 MiB.');
}

/** The handler's logs would measure the terminal, not the transform. */
function silenceLogs(): void {
  console.info = () => undefined;
  console.warn = () => undefined;
}

if (require.main === module) {
  if (process.argv[2] === '--heap') {
    silenceLogs();
    heapGrowth(Number(process.argv[3]), process.argv[4] as Implementation)
      .then((growth) => process.send?.(growth, () => process.exit(0)))
      .catch((e: unknown) => {
        console.error(e);
        process.exit(1);
      });
  } else {
    main(process.argv.slice(2)).catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
  }
}
