/** The transform contract (lab 02), tested on the pure functions without mocks. */
import type { FirehoseTransformationEventRecord } from 'aws-lambda';
import { generateSample } from '../../labs/02-firehose-transform/sample';
import { splitCsvLine } from '../../lambda/firehose-transform/csv';
import { LAMBDA_RESPONSE_LIMIT_BYTES } from '../../lambda/firehose-transform/limits';
import { dewPoint, MAX_LINE_BYTES } from '../../lambda/firehose-transform/schema';
import { transformBatch, transformRecord } from '../../lambda/firehose-transform/transform';

const VALID = 'th-0042,"Greenhouse 2, north wall",1763784000000,reading,21.7,48.2,3.71';
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const record = (recordId: string, data: string): FirehoseTransformationEventRecord => ({
  recordId,
  approximateArrivalTimestamp: 1763784000123,
  data,
});
/** Records as Firehose sends them, with ids shaped like Firehose's (56 digits). */
const batchOf = (payloads: readonly (string | Buffer)[]) =>
  payloads.map((p, i) => record(`4954698668313554428650745793632162567570019247115678${String(i).padStart(4, '0')}`, b64(p)));
const decodeJson = (data: string) => JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Record<string, unknown>;
const codeOf = (payload: string | Buffer, raw = false) => {
  const outcome = transformRecord(raw ? (payload as string) : b64(payload));
  return outcome.result === 'ProcessingFailed' ? outcome.rejection.code : outcome.result;
};

describe('transformBatch: the contract with Firehose', () => {
  const sample = generateSample({ count: 500, runId: 'test' });
  const records = batchOf(sample.map((s) => s.data));
  const { response, summary } = transformBatch(records);

  test('returns every input record id exactly once, in order', () => {
    expect(response.records.map((r) => r.recordId)).toEqual(records.map((r) => r.recordId));
  });

  test('gives each record Ok, Dropped or ProcessingFailed, as the sample expects', () => {
    expect(response.records.map((r) => r.result)).toEqual(sample.map((s) => s.expected));
    expect(summary).toMatchObject({ records: 500, ok: 425, dropped: 50, failed: 25, overflow: 0 });
  });

  test('returns data as base64 for every record, and an empty string for Dropped and ProcessingFailed', () => {
    for (const r of response.records) {
      expect(r.data).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      expect(r.data === '').toBe(r.result !== 'Ok');
    }
  });

  test('reports the exact size of the serialized response', () => {
    expect(summary.responseBytes).toBe(Buffer.byteLength(JSON.stringify(response)));
  });

  test('answers an empty batch with an empty list', () => {
    const empty = transformBatch([]);
    expect(empty.response).toEqual({ records: [] });
    expect(empty.summary.responseBytes).toBe(Buffer.byteLength(JSON.stringify(empty.response)));
  });
});

describe('transformRecord: a valid reading', () => {
  const outcome = transformRecord(b64(`${VALID}\n`));

  test('becomes one JSON line with typed fields, an ISO timestamp and the derived dew point', () => {
    expect(outcome.result).toBe('Ok');
    const data = outcome.result === 'Ok' ? outcome.data : '';
    expect(Buffer.from(data, 'base64').toString('utf8')).toMatch(/^\{[^\n]*\}\n$/);
    expect(decodeJson(data)).toEqual({
      sensor_id: 'th-0042',
      site: 'Greenhouse 2, north wall',
      event_time: '2025-11-22T04:00:00.000Z',
      temperature_c: 21.7,
      humidity_pct: 48.2,
      battery_v: 3.71,
      dew_point_c: 10.3,
    });
  });

  test('keeps a quoted site with commas and doubled quotes', () => {
    const line = 'th-1,"Packing shed ""B"", bay 2",1763784000000,reading,20,50,3.5';
    const result = transformRecord(b64(line));
    expect(result.result === 'Ok' && decodeJson(result.data).site).toBe('Packing shed "B", bay 2');
  });

  test.each([
    ['a line without a line break', VALID],
    ['a CRLF line break', `${VALID}\r\n`],
    ['a UTF-8 byte order mark', `\ufeff${VALID}\n`],
    ['non-ASCII text in the site', VALID.replace('Greenhouse 2, north wall', 'Gewächshaus 2')],
    ['the longest line accepted', VALID.replace('Greenhouse 2, north wall', 'x'.repeat(128))],
  ])('accepts %s', (_, line) => {
    expect(codeOf(line)).toBe('Ok');
  });

  test('computes the dew point with the Magnus formula', () => {
    expect(dewPoint(20, 50)).toBe(9.3);
    expect(dewPoint(30, 100)).toBe(30);
    expect(dewPoint(-10, 80)).toBe(-12.8);
  });
});

