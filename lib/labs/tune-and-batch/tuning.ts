/**
 * What the tuning job searches and how much it may spend, as plain data (no aws-cdk-lib import) so the
 * stack, `verify` and the guide's tests read the same values. Change these and redeploy: a new tuning
 * job starts under a new name, and the old one is deleted after the new one has finished.
 */
import type {
  ContinuousParameterRange,
  HyperParameterTuningJobObjective,
  IntegerParameterRange,
  TrainingInstanceType,
  TransformInstanceType,
} from '@aws-sdk/client-sagemaker';

/** ml.m5.large: the cheapest general-purpose training instance; EBS-only, so the volume takes the lab key. */
export const TRAINING_INSTANCE_TYPE: TrainingInstanceType = 'ml.m5.large';
/** The same type for the batch transform: EBS-only, so VolumeKmsKeyId is accepted. */
export const TRANSFORM_INSTANCE_TYPE: TransformInstanceType = 'ml.m5.large';

/**
 * XGBoost's fixed hyperparameters: a three-class softmax (the prediction is the class index) evaluated
 * with the multiclass error rate, which the objective below minimises.
 */
export const STATIC_HYPERPARAMETERS: Readonly<Record<string, string>> = {
  objective: 'multi:softmax',
  num_class: '3',
  num_round: '100',
  eval_metric: 'merror',
};

/** The metric the tuner minimises: the error rate on the validation channel (1 − accuracy). */
export const OBJECTIVE: HyperParameterTuningJobObjective = { Type: 'Minimize', MetricName: 'validation:merror' };

/**
 * Four ranges of different kinds: a continuous one on a logarithmic scale (eta spans an order of
 * magnitude), an integer one, and two linear continuous ones.
 */
export const RANGES: {
  readonly ContinuousParameterRanges: ContinuousParameterRange[];
  readonly IntegerParameterRanges: IntegerParameterRange[];
} = {
  ContinuousParameterRanges: [
    { Name: 'eta', MinValue: '0.05', MaxValue: '0.5', ScalingType: 'Logarithmic' },
    { Name: 'min_child_weight', MinValue: '1', MaxValue: '10', ScalingType: 'Linear' },
    { Name: 'subsample', MinValue: '0.5', MaxValue: '1', ScalingType: 'Linear' },
  ],
  IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '2', MaxValue: '8', ScalingType: 'Linear' }],
};

/** The budget: 6 training jobs, 2 at a time (a new account's training quota must allow 2 instances). */
export const BUDGET = { maxJobs: 6, parallelJobs: 2 } as const;

/**
 * The time limits, sized so that the worst case fits in one deploy. CloudFormation waits at most an hour for
 * a custom resource (ServiceTimeout 1-3600 s, default 3600:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html),
 * and the CDK Provider framework's totalTimeout is at most 1 hour (aws-cdk-lib custom-resources
 * ProviderProps.totalTimeout). Two bounds, each proven in test/labs/05-tune-and-batch/worst-case.test.ts
 * from the synthesized request:
 * - per job: a training job runs at most MAX_RUNTIME_SECONDS; with spot, waiting for capacity plus running at
 *   most SPOT_MAX_WAIT_SECONDS (StoppingCondition,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html). The budget runs in
 *   ceil(maxJobs / parallelJobs) = 3 rounds, so 3 × 15 minutes with spot;
 * - the whole tuning job: ResourceLimits.MaxRuntimeInSeconds, "the maximum time in seconds that a
 *   hyperparameter tuning job can run" (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceLimits.html),
 *   whatever its training jobs do (start-up, interruptions, the tuner's own time between jobs).
 * The tuning resource waits TUNING_TIMEOUT_MINUTES: the tuning limit, plus the 120 seconds SageMaker gives
 * a stopped training job (StoppingCondition), plus polling, fit in it.
 */
export const MAX_RUNTIME_SECONDS = 600;
export const SPOT_MAX_WAIT_SECONDS = 900;
export const TUNING_MAX_RUNTIME_SECONDS = 2700;
export const TUNING_TIMEOUT_MINUTES = 55;
