/** The `-c` options only lab 07 reads (no aws-cdk-lib import). */
import { flag } from '../../context-options';

export const NO_STEP_CACHE = flag(
  'noStepCache',
  'Turns step caching off in the lab SageMaker pipeline, so every run runs every step again (compare with the default, where unchanged Prepare and Train steps reuse earlier results; see the lab guide).',
);
