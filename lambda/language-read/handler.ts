import { S3Client } from '@aws-sdk/client-s3';
import type { CheckedInput } from './check';
import { READ_ENV } from './env';
import { type InputObject, readInput } from './read';

const s3 = new S3Client({});

/**
 * Step 1 of the chain: reads the uploaded object and checks it (size, UTF-8, not empty, not binary).
 * A failed check throws InputRejected, which the state machine writes to errors/.
 */
export async function handler(event: InputObject): Promise<CheckedInput> {
  if (typeof event?.bucket !== 'string' || typeof event.key !== 'string') {
    throw new TypeError('Expected an event of the form {"bucket": "...", "key": "input/..."}.');
  }
  return readInput(s3, event, process.env[READ_ENV.defaultTargetLanguage] ?? 'none');
}
