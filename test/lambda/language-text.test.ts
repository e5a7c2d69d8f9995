import { codePoints, COMPREHEND_MAX_BYTES, leadingText, splitText, utf8Bytes } from '../../lambda/language-text/chunk';

/** Every chunk is within the limit, and the chunks put back together are the text. */
function expectValidChunks(text: string, maxBytes: number) {
  const chunks = splitText(text, maxBytes);
  expect(chunks.map((c) => c.text).join('')).toBe(text);
  for (const chunk of chunks) {
    expect(utf8Bytes(chunk.text)).toBeLessThanOrEqual(maxBytes);
    // A chunk decodes to itself: no multi-byte character was cut (a lone surrogate would not).
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(chunk.text))).toBe(chunk.text);
    expect(chunk.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  }
  return chunks;
}

describe('splitText', () => {
  test('a text within the limit is one chunk', () => {
    expect(splitText('Short text. Two sentences.', COMPREHEND_MAX_BYTES)).toEqual([{ text: 'Short text. Two sentences.', offset: 0 }]);
  });

  test('an empty text has no chunks', () => {
    expect(splitText('', 100)).toEqual([]);
  });

  test('cuts between sentences, never inside one that fits', () => {
    const chunks = expectValidChunks('One two three. Four five six. Seven eight nine.', 32);
    expect(chunks.map((c) => c.text)).toEqual(['One two three. Four five six. ', 'Seven eight nine.']);
  });

  test('counts bytes, not characters: CJK text (3 bytes per character) is cut on its sentence marks', () => {
    const sentence = '今日は良い天気です。'; // 10 characters, 30 bytes
    const chunks = expectValidChunks(sentence.repeat(5), 70);
    expect(chunks.map((c) => c.text)).toEqual([sentence.repeat(2), sentence.repeat(2), sentence]);
    expect(chunks.map((c) => c.offset)).toEqual([0, 20, 40]);
  });

  test('never cuts an emoji: 4-byte characters and joined sequences stay whole', () => {
    const family = '👩‍👩‍👧'; // 3 emoji joined by zero-width joiners: 18 bytes, 5 code points
    const text = `${'😀'.repeat(30)} ${family.repeat(3)}`;
    const chunks = expectValidChunks(text, 20);
    expect(chunks.filter((c) => c.text.includes('👩')).map((c) => c.text)).toEqual([` ${family}`, family, family]);
  });

  test('a sentence longer than the limit is cut between words', () => {
    const sentence = `${'word '.repeat(30)}end.`;
    const chunks = expectValidChunks(sentence, 32);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.text).toMatch(/ $/);
    }
  });

  test('a word longer than the limit is cut between characters', () => {
    const chunks = expectValidChunks('é'.repeat(25), 9); // 2 bytes each: 4 per chunk
    expect(chunks.map((c) => codePoints(c.text))).toEqual([4, 4, 4, 4, 4, 4, 1]);
  });

  test('offsets are in code points of the whole text', () => {
    const text = '😀 Hello there. 日本語の文です。 Last one here.';
    const chunks = expectValidChunks(text, 24);
    for (const chunk of chunks) {
      expect(Array.from(text).slice(chunk.offset, chunk.offset + codePoints(chunk.text)).join('')).toBe(chunk.text);
    }
  });

  test('a limit below one character is refused', () => {
    expect(() => splitText('abc', 3)).toThrow(/at least 4/);
  });
});

test('leadingText keeps the whole sentences that fit', () => {
  expect(leadingText('First sentence here. Second sentence here.', 25)).toBe('First sentence here. ');
  expect(leadingText('', 25)).toBe('');
});
