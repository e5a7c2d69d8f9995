/**
 * Lab 07's fixed choices, shared by the stack, the handlers, the scripts and the tests (no aws-cdk-lib import):
 * the pipeline's parameters with their ranges, its step names, the instance types, the bucket prefixes.
 * A Lambda handler bundles this file (lambda/mlops-pipeline/delivery-handler.ts reads SERVERLESS): keep it data.
 */

/** A pipeline parameter whose value a learner may pass to `run-pipeline`, checked before anything runs. */
export interface NumberParameter {
  readonly name: string;
  readonly type: 'Float' | 'Integer';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly description: string;
}

/** A pipeline parameter that takes one of a few strings. */
export interface ChoiceParameter {
  readonly name: string;
  readonly type: 'String';
  readonly default: string;
  readonly choices: readonly string[];
  readonly description: string;
}

/** The instance type every processing job runs on (the pipeline role may start no other). */
export const PROCESSING_INSTANCE_TYPE = 'ml.m5.large';
/**
 * The training instance types the TrainingInstanceType parameter may name: the pipeline role's policy allows
 * only these (sagemaker:InstanceTypes), and `run-pipeline` refuses any other before it starts anything.
 */
export const TRAINING_INSTANCE_TYPES = ['ml.m5.large', 'ml.m5.xlarge'] as const;

export const PARAMETERS = {
  threshold: {
    name: 'MetricThreshold',
    type: 'Float',
    default: 0.75,
    min: 0.5,
    max: 1,
    description: 'The lowest test AUC at which the model is registered (0.5 is a coin toss, 1 a perfect ranking).',
  },
  maxDepth: {
    name: 'MaxDepth',
    type: 'Integer',
    default: 4,
    min: 1,
    max: 10,
    description: 'XGBoost max_depth: how deep each tree may grow.',
  },
  numRound: {
    name: 'NumRound',
    type: 'Integer',
    default: 50,
    min: 1,
    max: 500,
    description: 'XGBoost num_round: how many trees are added.',
  },
  trainingInstanceType: {
    name: 'TrainingInstanceType',
    type: 'String',
    default: TRAINING_INSTANCE_TYPES[0],
    choices: TRAINING_INSTANCE_TYPES,
    description: 'The instance type of the training job.',
  },
} as const satisfies Record<string, NumberParameter | ChoiceParameter>;

/** The pipeline's steps, in the order they run. */
export const STEPS = {
  prepare: 'Prepare',
  train: 'Train',
  evaluate: 'Evaluate',
  check: 'CheckMetric',
  register: 'Register',
  belowThreshold: 'BelowThreshold',
} as const;

/** The evaluation report's property file and the path of the metric the condition compares. */
export const EVALUATION = {
  propertyFile: 'EvaluationReport',
  outputName: 'evaluation',
  fileName: 'evaluation.json',
  /** The model quality statistics format the model registry shows (binary classification metrics). */
  metricPath: 'binary_classification_metrics.auc.value',
} as const;

/** The lab bucket's prefixes, one per purpose. */
export const PREFIXES = {
  /** The processing scripts (labs/07-mlops-pipeline/code). */
  code: 'code/',
  /** The raw data set the Prepare step splits. */
  raw: 'raw/',
  /** Everything a pipeline execution writes, under its execution id. */
  runs: 'pipeline-runs/',
  /** The smoke-test rows the delivery pipeline sends to the staging endpoint. */
  smokeTest: 'smoke-test/',
} as const;

/** Longest a job of the pipeline may run. */
export const JOB_MAX_RUNTIME_SECONDS = 1800;

/**
 * The serverless endpoints' size: 2048 MB of memory and at most 2 concurrent invocations, enough for a small
 * XGBoost model (memory sizes 1024-6144 MB, https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-create-config.html).
 */
export const SERVERLESS = { memorySizeInMB: 2048, maxConcurrency: 2 } as const;

/** Whether `value` is inside the parameter's range (and whole, for an Integer parameter). */
export function numberParameterProblem(parameter: NumberParameter, value: number): string | undefined {
  if (!Number.isFinite(value) || value < parameter.min || value > parameter.max) {
    return `${parameter.name} must be between ${parameter.min} and ${parameter.max}; got ${value}.`;
  }
  if (parameter.type === 'Integer' && !Number.isInteger(value)) {
    return `${parameter.name} must be a whole number; got ${value}.`;
  }
  return undefined;
}
