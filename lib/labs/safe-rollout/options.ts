/** The `-c` options only lab 08 reads (no aws-cdk-lib import). `-c idleHours` is IdleStackDelete's (lib/safety/idle.ts). */
import { oneOf } from '../../context-options';

/**
 * `-c experiment`: the endpoint's variants. An endpoint with a shadow variant can have only one production
 * variant (https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests-create.html, "Note"), so the A/B test
 * and the shadow test are two configurations of the one endpoint, and switching is a guarded update.
 */
export const EXPERIMENT = oneOf('experiment', 'The endpoint\'s variants: `ab` (champion 90 %, challenger 10 %, both answer) or `shadow` (the champion answers every request; the challenger, as a shadow variant, gets a copy of each and answers none).', { choices: ['ab', 'shadow'], fallback: 'ab' });

/**
 * `-c release`: the model the Champion variant serves. `challenger` promotes the challenger's model; `broken`
 * deploys a deliberately broken model, to watch the guarded update roll back.
 */
export const RELEASE = oneOf('release', 'The model the Champion variant serves: `champion` (as deployed), `challenger` (promote the challenger\'s model) or `broken` (a deliberately broken model: the guarded update rolls back). Each change is a blue/green update with canary traffic shifting.', { choices: ['champion', 'challenger', 'broken'], fallback: 'champion' });
