/** Lab 07: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { MLOPS_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { NO_STEP_CACHE } from './options';
import { MLOPS_OUTPUTS } from './outputs';
import { MLOPS_REGIONS } from './regions';
import { MLOPS_SAFETY } from './safety';
import type * as StackModule from './stack';

export const MLOPS_PIPELINE: LabDefinition = {
  id: 'mlops-pipeline',
  stackId: 'Lab07MlopsPipeline',
  title: 'MLOps: a SageMaker pipeline, the model registry and approval-gated delivery',
  exam: LAB_EXAM,
  folder: 'labs/07-mlops-pipeline',
  idleCost: 'about $0.03/day (KMS key; serverless endpoints, jobs and deliveries bill per use, nothing by the hour); about $0.10 per pipeline run',
  regions: MLOPS_REGIONS,
  options: [NO_STEP_CACHE],
  safety: MLOPS_SAFETY,
  evidence: MLOPS_EVIDENCE,
  calls: CALLS,
  outputs: MLOPS_OUTPUTS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MlopsPipelineStack } = require('./stack') as typeof StackModule;
    return new MlopsPipelineStack(scope, id, props);
  },
};
