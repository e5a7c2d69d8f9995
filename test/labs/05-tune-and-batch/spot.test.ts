/**
 * `-c spot=true`: managed spot training for the tuning job's training jobs. Synthesized without the
 * validations (they run on the default synth in 05-tune-and-batch.test.ts and in `npm run synth`), to keep
 * `npm test` fast.
 */
import type { JobRequests } from '../../../lambda/sagemaker-job/properties';
import type { TuneAndBatchStack } from '../../../lib/labs/tune-and-batch/stack';
import { MAX_RUNTIME_SECONDS, SPOT_MAX_WAIT_SECONDS } from '../../../lib/labs/tune-and-batch/tuning';
import { logicalId, roleStatements, synthLab } from '../../helpers/synth';
import { expectWorstCaseFits } from './worst-case';

const lab = synthLab('tune-and-batch', { context: { spot: 'true' }, validations: false });
const stack = lab.stack as TuneAndBatchStack;
const definition = () => (stack.resolve(stack.tuningJob.request) as JobRequests['tuning']).TrainingJobDefinition!;

test('the training jobs use managed spot capacity and wait at most the max wait time', () => {
  expect(stack.spot).toBe(true);
  expect(definition().EnableManagedSpotTraining).toBe(true);
  expect(definition().StoppingCondition).toEqual({ MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS, MaxWaitTimeInSeconds: SPOT_MAX_WAIT_SECONDS });
  // SageMaker requires the max wait to be at least the max runtime; a built-in algorithm that does not
  // checkpoint may wait at most 3600 seconds
  // (https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html).
  expect(SPOT_MAX_WAIT_SECONDS).toBeGreaterThanOrEqual(MAX_RUNTIME_SECONDS);
  expect(SPOT_MAX_WAIT_SECONDS).toBeLessThanOrEqual(3600);
});

test('with spot, the worst case (every job waiting its whole max wait time) ends before CloudFormation gives up', () => {
  const worst = expectWorstCaseFits(lab);
  // Three rounds of two jobs, each waiting up to its max wait time.
  expect(worst).toMatchObject({ trainingRounds: 3, perJobSeconds: SPOT_MAX_WAIT_SECONDS });
});

test('no checkpoints: one checkpoint path would be shared by every training job of the tuning job', () => {
  expect(definition().CheckpointConfig).toBeUndefined();
});

test('with spot too, the execution role writes no checkpoints and deletes nothing', () => {
  const statements = roleStatements(lab, logicalId(stack.executionRole));
  const resources = statements.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
  expect(resources.filter((r) => r.includes('/checkpoints/'))).toEqual([]);
  expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => /^s3:.*Delete/.test(a))).toEqual([]);
});
