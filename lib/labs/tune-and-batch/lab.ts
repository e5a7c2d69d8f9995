/** Lab 05: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { TUNE_AND_BATCH_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { SPOT } from './options';
import { TUNE_AND_BATCH_OUTPUTS } from './outputs';
import { TUNE_AND_BATCH_REGIONS } from './regions';
import { TUNE_AND_BATCH_SAFETY } from './safety';
import type * as StackModule from './stack';

export const TUNE_AND_BATCH: LabDefinition = {
  id: 'tune-and-batch',
  stackId: 'Lab05TuneAndBatch',
  title: 'Automatic model tuning and batch transform in a private VPC',
  exam: LAB_EXAM,
  folder: 'labs/05-tune-and-batch',
  idleCost: 'about $0.03/day (KMS key; no endpoint, nothing bills by the hour); about $0.05 per deploy',
  regions: TUNE_AND_BATCH_REGIONS,
  options: [SPOT],
  safety: TUNE_AND_BATCH_SAFETY,
  evidence: TUNE_AND_BATCH_EVIDENCE,
  calls: CALLS,
  outputs: TUNE_AND_BATCH_OUTPUTS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TuneAndBatchStack } = require('./stack') as typeof StackModule;
    return new TuneAndBatchStack(scope, id, props);
  },
};
