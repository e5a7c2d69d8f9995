import type { LabRegions } from '../regions';

/**
 * Lab 04's Regions: those where Amazon Comprehend is offered, the narrowest of the three services the chain
 * calls. Comprehend's Regions are the rows of "Amazon Comprehend endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/comprehend.html); in GovCloud it is offered in AWS GovCloud
 * (US-West) only (https://docs.aws.amazon.com/govcloud-us/latest/ug-west/govcloud-cmp.html). Translate's and
 * Polly's endpoint pages list more Regions (https://docs.aws.amazon.com/general/latest/gr/translate-service.html,
 * https://docs.aws.amazon.com/general/latest/gr/pol.html): check a Region on both before adding it here.
 */
export const LANGUAGE_CHAIN_REGIONS: LabRegions = {
  why: 'Amazon Comprehend, the narrowest of the chain\'s three services (with Translate and Polly), is offered',
  source: 'https://docs.aws.amazon.com/general/latest/gr/comprehend.html',
  regions: [
    'ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
    'eu-central-1', 'eu-west-1', 'eu-west-2', 'us-east-1', 'us-east-2', 'us-gov-west-1', 'us-west-2',
  ],
};
