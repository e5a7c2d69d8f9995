/**
 * The checks an uploaded document must pass before any AI service sees it. Pure functions; a failed
 * check throws InputRejectedError, which the state machine catches and writes to errors/.
 */
import { COMPREHEND_MAX_BYTES, codePoints, leadingText } from '../language-text/chunk';
import { TARGET_LANGUAGE_PATTERN } from './env';

/**
 * Largest document the chain accepts. The text travels in the state machine's payload (256 KiB at most)
 * together with its English translation and the analysis, and Polly's asynchronous synthesis accepts
 * 100,000 characters; larger documents belong in Comprehend/Translate batch jobs.
 */
export const MAX_INPUT_BYTES = 20_000;


/** The object metadata (`x-amz-meta-target-language`) that asks for a translation into one more language. */
export const TARGET_LANGUAGE_METADATA = 'target-language';

/** Raised when the document is rejected; the state machine sees the error name `InputRejected`. */
export class InputRejectedError extends Error {
  override readonly name = 'InputRejected';
}

export interface CheckedInput {
  readonly text: string;
  readonly bytes: number;
  readonly characters: number;
  /** The leading sentences within Comprehend's 5,000-byte limit, for language detection. */
  readonly sample: string;
  /** Language to translate the English text into as well, or `none`. */
  readonly targetLanguage: string;
}

/** Rejects an object that is too large before it is read. */
export function checkSize(bytes: number): void {
  if (bytes === 0) {
    throw new InputRejectedError('The file is empty.');
  }
  if (bytes > MAX_INPUT_BYTES) {
    throw new InputRejectedError(`The file has ${bytes} bytes; the limit is ${MAX_INPUT_BYTES} bytes.`);
  }
}

/** Decodes a document that must be UTF-8 text (a byte-order mark is dropped) with something to read. */
export function decodeText(bytes: Uint8Array): string {
  checkSize(bytes.length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputRejectedError('The file is not valid UTF-8 text (is it a binary file?).');
  }
  // Control characters other than tab, line feed, vertical tab, form feed and carriage return mean binary data.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point of this check
  const control = /[\u0000-\u0008\u000E-\u001F\u007F]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw new InputRejectedError(`The file contains the control character U+${code}: it looks like binary data.`);
  }
  if (text.trim() === '') {
    throw new InputRejectedError('The file contains only whitespace.');
  }
  return text;
}

/** The target language from the object's metadata, else the lab's default (`none` for no translation). */
export function targetLanguageOf(metadata: Record<string, string> | undefined, fallback: string): string {
  const value = metadata?.[TARGET_LANGUAGE_METADATA]?.trim() || fallback;
  if (!TARGET_LANGUAGE_PATTERN.test(value)) {
    throw new InputRejectedError(
      `The target language "${value}" is not a language code such as fr or pt-PT (metadata ${TARGET_LANGUAGE_METADATA}).`,
    );
  }
  return value;
}

export function checkedInput(bytes: Uint8Array, metadata: Record<string, string> | undefined, fallback: string): CheckedInput {
  const text = decodeText(bytes);
  return {
    text,
    bytes: bytes.length,
    characters: codePoints(text),
    sample: leadingText(text, COMPREHEND_MAX_BYTES),
    targetLanguage: targetLanguageOf(metadata, fallback),
  };
}
