import {
  BatchDetectEntitiesCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  type BatchItemError,
  type ComprehendClient,
  DetectPiiEntitiesCommand,
  type SentimentScore,
} from '@aws-sdk/client-comprehend';
import { type Chunk, codePoints, COMPREHEND_MAX_BYTES, splitText } from '../language-text/chunk';
import {
  aggregateSentiment,
  type ChunkSentiment,
  type Found,
  type FoundEntity,
  maskSpans,
  type Sentiment,
  shiftSpans,
  speakableText,
  strongest,
  type TypedSpan,
  withMaskedText,
} from './merge';

/** Comprehend's Batch* calls take at most 25 documents. */
const BATCH_SIZE = 25;
/** Caps that keep the result (and the state machine's payload, 256 KiB at most) small for long texts. */
export const MAX_ENTITIES = 100;
export const MAX_KEY_PHRASES = 50;

export interface Analysis {
  readonly sentiment: Sentiment;
  /** The strongest entities (at most MAX_ENTITIES), PII masked; offsets are into `maskedText`. */
  readonly entities: FoundEntity[];
  readonly entityCount: number;
  readonly keyPhrases: Found[];
  readonly keyPhraseCount: number;
  /** The kinds of PII found (NAME, EMAIL, ...), never their values. */
  readonly piiTypes: string[];
  /** The English text with every PII character replaced by `*`; same length and offsets. */
  readonly maskedText: string;
  /** The English text with PII replaced by "redacted <type>", for speech synthesis. */
  readonly spokenText: string;
  readonly chunks: number;
}

/** A Comprehend batch call's per-document failure, named for the Step Functions Catch. */
export class ComprehendBatchError extends Error {
  override readonly name = 'ComprehendBatchError';
}

/**
 * Analyses English text of any length with Comprehend: the text is split on sentence boundaries into
 * chunks within Comprehend's 5,000-byte limit, sent with the batch APIs (25 chunks per call) and PII
 * detection per chunk, and the results are merged for the whole text.
 */
export async function analyseEnglish(text: string, comprehend: ComprehendClient): Promise<Analysis> {
  const chunks = splitText(text, COMPREHEND_MAX_BYTES);
  if (chunks.length === 0) {
    throw new Error('There is no text to analyse.');
  }
  const sentiments: ChunkSentiment[] = [];
  const entities: FoundEntity[] = [];
  const keyPhrases: Found[] = [];
  for (let first = 0; first < chunks.length; first += BATCH_SIZE) {
    const batch = chunks.slice(first, first + BATCH_SIZE);
    const request = { TextList: batch.map((c) => c.text), LanguageCode: 'en' as const };
    const [sentiment, found, phrases] = await Promise.all([
      comprehend.send(new BatchDetectSentimentCommand(request)),
      comprehend.send(new BatchDetectEntitiesCommand(request)),
      comprehend.send(new BatchDetectKeyPhrasesCommand(request)),
    ]);
    failOnBatchErrors('BatchDetectSentiment', first, sentiment.ErrorList);
    failOnBatchErrors('BatchDetectEntities', first, found.ErrorList);
    failOnBatchErrors('BatchDetectKeyPhrases', first, phrases.ErrorList);
    for (const item of sentiment.ResultList ?? []) {
      const chunk = chunkAt(batch, item.Index);
      sentiments.push({ characters: codePoints(chunk.text), scores: scoresOf(item.SentimentScore) });
    }
    for (const item of found.ResultList ?? []) {
      const chunk = chunkAt(batch, item.Index);
      const spans = (item.Entities ?? []).map((e) => ({ ...span(e), type: e.Type ?? 'OTHER', text: e.Text ?? '', score: e.Score ?? 0 }));
      entities.push(...shiftSpans(spans, chunk.offset));
    }
    for (const item of phrases.ResultList ?? []) {
      const chunk = chunkAt(batch, item.Index);
      const spans = (item.KeyPhrases ?? []).map((k) => ({ ...span(k), text: k.Text ?? '', score: k.Score ?? 0 }));
      keyPhrases.push(...shiftSpans(spans, chunk.offset));
    }
  }
  const pii = await detectPii(chunks, comprehend);
  const maskedText = maskSpans(text, pii);
  return {
    sentiment: aggregateSentiment(sentiments),
    entities: withMaskedText(strongest(entities, MAX_ENTITIES), maskedText),
    entityCount: entities.length,
    keyPhrases: withMaskedText(strongest(keyPhrases, MAX_KEY_PHRASES), maskedText),
    keyPhraseCount: keyPhrases.length,
    piiTypes: [...new Set(pii.map((p) => p.type))].sort(),
    maskedText,
    spokenText: speakableText(text, pii),
    chunks: chunks.length,
  };
}

/** DetectPiiEntities has no batch API: one call per chunk, one at a time to stay within the TPS quota. */
async function detectPii(chunks: readonly Chunk[], comprehend: ComprehendClient): Promise<TypedSpan[]> {
  const spans: TypedSpan[] = [];
  for (const chunk of chunks) {
    const { Entities } = await comprehend.send(new DetectPiiEntitiesCommand({ Text: chunk.text, LanguageCode: 'en' }));
    spans.push(...shiftSpans((Entities ?? []).map((e) => ({ ...span(e), type: e.Type ?? 'UNKNOWN' })), chunk.offset));
  }
  return spans;
}

function span(found: { BeginOffset?: number; EndOffset?: number }) {
  return { beginOffset: found.BeginOffset ?? 0, endOffset: found.EndOffset ?? 0 };
}

function chunkAt(batch: readonly Chunk[], index: number | undefined): Chunk {
  const chunk = index === undefined ? undefined : batch[index];
  if (!chunk) {
    throw new ComprehendBatchError(`Comprehend returned a result for document ${index}, which was not sent.`);
  }
  return chunk;
}

function scoresOf(score: SentimentScore | undefined): ChunkSentiment['scores'] {
  return {
    POSITIVE: score?.Positive ?? 0,
    NEGATIVE: score?.Negative ?? 0,
    NEUTRAL: score?.Neutral ?? 0,
    MIXED: score?.Mixed ?? 0,
  };
}

function failOnBatchErrors(api: string, firstChunk: number, errors: BatchItemError[] | undefined): void {
  if (errors && errors.length > 0) {
    const list = errors.map((e) => `chunk ${firstChunk + (e.Index ?? 0)}: ${e.ErrorCode} ${e.ErrorMessage}`);
    throw new ComprehendBatchError(`${api} failed for ${list.join('; ')}`);
  }
}
