/** Lab 08: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import { IDLE_HOURS } from '../../safety/idle';
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { SAFE_ROLLOUT_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { EXPERIMENT, RELEASE } from './options';
import { SAFE_ROLLOUT_OUTPUTS } from './outputs';
import { SAFE_ROLLOUT_REGIONS } from './regions';
import { SAFE_ROLLOUT_SAFETY } from './safety';
import type * as StackModule from './stack';

export const SAFE_ROLLOUT: LabDefinition = {
  id: 'safe-rollout',
  stackId: 'Lab08SafeRollout',
  title: 'Safe rollout and monitoring of a real-time endpoint',
  exam: LAB_EXAM,
  folder: 'labs/08-safe-rollout',
  idleCost: 'about $0.12/hour, $2.90/day (two ml.t2.medium endpoint instances, KMS key, alarms, dashboard); deletes itself after 2 h without an invocation (-c idleHours)',
  regions: SAFE_ROLLOUT_REGIONS,
  options: [EXPERIMENT, RELEASE, IDLE_HOURS],
  safety: SAFE_ROLLOUT_SAFETY,
  evidence: SAFE_ROLLOUT_EVIDENCE,
  calls: CALLS,
  outputs: SAFE_ROLLOUT_OUTPUTS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SafeRolloutStack } = require('./stack') as typeof StackModule;
    return new SafeRolloutStack(scope, id, props);
  },
};
