/** Lab 04: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { LANGUAGE_CHAIN_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { TARGET_LANGUAGE } from './options';
import { LANGUAGE_CHAIN_REGIONS } from './regions';
import { LANGUAGE_CHAIN_SAFETY } from './safety';
import type * as StackModule from './stack';

export const LANGUAGE_CHAIN: LabDefinition = {
  id: 'language-chain',
  stackId: 'Lab04LanguageChain',
  title: 'AI service chain: Comprehend, Translate and Polly from an S3 upload',
  exam: LAB_EXAM,
  folder: 'labs/04-language-chain',
  idleCost: 'about $0.03/day (KMS key) and $0.10/month (alarm); about $7 per 1,000 short documents',
  regions: LANGUAGE_CHAIN_REGIONS,
  options: [TARGET_LANGUAGE],
  safety: LANGUAGE_CHAIN_SAFETY,
  evidence: LANGUAGE_CHAIN_EVIDENCE,
  calls: CALLS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LanguageChainStack } = require('./stack') as typeof StackModule;
    return new LanguageChainStack(scope, id, props);
  },
};
