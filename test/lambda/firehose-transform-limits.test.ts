/** The response-size arithmetic behind the processor buffer size (lambda/firehose-transform/limits.ts). */
import { generateSample } from '../../labs/02-firehose-transform/sample';
import {
  LAMBDA_RESPONSE_LIMIT_BYTES,
  PLANNED_RECORD_ID_CHARS,
  PROCESSOR_BUFFER_MIB,
  responseEntryBytes,
  worstCaseResponseBytes,
} from '../../lambda/firehose-transform/limits';
import { transformRecord } from '../../lambda/firehose-transform/transform';

const MIB = 1024 * 1024;

/** Each field at its shortest valid value (and the longest dew point), so their output per byte is largest. */
const SHORTEST_LINES = ['a,,946684800000,reading,0,1,0', 'a,,946684800000,reading,-40,0.01,0'];

function measure(line: string) {
  const outcome = transformRecord(Buffer.from(line).toString('base64'));
  if (outcome.result !== 'Ok') {
    throw new Error(`${line} should be a valid reading`);
  }
  return { bytes: Buffer.byteLength(line), jsonLineBytes: Buffer.from(outcome.data, 'base64').length };
}

/** Response bytes per input byte for a batch of copies of `line`. */
const expansion = (line: string) => worstCaseResponseBytes(MIB, measure(line)) / MIB;
const worstExpansion = Math.max(...SHORTEST_LINES.map(expansion));

test('a full processor buffer of the shortest valid readings answers within 6 MiB', () => {
  const worst = Math.max(...SHORTEST_LINES.map((l) => worstCaseResponseBytes(PROCESSOR_BUFFER_MIB * MIB, measure(l))));
  expect(worst).toBeLessThanOrEqual(LAMBDA_RESPONSE_LIMIT_BYTES);
});

test('the buffer is the largest 0.1 MiB step that keeps the worst case within the limit', () => {
  const next = Math.max(...SHORTEST_LINES.map((l) => worstCaseResponseBytes((PROCESSOR_BUFFER_MIB + 0.1) * MIB, measure(l))));
  expect(next).toBeGreaterThan(LAMBDA_RESPONSE_LIMIT_BYTES);
});

test('Firehose\'s default (1 MiB) and maximum (3 MiB) buffers could exceed the limit', () => {
  expect(worstExpansion * MIB).toBeGreaterThan(LAMBDA_RESPONSE_LIMIT_BYTES);
});

test('no generated valid reading grows more per byte than the shortest ones', () => {
  const lines = generateSample({ count: 5_000, noiseRatio: 0, malformedRatio: 0, seed: 42 }).map((s) =>
    s.data.toString('utf8').replace(/\r?\n$/, ''),
  );
  const random = [...lines, 'z,"\\\\\\\\",1763784000000,reading,-9.99,0.01,0.001', 'a,\\,946684800000,reading,1,1,1'];
  for (const line of random) {
    expect(expansion(line)).toBeLessThanOrEqual(worstExpansion);
  }
});

test('the entry size formula matches JSON.stringify', () => {
  const id = '4'.repeat(PLANNED_RECORD_ID_CHARS);
  for (const [result, data] of [['Ok', 'eyJh'], ['Dropped', ''], ['ProcessingFailed', '']]) {
    const entry = JSON.stringify({ recordId: id, result, data });
    expect(responseEntryBytes(JSON.stringify(id).length, result, data.length)).toBe(Buffer.byteLength(entry));
  }
});
