import { expectedCounts, generateSample, validateSampleOptions } from '../../../labs/02-firehose-transform/sample';
import { transformRecord } from '../../../lambda/firehose-transform/transform';

test('generates exactly the requested mix, every record starting with the run id', () => {
  const sample = generateSample({ count: 1000, noiseRatio: 0.2, malformedRatio: 0.07, runId: 'abc123' });
  expect(sample).toHaveLength(1000);
  expect(expectedCounts(sample)).toEqual({ Ok: 730, Dropped: 200, ProcessingFailed: 70 });
  expect(sample.every((r) => r.data.toString('latin1').startsWith('abc123-th-'))).toBe(true);
  expect(new Set(sample.filter((r) => r.expected === 'ProcessingFailed').map((r) => r.kind)).size).toBe(7);
});

test('gives each record the result the real transform gives it', () => {
  for (const record of generateSample({ count: 2000, noiseRatio: 0.1, malformedRatio: 0.2, seed: 3 })) {
    expect([record.kind, transformRecord(record.data.toString('base64')).result]).toEqual([record.kind, record.expected]);
  }
});

test('is reproducible from its seed', () => {
  const a = generateSample({ count: 50, seed: 9 }).map((r) => r.data.toString('hex'));
  expect(generateSample({ count: 50, seed: 9 }).map((r) => r.data.toString('hex'))).toEqual(a);
  expect(generateSample({ count: 50, seed: 10 }).map((r) => r.data.toString('hex'))).not.toEqual(a);
});

test('explains every invalid option at once', () => {
  expect(validateSampleOptions(0, -1, 2.5, 'Run!')).toEqual([
    'count must be a whole number from 1 to 100000, not 0.',
    'noise must be a share from 0 to 1, not -1.',
    'malformed must be a share from 0 to 1, not 2.5.',
    'noise and malformed together cannot exceed 1.',
    'run id "Run!" must be 1-16 lowercase letters or digits.',
  ]);
  expect(() => generateSample({ count: 0 })).toThrow('count must be');
});
