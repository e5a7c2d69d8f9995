/**
 * Sample sensor records for lab 02: a reproducible mix of valid readings, noise (heartbeats) and
 * malformed lines, each with the result the transform must give it. Used by produce.ts, the benchmark
 * and the tests (which check the expectations against the real transform).
 */
import { seededRandom } from '../shared/random';

export type MalformedKind =
  | 'missing-field'
  | 'non-numeric'
  | 'out-of-range'
  | 'bad-timestamp'
  | 'unclosed-quote'
  | 'invalid-utf8'
  | 'unknown-event-type';

const MALFORMED_KINDS: readonly MalformedKind[] = [
  'missing-field',
  'non-numeric',
  'out-of-range',
  'bad-timestamp',
  'unclosed-quote',
  'invalid-utf8',
  'unknown-event-type',
];

export type SampleKind = 'reading' | 'heartbeat' | MalformedKind;
export type ExpectedResult = 'Ok' | 'Dropped' | 'ProcessingFailed';

export interface SampleRecord {
  readonly kind: SampleKind;
  readonly expected: ExpectedResult;
  /** One CSV line with its line break, as sent to Firehose. */
  readonly data: Buffer;
}

export interface SampleOptions {
  readonly count: number;
  /** Share of heartbeats, 0 to 1. @default 0.1 */
  readonly noiseRatio?: number;
  /** Share of malformed lines, 0 to 1. @default 0.05 */
  readonly malformedRatio?: number;
  /**
   * Prefix of every sensor id (lowercase letters and digits), so verify.ts can tell this run's records
   * from others in the bucket. @default 'lab'
   */
  readonly runId?: string;
  /** Time of the first event, epoch milliseconds. @default 2025-11-22T00:00:00Z */
  readonly startMillis?: number;
  /** Seed of the pseudo-random choices: the same options give the same records. @default 1 */
  readonly seed?: number;
}

const SITES = ['Greenhouse 1', 'Greenhouse 2, north wall', 'Seed store', 'Packing shed "B"', 'Nursery, bench 4'];

/** Generates `count` records: exactly round(count × ratio) heartbeats and malformed lines, shuffled. */
export function generateSample(options: SampleOptions): SampleRecord[] {
  const noiseRatio = options.noiseRatio ?? 0.1;
  const malformedRatio = options.malformedRatio ?? 0.05;
  const problems = validateSampleOptions(options.count, noiseRatio, malformedRatio, options.runId ?? 'lab');
  if (problems.length > 0) {
    throw new Error(problems.join(' '));
  }
  const random = seededRandom(options.seed ?? 1);
  const noise = Math.round(options.count * noiseRatio);
  const malformed = Math.round(options.count * malformedRatio);
  const kinds: SampleKind[] = [
    ...Array.from({ length: noise }, (): SampleKind => 'heartbeat'),
    ...Array.from({ length: malformed }, (_, i) => MALFORMED_KINDS[i % MALFORMED_KINDS.length]),
  ];
  kinds.push(...Array.from({ length: options.count - kinds.length }, (): SampleKind => 'reading'));
  shuffle(kinds, random);

  const start = options.startMillis ?? Date.UTC(2025, 10, 22);
  return kinds.map((kind, i) => makeRecord(kind, i, random, options.runId ?? 'lab', start + i * 1000));
}

/** Problems with the options, as sentences that say what is allowed; empty when they are valid. */
export function validateSampleOptions(count: number, noiseRatio: number, malformedRatio: number, runId: string): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    problems.push(`count must be a whole number from 1 to 100000, not ${count}.`);
  }
  for (const [name, ratio] of [['noise', noiseRatio], ['malformed', malformedRatio]] as const) {
    if (!(ratio >= 0 && ratio <= 1)) {
      problems.push(`${name} must be a share from 0 to 1, not ${ratio}.`);
    }
  }
  if (noiseRatio + malformedRatio > 1) {
    problems.push('noise and malformed together cannot exceed 1.');
  }
  if (!/^[a-z0-9]{1,16}$/.test(runId)) {
    problems.push(`run id "${runId}" must be 1-16 lowercase letters or digits.`);
  }
  return problems;
}

/** Tallies records by the result the transform should give them. */
export function expectedCounts(records: readonly SampleRecord[]): Record<ExpectedResult, number> {
  const counts = { Ok: 0, Dropped: 0, ProcessingFailed: 0 };
  for (const r of records) {
    counts[r.expected]++;
  }
  return counts;
}

function makeRecord(kind: SampleKind, index: number, random: () => number, runId: string, millis: number): SampleRecord {
  const sensor = `${runId}-th-${String(1 + Math.floor(random() * 24)).padStart(2, '0')}`;
  const site = csvField(SITES[Math.floor(random() * SITES.length)]);
  const temperature = (12 + random() * 18).toFixed(1);
  const humidity = (35 + random() * 50).toFixed(1);
  const battery = (3.3 + random() * 0.9).toFixed(2);
  const fields = [sensor, site, String(millis), 'reading', temperature, humidity, battery];
  // Every tenth valid line ends with CRLF, as lines from Windows tools do; the transform accepts both.
  const lineBreak = index % 10 === 0 ? '\r\n' : '\n';
  const line = (f: string[]) => Buffer.from(`${f.join(',')}${lineBreak}`);
  const bad = (f: string[]) => ({ kind, expected: 'ProcessingFailed' as const, data: line(f) });
  switch (kind) {
    case 'reading':
      return { kind, expected: 'Ok', data: line(fields) };
    case 'heartbeat':
      return { kind, expected: 'Dropped', data: line([sensor, site, String(millis), 'heartbeat', '', '', battery]) };
    case 'missing-field':
      return bad(fields.slice(0, 6));
    case 'non-numeric':
      return bad(with_(fields, 4, 'warm'));
    case 'out-of-range':
      return bad(with_(fields, 5, '140.0'));
    case 'bad-timestamp':
      return bad(with_(fields, 2, new Date(millis).toISOString()));
    case 'unclosed-quote':
      return bad(with_(fields, 1, '"Greenhouse 3, south'));
    case 'invalid-utf8': {
      // "Gewächshaus" written in Latin-1: the byte 0xe4 on its own is not valid UTF-8.
      const data = line(with_(fields, 1, 'Gew#chshaus'));
      data[data.indexOf('#')] = 0xe4;
      return { kind, expected: 'ProcessingFailed', data };
    }
    case 'unknown-event-type':
      return bad(with_(fields, 3, 'calibration'));
  }
}

function with_(fields: readonly string[], index: number, value: string): string[] {
  return fields.map((f, i) => (i === index ? value : f));
}

/** Quotes a CSV field when it needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}


function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
