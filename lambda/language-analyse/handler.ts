import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { type Analysis, analyseEnglish } from './analyse';

/** What the state machine sends: the English text of the document. */
export interface AnalyseEvent {
  readonly text: string;
}

const comprehend = new ComprehendClient({});

/**
 * Step 4 of the chain: sentiment, entities, key phrases and PII of the English text. Errors propagate
 * with the SDK's names (TooManyRequestsException, ...) so the state machine can retry or catch them.
 */
export async function handler(event: AnalyseEvent): Promise<Analysis> {
  if (typeof event?.text !== 'string') {
    throw new TypeError('Expected an event of the form {"text": "..."}.');
  }
  return analyseEnglish(event.text, comprehend);
}
