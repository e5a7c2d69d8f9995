import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { decodeText, MAX_INPUT_BYTES, targetLanguageOf } from '../../lambda/language-read/check';
import { READ_ENV } from '../../lambda/language-read/env';
import { handler } from '../../lambda/language-read/handler';

const s3 = mockClient(S3Client);
const event = { bucket: 'lab-input', key: 'input/note.txt' };
const bytes = (text: string) => new TextEncoder().encode(text);

/** A stand-in for the SDK's streaming body: the read function only calls transformToByteArray. */
function body(content: Uint8Array): GetObjectCommandOutput['Body'] {
  return { transformToByteArray: () => Promise.resolve(content) } as unknown as GetObjectCommandOutput['Body'];
}

function store(content: Uint8Array, metadata: Record<string, string> = {}) {
  s3.on(HeadObjectCommand).resolves({ ContentLength: content.length, ETag: '"abc"', Metadata: metadata });
  s3.on(GetObjectCommand).resolves({ Body: body(content) });
}

beforeEach(() => {
  s3.reset();
  delete process.env[READ_ENV.defaultTargetLanguage];
});

describe('handler', () => {
  test('success: returns the text, a sample for language detection and the target language', async () => {
    process.env[READ_ENV.defaultTargetLanguage] = 'fr';
    store(bytes('\uFEFFBonjour à tous. Il fait beau.'));
    await expect(handler(event)).resolves.toEqual({
      text: 'Bonjour à tous. Il fait beau.',
      bytes: 33, // byte-order mark (3) + 28 ASCII + à (2)
      characters: 29,
      sample: 'Bonjour à tous. Il fait beau.',
      targetLanguage: 'fr',
    });
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({ Bucket: 'lab-input', Key: 'input/note.txt', IfMatch: '"abc"' });
  });

  test('object metadata overrides the default target language', async () => {
    store(bytes('Hello.'), { 'target-language': 'de' });
    await expect(handler(event)).resolves.toMatchObject({ targetLanguage: 'de' });
  });

  test('a file over the limit is rejected without reading it', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: MAX_INPUT_BYTES + 1, ETag: '"abc"' });
    await expect(handler(event)).rejects.toMatchObject({ name: 'InputRejected', message: expect.stringMatching(/limit is 20000 bytes/) });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  test('throttling then success: S3 errors keep their name for the Step Functions retry', async () => {
    s3.on(HeadObjectCommand).rejectsOnce(
      new S3ServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Slow down', $metadata: {} }),
    );
    await expect(handler(event)).rejects.toMatchObject({ name: 'ThrottlingException' });
    store(bytes('Hello.'));
    await expect(handler(event)).resolves.toMatchObject({ text: 'Hello.' });
  });

  test('service error: a missing object ends the invocation with its name', async () => {
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'gone', $metadata: {} }));
    await expect(handler(event)).rejects.toMatchObject({ name: 'NotFound' });
    s3.on(HeadObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    await expect(handler({ ...event, key: 'input/a+b.txt' })).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  test('a URL-encoded key from the event is decoded when the key as received does not exist', async () => {
    store(bytes('Hello.'));
    s3.on(HeadObjectCommand, { Key: 'input/my+note%C3%A9.txt' }).rejects(new NotFound({ message: 'Not Found', $metadata: {} }));
    await expect(handler({ bucket: 'lab-input', key: 'input/my+note%C3%A9.txt' })).resolves.toMatchObject({ text: 'Hello.' });
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input.Key).toBe('input/my noteé.txt');
  });

  test('an event without bucket and key is refused', async () => {
    await expect(handler({} as never)).rejects.toThrow(/"bucket"/);
  });
});

describe('checks', () => {
  test.each([
    ['an empty file', new Uint8Array(0), /empty/],
    ['whitespace only', bytes(' \n\t '), /only whitespace/],
    ['invalid UTF-8', Uint8Array.from([0x48, 0xc3, 0x28]), /not valid UTF-8/],
    ['a binary file that happens to be valid UTF-8', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /U\+0003/],
    ['a file over the limit', bytes('a'.repeat(MAX_INPUT_BYTES + 1)), /limit/],
  ])('%s is rejected', (_what, content, reason) => {
    expect(() => decodeText(content)).toThrow(reason);
  });

  test('text with tabs, line breaks and multi-byte characters is accepted', () => {
    expect(decodeText(bytes('Zeile 1\tü\r\nZeile 2 😀\n'))).toBe('Zeile 1\tü\r\nZeile 2 😀\n');
  });

  test('a target language must be a language code', () => {
    expect(targetLanguageOf({ 'target-language': 'pt-PT' }, 'none')).toBe('pt-PT');
    expect(targetLanguageOf({}, 'none')).toBe('none');
    expect(() => targetLanguageOf({ 'target-language': 'Spanish' }, 'none')).toThrow(/not a language code/);
  });
});
