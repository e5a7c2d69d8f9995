/**
 * Merging Comprehend's per-chunk results into one result for the whole text, and removing PII values.
 * Pure functions, tested without mocks.
 */

export const SENTIMENT_LABELS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export type SentimentScores = Record<SentimentLabel, number>;

export interface ChunkSentiment {
  /** Length of the chunk in characters (code points): the weight of its scores. */
  readonly characters: number;
  readonly scores: SentimentScores;
}

export interface Sentiment {
  readonly label: SentimentLabel;
  readonly scores: SentimentScores;
}

/**
 * The sentiment of a text analysed in chunks. Rule: each score is the mean of the chunks' scores
 * weighted by chunk length in characters (a long chunk says more about the text than a short one), and
 * the label is the one with the highest mean score (ties go to the earlier of POSITIVE, NEGATIVE,
 * NEUTRAL, MIXED). One chunk gives back Comprehend's own scores and label.
 */
export function aggregateSentiment(chunks: readonly ChunkSentiment[]): Sentiment {
  const total = chunks.reduce((sum, c) => sum + c.characters, 0);
  if (chunks.length === 0 || total <= 0) {
    throw new Error('Cannot aggregate the sentiment of an empty text.');
  }
  const mean = (label: SentimentLabel) =>
    round(chunks.reduce((sum, c) => sum + c.scores[label] * c.characters, 0) / total);
  const scores = Object.fromEntries(SENTIMENT_LABELS.map((l) => [l, mean(l)])) as SentimentScores;
  const label = SENTIMENT_LABELS.reduce((best, l) => (scores[l] > scores[best] ? l : best));
  return { label, scores };
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** A stretch of the text, in code points, end exclusive, as Comprehend reports offsets. */
export interface Span {
  readonly beginOffset: number;
  readonly endOffset: number;
}

export interface Found extends Span {
  readonly text: string;
  readonly score: number;
}

export interface FoundEntity extends Found {
  readonly type: string;
}

export interface TypedSpan extends Span {
  readonly type: string;
}

/** Moves spans found in a chunk to their place in the whole text. */
export function shiftSpans<T extends Span>(spans: readonly T[], chunkOffset: number): T[] {
  return spans.map((s) => ({ ...s, beginOffset: s.beginOffset + chunkOffset, endOffset: s.endOffset + chunkOffset }));
}

export function overlaps(a: Span, b: Span): boolean {
  return a.beginOffset < b.endOffset && b.beginOffset < a.endOffset;
}

/**
 * The text with every character inside a PII span replaced by `*`. Lengths and offsets stay the same,
 * so entity offsets still point at the right place in the masked text.
 */
export function maskSpans(text: string, spans: readonly Span[]): string {
  const chars = Array.from(text);
  for (const span of spans) {
    for (let i = span.beginOffset; i < Math.min(span.endOffset, chars.length); i++) {
      if (!/\s/.test(chars[i])) {
        chars[i] = '*';
      }
    }
  }
  return chars.join('');
}

/** The text to read aloud: each PII span is replaced by the words "redacted <type>". */
export function speakableText(text: string, spans: readonly TypedSpan[]): string {
  const chars = Array.from(text);
  const sorted = [...spans].sort((a, b) => a.beginOffset - b.beginOffset);
  const parts: string[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.beginOffset < at) {
      continue; // Overlaps the previous span, which is already replaced.
    }
    parts.push(chars.slice(at, span.beginOffset).join(''), `redacted ${span.type.toLowerCase().replace(/_/g, ' ')}`);
    at = span.endOffset;
  }
  parts.push(chars.slice(at).join(''));
  return parts.join('');
}

/**
 * Replaces the text of each finding with the same stretch of the masked text, so that an entity or key
 * phrase that is (or contains) PII never carries the PII value.
 */
export function withMaskedText<T extends Found>(found: readonly T[], maskedText: string): T[] {
  const chars = Array.from(maskedText);
  return found.map((f) => ({ ...f, text: chars.slice(f.beginOffset, f.endOffset).join('') }));
}

/** The highest-scoring `limit` findings, in text order: keeps a long text's result small. */
export function strongest<T extends Found>(found: readonly T[], limit: number): T[] {
  return [...found]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .sort((a, b) => a.beginOffset - b.beginOffset);
}
