import {
  TooManyRequestsException,
  TranslateClient,
  TranslateTextCommand,
  UnsupportedLanguagePairException,
} from '@aws-sdk/client-translate';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambda/language-translate/handler';

const translate = mockClient(TranslateClient);

beforeEach(() => {
  translate.reset();
  translate.on(TranslateTextCommand).callsFake(({ Text }: { Text?: string }) => ({ TranslatedText: ` <${(Text ?? '').trim()}> ` }));
});

test('success: a short text is one request', async () => {
  const result = await handler({ text: 'Hola.', sourceLanguage: 'es', targetLanguage: 'en' });
  expect(result).toEqual({ text: '<Hola.>', sourceLanguage: 'es', targetLanguage: 'en', chunks: 1 });
  expect(translate.commandCalls(TranslateTextCommand)[0].args[0].input).toEqual({
    Text: 'Hola.',
    SourceLanguageCode: 'es',
    TargetLanguageCode: 'en',
  });
});

test('success: a text over 10,000 bytes is translated in chunks, keeping the breaks between them', async () => {
  const paragraph = `${'Una frase corta. '.repeat(300)}\n`; // 5,101 bytes
  const result = await handler({ text: paragraph.repeat(3), sourceLanguage: 'es', targetLanguage: 'en' });
  const requests = translate.commandCalls(TranslateTextCommand).map((c) => c.args[0].input.Text ?? '');
  expect(requests.length).toBeGreaterThan(1);
  for (const request of requests) {
    expect(Buffer.byteLength(request)).toBeLessThanOrEqual(10_000);
  }
  expect(result.chunks).toBe(requests.length);
  expect(result.text.split('\n')).toHaveLength(3);
});

test('throttling then success: the throttling error keeps its name for the Step Functions retry', async () => {
  translate.on(TranslateTextCommand).rejectsOnce(new TooManyRequestsException({ message: 'Slow down', $metadata: {} }));
  await expect(handler({ text: 'Hola.', sourceLanguage: 'es', targetLanguage: 'en' })).rejects.toMatchObject({
    name: 'TooManyRequestsException',
  });
  translate.on(TranslateTextCommand).resolves({ TranslatedText: 'Hello.' });
  await expect(handler({ text: 'Hola.', sourceLanguage: 'es', targetLanguage: 'en' })).resolves.toMatchObject({ text: 'Hello.' });
});

test('service error: an unsupported language pair ends the invocation with its name', async () => {
  translate.on(TranslateTextCommand).rejects(new UnsupportedLanguagePairException({ message: 'No', $metadata: {} }));
  await expect(handler({ text: 'Hola.', sourceLanguage: 'xx', targetLanguage: 'en' })).rejects.toMatchObject({
    name: 'UnsupportedLanguagePairException',
  });
});

test('an incomplete event is refused', async () => {
  await expect(handler({ text: 'Hola.' } as never)).rejects.toThrow(/sourceLanguage/);
  expect(translate.calls()).toHaveLength(0);
});
