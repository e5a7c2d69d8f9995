import {
  BatchDetectEntitiesCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectPiiEntitiesCommand,
  TextSizeLimitExceededException,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambda/language-analyse/handler';

const comprehend = mockClient(ComprehendClient);

/** Answers every batch call per document: one LOCATION entity wherever "Seattle" appears in a chunk. */
function answerPerDocument() {
  const each = (texts: string[] | undefined, item: (text: string) => object) => ({
    ResultList: (texts ?? []).map((text, Index) => ({ Index, ...item(text) })),
    ErrorList: [],
  });
  comprehend.on(BatchDetectSentimentCommand).callsFake(({ TextList }: { TextList?: string[] }) =>
    each(TextList, () => ({ Sentiment: 'POSITIVE', SentimentScore: { Positive: 0.8, Negative: 0.1, Neutral: 0.1, Mixed: 0 } })),
  );
  comprehend.on(BatchDetectEntitiesCommand).callsFake(({ TextList }: { TextList?: string[] }) =>
    each(TextList, (text) => {
      const at = text.indexOf('Seattle');
      return { Entities: at < 0 ? [] : [{ Text: 'Seattle', Type: 'LOCATION', Score: 0.99, BeginOffset: at, EndOffset: at + 7 }] };
    }),
  );
  comprehend.on(BatchDetectKeyPhrasesCommand).callsFake(({ TextList }: { TextList?: string[] }) => each(TextList, () => ({ KeyPhrases: [] })));
  comprehend.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
}

beforeEach(() => {
  comprehend.reset();
});

test('success: a long text is analysed in chunks with the batch APIs and merged', async () => {
  answerPerDocument();
  const text = `${'Good coffee here. '.repeat(400)}We met in Seattle.`; // 7,218 bytes: two chunks
  const result = await handler({ text });
  expect(comprehend.commandCalls(BatchDetectSentimentCommand)).toHaveLength(1);
  expect(comprehend.commandCalls(BatchDetectSentimentCommand)[0].args[0].input.TextList).toHaveLength(2);
  expect(comprehend.commandCalls(DetectPiiEntitiesCommand)).toHaveLength(2);
  expect(result.chunks).toBe(2);
  expect(result.sentiment).toEqual({ label: 'POSITIVE', scores: { POSITIVE: 0.8, NEGATIVE: 0.1, NEUTRAL: 0.1, MIXED: 0 } });
  expect(result.entities).toEqual([
    { text: 'Seattle', type: 'LOCATION', score: 0.99, beginOffset: text.indexOf('Seattle'), endOffset: text.indexOf('Seattle') + 7 },
  ]);
});

test('PII is reported by type and removed from the texts', async () => {
  answerPerDocument();
  comprehend.on(DetectPiiEntitiesCommand).resolves({ Entities: [{ Type: 'EMAIL', Score: 0.99, BeginOffset: 9, EndOffset: 25 }] });
  const result = await handler({ text: 'Write to jane@example.com today.' });
  expect(result.piiTypes).toEqual(['EMAIL']);
  expect(result.maskedText).toBe('Write to **************** today.');
  expect(result.spokenText).toBe('Write to redacted email today.');
  expect(JSON.stringify(result)).not.toContain('jane@example.com');
});

test('throttling then success: the throttling error keeps its name for the Step Functions retry', async () => {
  answerPerDocument();
  comprehend
    .on(BatchDetectSentimentCommand)
    .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
  await expect(handler({ text: 'Nice.' })).rejects.toMatchObject({ name: 'TooManyRequestsException' });
  answerPerDocument();
  await expect(handler({ text: 'Nice.' })).resolves.toMatchObject({ sentiment: { label: 'POSITIVE' } });
});

test('service error: a failed call or a failed document ends the invocation with a named error', async () => {
  answerPerDocument();
  comprehend.on(DetectPiiEntitiesCommand).rejects(new TextSizeLimitExceededException({ message: 'Too long', $metadata: {} }));
  await expect(handler({ text: 'Nice.' })).rejects.toMatchObject({ name: 'TextSizeLimitExceededException' });

  comprehend.reset();
  answerPerDocument();
  comprehend.on(BatchDetectEntitiesCommand).resolves({
    ResultList: [],
    ErrorList: [{ Index: 0, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'Try again' }],
  });
  await expect(handler({ text: 'Nice.' })).rejects.toMatchObject({
    name: 'ComprehendBatchError',
    message: 'BatchDetectEntities failed for chunk 0: INTERNAL_SERVER_ERROR Try again',
  });
});

test('an event without text is refused', async () => {
  await expect(handler({} as never)).rejects.toThrow(/"text"/);
  expect(comprehend.calls()).toHaveLength(0);
});
