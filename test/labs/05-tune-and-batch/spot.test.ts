/**
 * `-c spot=true`: managed spot training for the tuning job's training jobs. Synthesized without the
 * validations (they run on the default synth in 05-tune-and-batch.test.ts and in `npm run synth`), to keep
 * `npm test` fast.
 */
import type { JobRequests } from '../../../lambda/sagemaker-job/properties';
import { PREFIXES, type TuneAndBatchStack } from '../../../lib/labs/tune-and-batch/stack';
import { MAX_RUNTIME_SECONDS, SPOT_MAX_WAIT_SECONDS } from '../../../lib/labs/tune-and-batch/tuning';
import { logicalId, roleStatements, synthLab } from '../../helpers/synth';

const lab = synthLab('tune-and-batch', { context: { spot: 'true' }, validations: false });
const stack = lab.stack as TuneAndBatchStack;
const definition = () => (stack.resolve(stack.tuningJob.request) as JobRequests['tuning']).TrainingJobDefinition!;

test('the training jobs use managed spot capacity, wait at most the max wait time, and checkpoint to the lab bucket', () => {
  expect(stack.spot).toBe(true);
  expect(definition().EnableManagedSpotTraining).toBe(true);
  expect(definition().StoppingCondition).toEqual({ MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS, MaxWaitTimeInSeconds: SPOT_MAX_WAIT_SECONDS });
  // SageMaker requires the max wait to be at least the max runtime.
  expect(SPOT_MAX_WAIT_SECONDS).toBeGreaterThanOrEqual(MAX_RUNTIME_SECONDS);
  const uri = definition().CheckpointConfig?.S3Uri as unknown as { 'Fn::Join': [string, unknown[]] };
  expect(uri['Fn::Join'][1]).toEqual(['s3://', { Ref: logicalId(stack.data) }, `/${PREFIXES.checkpoints}`]);
});

test('only with spot may the execution role read and write checkpoints', () => {
  const resources = roleStatements(lab, logicalId(stack.executionRole)).flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
  expect(resources.filter((r) => r.includes(`/${PREFIXES.checkpoints}*`))).toHaveLength(2);
});
