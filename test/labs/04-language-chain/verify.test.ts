import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { SAMPLES, verifyChain } from '../../../labs/04-language-chain/verify';

const s3 = mockClient(S3Client);
const RUN = 'verify-test/';
const noSleep = () => Promise.resolve();

/** A stand-in for the SDK's streaming body: the script only calls transformToString. */
function body(json: object): GetObjectCommandOutput['Body'] {
  return { transformToString: () => Promise.resolve(JSON.stringify(json)) } as unknown as GetObjectCommandOutput['Body'];
}

/** Answers GetObject from a map of output keys; anything else does not exist (yet). */
function outputs(objects: Record<string, object>, audio = true) {
  s3.on(GetObjectCommand).callsFake(({ Key }: { Key: string }) => {
    if (objects[Key]) {
      return { Body: body(objects[Key]) };
    }
    throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
  });
  s3.on(HeadObjectCommand).callsFake(() => {
    if (!audio) {
      throw new NotFound({ message: 'Not Found', $metadata: {} });
    }
    return {};
  });
}

const result = (file: string, language: string) => ({
  sourceLanguage: language,
  sentiment: { label: 'POSITIVE' },
  entities: [{ type: 'LOCATION' }],
  entityCount: 1,
  piiTypes: file.startsWith('pii') ? ['EMAIL', 'NAME'] : [],
  audioKey: `audio/input/${RUN}${file}/task.mp3`,
});
const rejected = (reason: string) => ({ error: 'InputRejected', reason: JSON.stringify({ errorType: 'InputRejected', errorMessage: reason }) });

/** What a working chain writes for every sample. */
function expectedOutputs(): Record<string, object> {
  const entries: [string, object][] = SAMPLES.map((s) =>
    s.expect === 'result'
      ? [`output/input/${RUN}${s.file}.json`, result(s.file, s.language ?? 'en')]
      : [`errors/input/${RUN}${s.file}.json`, rejected('The file is empty.')],
  );
  return Object.fromEntries(entries);
}

const run = (timeoutMs?: number) =>
  verifyChain({ s3: new S3Client({ region: 'us-east-1' }), inputBucket: 'in', outputBucket: 'out', runId: 'test', log: () => undefined, sleep: noSleep, timeoutMs });

beforeEach(() => {
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
});

test('uploads every sample under input/verify-<run>/ and reports each one in the table', async () => {
  outputs(expectedOutputs());
  const report = await run();
  expect(report.problems).toEqual([]);
  const uploads = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
  expect(uploads.map((u) => u.Key)).toEqual(SAMPLES.map((s) => `input/${RUN}${s.file}`));
  expect(uploads.find((u) => u.Key?.endsWith('review-en.txt'))?.Metadata).toEqual({ 'target-language': 'fr' });
  expect(report.rows.find((r) => r.file === 'review-es.txt')).toMatchObject({ outcome: 'result', language: 'es', sentiment: 'POSITIVE' });
  expect(report.rows.find((r) => r.file === 'pii-en.txt')).toMatchObject({ pii: 'EMAIL NAME' });
  expect(report.rows.find((r) => r.file === 'empty.txt')).toMatchObject({ outcome: 'error', 'audio key or error': 'InputRejected: The file is empty.' });
});

test('says which file did not end as expected, and why', async () => {
  const written = expectedOutputs();
  delete written[`output/input/${RUN}review-es.txt.json`];
  written[`errors/input/${RUN}review-es.txt.json`] = { error: 'UnsupportedLanguagePairException', reason: 'Unsupported language pair: es to en' };
  delete written[`errors/input/${RUN}pixel.png.json`];
  written[`output/input/${RUN}pixel.png.json`] = result('pixel.png', 'en');
  outputs(written);
  const { problems } = await run();
  expect(problems).toEqual([
    'review-es.txt: expected a result, but the chain failed with UnsupportedLanguagePairException: Unsupported language pair: es to en',
    'pixel.png: expected an error report, but the chain produced a result.',
  ]);
});

test('reports missing audio', async () => {
  outputs(expectedOutputs(), false);
  const { problems } = await run();
  expect(problems).toHaveLength(SAMPLES.filter((s) => s.expect === 'result').length);
  expect(problems[0]).toMatch(/review-en.txt: the audio audio\/input\/verify-test\/review-en.txt\/task.mp3 is not in the output bucket/);
});

test('a file with neither result nor error after the wait points to the executions and the dead-letter queue', async () => {
  outputs({});
  const { problems, rows } = await run(10_000);
  expect(problems).toHaveLength(SAMPLES.length);
  expect(problems[0]).toMatch(/review-en.txt: neither output\/input\/verify-test\/review-en.txt.json nor errors\/.* appeared.*Step Functions console.*dead-letter queue/);
  expect(rows[0]).toEqual({ file: 'review-en.txt', outcome: 'timed out' });
});