describe('transformRecord: noise and bad input give a per-record result, never an exception', () => {
  test('drops heartbeats', () => {
    expect(codeOf('th-1,Seed store,1763784000000,heartbeat,,,3.70')).toBe('Dropped');
  });

  const fields = VALID.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const withField = (index: number, value: string) => fields.map((f, i) => (i === index ? value : f)).join(',');

  test.each([
    ['empty data', '', 'empty'],
    ['a line break only', '\n', 'empty'],
    ['too few fields', fields.slice(0, 6).join(','), 'field-count'],
    ['too many fields', `${VALID},extra`, 'field-count'],
    ['a non-numeric temperature', withField(4, 'warm'), 'invalid-value'],
    ['a number in exponent notation', withField(4, '2.1e1'), 'invalid-value'],
    ['a temperature out of range', withField(4, '99.5'), 'out-of-range'],
    ['a humidity out of range', withField(5, '100.5'), 'out-of-range'],
    ['a humidity of 0', withField(5, '0'), 'out-of-range'],
    ['a battery voltage out of range', withField(6, '5.5'), 'out-of-range'],
    ['an ISO timestamp instead of epoch milliseconds', withField(2, '2025-11-22T04:00:00Z'), 'invalid-value'],
    ['a timestamp before 2000', withField(2, '946684799999'), 'out-of-range'],
    ['an unknown event type', withField(3, 'calibration'), 'unknown-event-type'],
    ['an invalid sensor id', withField(0, 'th 42'), 'invalid-value'],
    ['a control character in the site', withField(1, 'Seed\tstore'), 'invalid-value'],
    ['an unclosed quote', withField(1, '"Greenhouse 3, south'), 'csv-syntax'],
    ['text after a closing quote', withField(1, '"Greenhouse" 3'), 'csv-syntax'],
    ['a quote inside an unquoted field', withField(1, 'Shed "B"'), 'csv-syntax'],
    ['two lines in one record', `${VALID}\n${VALID}\n`, 'multiple-lines'],
    ['a line longer than the limit', withField(1, 'x'.repeat(MAX_LINE_BYTES)), 'too-long'],
    ['a record of 1000 KiB (the Firehose maximum)', 'x'.repeat(1000 * 1024), 'too-long'],
  ])('rejects %s', (_, line, code) => {
    expect(codeOf(line)).toBe(code);
  });

  test('rejects data that is not valid UTF-8', () => {
    expect(codeOf(Buffer.concat([Buffer.from('th-1,Gew'), Buffer.from([0xe4]), Buffer.from('chshaus,1,reading,1,1,1')]))).toBe('invalid-utf8');
  });

  test.each([
    ['characters outside the base64 alphabet', '!!!!'],
    ['a length that is not a multiple of 4', 'dGgtMQ'],
    ['padding in the middle', 'dG==gtMQ'],
  ])('rejects data with %s', (_, data) => {
    expect(codeOf(data, true)).toBe('invalid-base64');
  });

  test('never throws on random bytes or random text, and answers each record', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const payloads = Array.from({ length: 2000 }, (_, i) => {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 120) }, () => Math.floor(random() * 256)));
      return i % 2 === 0 ? bytes.toString('base64') : bytes.toString('latin1').slice(0, 60);
    });
    const records = payloads.map((data, i) => record(String(i), data));
    const { response } = transformBatch(records);
    expect(response.records.map((r) => r.recordId)).toEqual(records.map((r) => r.recordId));
  });
});

describe('transformBatch: the response never exceeds the limit', () => {
  test('returns the valid records that do not fit as ProcessingFailed, in order, with the reason', () => {
    const records = batchOf(Array.from({ length: 20 }, () => VALID));
    const limit = 3_000;
    const { response, summary, failures } = transformBatch(records, { responseLimitBytes: limit });
    expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThanOrEqual(limit);
    expect(response.records.map((r) => r.recordId)).toEqual(records.map((r) => r.recordId));
    const results = response.records.map((r) => r.result);
    expect(results.indexOf('ProcessingFailed')).toBe(summary.ok);
    expect(results.slice(summary.ok).every((r) => r === 'ProcessingFailed')).toBe(true);
    expect(summary.overflow).toBe(20 - summary.ok);
    expect(summary.ok).toBeGreaterThan(0);
    expect(failures.every((f) => f.code === 'response-size-limit')).toBe(true);
  });

  test('keeps a 3 MiB batch (the largest processor buffer) under 6 MiB', () => {
    const payloads: Buffer[] = [];
    let bytes = 0;
    for (const s of generateSample({ count: 60_000, runId: 'big' })) {
      if (bytes + s.data.length > 3 * 1024 * 1024) break;
      payloads.push(s.data);
      bytes += s.data.length;
    }
    const { response, summary } = transformBatch(batchOf(payloads));
    const size = Buffer.byteLength(JSON.stringify(response));
    expect(size).toBe(summary.responseBytes);
    expect(size).toBeLessThanOrEqual(LAMBDA_RESPONSE_LIMIT_BYTES);
    expect(summary.overflow).toBeGreaterThan(0);
    expect(response.records).toHaveLength(payloads.length);
  });

  test('ignores a configured limit above Lambda\'s', () => {
    const { summary } = transformBatch(batchOf([VALID]), { responseLimitBytes: 10 * LAMBDA_RESPONSE_LIMIT_BYTES });
    expect(summary.ok).toBe(1);
    const tiny = transformBatch(batchOf([VALID]), { responseLimitBytes: 1 });
    expect(tiny.summary.overflow).toBe(1);
  });
});

describe('splitCsvLine', () => {
  test.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['', ['']],
    ['a,', ['a', '']],
    [',,', ['', '', '']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['""', ['']],
    ['x,"",y', ['x', '', 'y']],
  ])('splits %j', (line, fields) => {
    expect(splitCsvLine(line)).toEqual({ ok: true, fields });
  });

  test.each(['"a', 'a"b', '"a"b', '"a""'])('reports a syntax error in %j', (line) => {
    expect(splitCsvLine(line).ok).toBe(false);
  });
});
