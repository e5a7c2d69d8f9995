/**
 * onEvent of the ENI-cleanup custom resource. Nothing happens on create or update; on delete,
 * `is-complete.ts` removes the network interfaces SageMaker left in the security group.
 */
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { parseProperties, physicalId } from './eni-cleanup';

export function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse> {
  return Promise.resolve({ PhysicalResourceId: physicalId(parseProperties(event.ResourceProperties)) });
}
