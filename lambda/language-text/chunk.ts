/**
 * Splitting text for services that limit the size of one request in UTF-8 bytes (Comprehend's
 * synchronous and batch calls: 5,000 bytes per document; Translate's TranslateText: 10,000 bytes).
 *
 * Offsets are counted in Unicode code points, as Comprehend counts them ("a multi-byte UTF-8 character
 * maps to a single code point"), so entity offsets of a chunk shift by the chunk's `offset`.
 */

/** Comprehend's limit for one document of DetectSentiment and of every Batch* call. */
export const COMPREHEND_MAX_BYTES = 5_000;
/** Translate's limit for one TranslateText request. */
export const TRANSLATE_MAX_BYTES = 10_000;

export interface Chunk {
  readonly text: string;
  /** Where the chunk starts in the whole text, in code points. */
  readonly offset: number;
}

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Length in code points (what Comprehend calls characters), not UTF-16 units. */
export function codePoints(text: string): number {
  return Array.from(text).length;
}

/**
 * Splits text into chunks of at most `maxBytes` UTF-8 bytes, cutting between sentences. A sentence
 * longer than the limit is cut between words, and a word longer than the limit between grapheme
 * clusters (never inside a multi-byte character). Joining the chunks gives back the text exactly.
 */
export function splitText(text: string, maxBytes: number): Chunk[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) {
    throw new Error(`maxBytes must be an integer of at least 4 (one UTF-8 character), got ${maxBytes}.`);
  }
  const pieces = segments(text, 'sentence').flatMap((sentence) => fit(sentence, maxBytes));
  let offset = 0;
  return pack(pieces, maxBytes).map((chunk) => {
    const start = offset;
    offset += codePoints(chunk);
    return { text: chunk, offset: start };
  });
}

/** The longest leading run of whole sentences within `maxBytes` (for language detection). */
export function leadingText(text: string, maxBytes: number): string {
  return splitText(text, maxBytes)[0]?.text ?? '';
}

/** One segment too long for the limit becomes several, cut at the coarsest boundary that fits. */
function fit(segment: string, maxBytes: number): string[] {
  if (utf8Bytes(segment) <= maxBytes) {
    return [segment];
  }
  const words = segments(segment, 'word');
  if (words.length > 1) {
    return pack(words.flatMap((word) => fit(word, maxBytes)), maxBytes);
  }
  const graphemes = segments(segment, 'grapheme');
  if (graphemes.length > 1) {
    return pack(graphemes.flatMap((g) => fit(g, maxBytes)), maxBytes);
  }
  // A single grapheme cluster over the limit (a long emoji sequence): fall back to code points.
  return pack(Array.from(segment), maxBytes);
}

function pack(parts: readonly string[], maxBytes: number): string[] {
  const packed: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const part of parts) {
    const bytes = utf8Bytes(part);
    if (current !== '' && currentBytes + bytes > maxBytes) {
      packed.push(current);
      current = '';
      currentBytes = 0;
    }
    current += part;
    currentBytes += bytes;
  }
  if (current !== '') {
    packed.push(current);
  }
  return packed;
}

function segments(text: string, granularity: 'sentence' | 'word' | 'grapheme'): string[] {
  return Array.from(new Intl.Segmenter('en', { granularity }).segment(text), (s) => s.segment);
}
