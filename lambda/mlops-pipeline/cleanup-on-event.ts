/** onEvent of lab 07's run-time clean-up: nothing on create or update; on delete, cleanup-is-complete.ts works. */
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { parseCleanupProperties } from './cleanup';

export function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse> {
  const props = parseCleanupProperties(event.ResourceProperties);
  return Promise.resolve({ PhysicalResourceId: `${props.PipelineName}-run-time-cleanup` });
}
