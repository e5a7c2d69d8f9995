import {
  aggregateSentiment,
  maskSpans,
  shiftSpans,
  speakableText,
  strongest,
  withMaskedText,
} from '../../lambda/language-analyse/merge';

const scores = (POSITIVE: number, NEGATIVE: number, NEUTRAL: number, MIXED: number) => ({ POSITIVE, NEGATIVE, NEUTRAL, MIXED });

describe('aggregateSentiment', () => {
  test('one chunk keeps its scores and label', () => {
    expect(aggregateSentiment([{ characters: 10, scores: scores(0.1, 0.7, 0.15, 0.05) }])).toEqual({
      label: 'NEGATIVE',
      scores: scores(0.1, 0.7, 0.15, 0.05),
    });
  });

  test('scores are averaged by chunk length, so a long chunk outweighs a short one', () => {
    const result = aggregateSentiment([
      { characters: 300, scores: scores(0.9, 0.05, 0.05, 0) },
      { characters: 100, scores: scores(0.1, 0.8, 0.1, 0) },
    ]);
    expect(result.scores).toEqual(scores(0.7, 0.2375, 0.0625, 0));
    expect(result.label).toBe('POSITIVE');
  });

  test('the label follows the mean scores, not the majority of chunks', () => {
    const result = aggregateSentiment([
      { characters: 10, scores: scores(0.6, 0.4, 0, 0) },
      { characters: 10, scores: scores(0.6, 0.4, 0, 0) },
      { characters: 80, scores: scores(0, 1, 0, 0) },
    ]);
    expect(result.label).toBe('NEGATIVE');
  });

  test('ties go to the earlier label', () => {
    expect(aggregateSentiment([{ characters: 1, scores: scores(0.5, 0.5, 0, 0) }]).label).toBe('POSITIVE');
  });

  test('an empty text has no sentiment', () => {
    expect(() => aggregateSentiment([])).toThrow(/empty/);
  });
});

describe('entities of merged chunks', () => {
  test('offsets move by the chunk offset', () => {
    expect(shiftSpans([{ beginOffset: 2, endOffset: 9, text: 'Seattle' }], 100)).toEqual([
      { beginOffset: 102, endOffset: 109, text: 'Seattle' },
    ]);
  });

  test('strongest keeps the highest scores, in text order', () => {
    const found = [
      { text: 'a', score: 0.5, beginOffset: 0, endOffset: 1 },
      { text: 'b', score: 0.9, beginOffset: 5, endOffset: 6 },
      { text: 'c', score: 0.8, beginOffset: 2, endOffset: 3 },
    ];
    expect(strongest(found, 2).map((f) => f.text)).toEqual(['c', 'b']);
  });
});

describe('PII removal', () => {
  const text = 'Mail 😀 jane@example.com now';
  const email = { beginOffset: 7, endOffset: 23, type: 'EMAIL' };

  test('masking keeps the length in code points, so offsets stay valid', () => {
    const masked = maskSpans(text, [email]);
    expect(masked).toBe('Mail 😀 **************** now');
    expect(Array.from(masked)).toHaveLength(Array.from(text).length);
  });

  test('an entity that is PII carries the masked text, not the value', () => {
    const masked = maskSpans(text, [email]);
    const [entity] = withMaskedText([{ text: 'jane@example.com', type: 'OTHER', score: 0.9, beginOffset: 7, endOffset: 23 }], masked);
    expect(entity.text).toBe('****************');
  });

  test('the spoken text names the kind of PII instead of its value', () => {
    expect(speakableText(text, [email])).toBe('Mail 😀 redacted email now');
    expect(speakableText('Call 555-0100 or 555-0199.', [
      { beginOffset: 17, endOffset: 25, type: 'PHONE' },
      { beginOffset: 5, endOffset: 13, type: 'PHONE' },
    ])).toBe('Call redacted phone or redacted phone.');
  });
});
