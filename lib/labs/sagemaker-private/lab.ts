/** Lab 03: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import { IDLE_HOURS } from '../../safety/idle';
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { SAGEMAKER_PRIVATE_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { INTERFACE_ENDPOINTS } from './options';
import { SAGEMAKER_OUTPUTS } from './outputs';
import { SAGEMAKER_PRIVATE_REGIONS } from './regions';
import { SAGEMAKER_PRIVATE_SAFETY } from './safety';
import type * as StackModule from './stack';

export const SAGEMAKER_PRIVATE: LabDefinition = {
  id: 'sagemaker-private',
  stackId: 'Lab03SageMakerPrivate',
  title: 'SageMaker training job and endpoint in a private VPC',
  exam: LAB_EXAM,
  folder: 'labs/03-sagemaker-private',
  idleCost: 'about $0.06/hour, $1.37/day (ml.t2.medium endpoint and KMS key); deletes itself after 2 h without an invocation (-c idleHours)',
  regions: SAGEMAKER_PRIVATE_REGIONS,
  options: [INTERFACE_ENDPOINTS, IDLE_HOURS],
  safety: SAGEMAKER_PRIVATE_SAFETY,
  evidence: SAGEMAKER_PRIVATE_EVIDENCE,
  calls: CALLS,
  outputs: SAGEMAKER_OUTPUTS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SageMakerPrivateStack } = require('./stack') as typeof StackModule;
    return new SageMakerPrivateStack(scope, id, props);
  },
};
