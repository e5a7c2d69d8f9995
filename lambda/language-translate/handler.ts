import { TranslateClient } from '@aws-sdk/client-translate';
import { type Translation, translateText } from './translate';

/** What the state machine sends: a text and the languages to translate it from and to. */
export interface TranslateEvent {
  readonly text: string;
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
}

const translate = new TranslateClient({});

/**
 * Step 3 of the chain: translation into English, and optionally into the target language. Errors
 * propagate with the SDK's names (ThrottlingException, ...) so the state machine can retry or catch them.
 */
export async function handler(event: TranslateEvent): Promise<Translation> {
  const { text, sourceLanguage, targetLanguage } = event ?? {};
  if (typeof text !== 'string' || typeof sourceLanguage !== 'string' || typeof targetLanguage !== 'string') {
    throw new TypeError('Expected an event of the form {"text": "...", "sourceLanguage": "es", "targetLanguage": "en"}.');
  }
  return translateText(text, sourceLanguage, targetLanguage, translate);
}
