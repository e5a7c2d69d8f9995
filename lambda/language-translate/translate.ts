import { type TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import { splitText, TRANSLATE_MAX_BYTES } from '../language-text/chunk';

export interface Translation {
  readonly text: string;
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  /** How many TranslateText requests the text needed. */
  readonly chunks: number;
}

/**
 * Translates text of any length: TranslateText accepts at most 10,000 bytes per request, so the text
 * is split on sentence boundaries and each chunk translated in order. Translate trims the whitespace
 * around a chunk, so the whitespace that ended each source chunk is put back between translations.
 */
export async function translateText(
  text: string,
  sourceLanguage: string,
  targetLanguage: string,
  translate: TranslateClient,
): Promise<Translation> {
  const chunks = splitText(text, TRANSLATE_MAX_BYTES);
  const parts: string[] = [];
  for (const chunk of chunks) {
    const { TranslatedText } = await translate.send(
      new TranslateTextCommand({
        Text: chunk.text,
        SourceLanguageCode: sourceLanguage,
        TargetLanguageCode: targetLanguage,
      }),
    );
    parts.push((TranslatedText ?? '').trim(), trailingWhitespace(chunk.text));
  }
  return { text: parts.join('').trimEnd(), sourceLanguage, targetLanguage, chunks: chunks.length };
}

/** The whitespace a chunk ended with; a chunk cut inside a sentence gets one space. */
function trailingWhitespace(text: string): string {
  const whitespace = /\s*$/.exec(text)?.[0] ?? '';
  return whitespace === '' ? ' ' : whitespace;
}
