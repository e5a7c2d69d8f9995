/** isComplete of lab 07's run-time clean-up: on delete, one clean-up pass per poll until nothing remains. */
import type { CdkCustomResourceIsCompleteEvent, CdkCustomResourceIsCompleteResponse } from 'aws-lambda';
import { cleanupPass, parseCleanupProperties } from './cleanup';

export async function handler(event: CdkCustomResourceIsCompleteEvent): Promise<CdkCustomResourceIsCompleteResponse> {
  if (event.RequestType !== 'Delete') {
    return { IsComplete: true };
  }
  const { remaining } = await cleanupPass(parseCleanupProperties(event.ResourceProperties));
  if (remaining.length > 0) {
    console.info(`Still removing: ${remaining.join('; ')}`);
  }
  return { IsComplete: remaining.length === 0 };
}
