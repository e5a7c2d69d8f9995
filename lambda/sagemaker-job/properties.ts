/**
 * The SageMaker job custom resource's properties, shared by the construct that sets them and the
 * handlers that read them. No aws-cdk-lib import here, so the Lambda bundle stays small.
 */
import type {
  CreateHyperParameterTuningJobRequest,
  CreateTrainingJobRequest,
  CreateTransformJobRequest,
} from '@aws-sdk/client-sagemaker';

/** The kinds of job the resource runs: one handler, parameterised by the kind. */
export const JOB_KINDS = ['training', 'tuning', 'transform'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Each kind's Create request without the name, which the handler derives. */
export interface JobRequests {
  readonly training: Omit<CreateTrainingJobRequest, 'TrainingJobName'>;
  readonly tuning: Omit<CreateHyperParameterTuningJobRequest, 'HyperParameterTuningJobName'>;
  readonly transform: Omit<CreateTransformJobRequest, 'TransformJobName'>;
}

/** Everything of CreateTrainingJob except the name. */
export type TrainingJobRequest = JobRequests['training'];

/**
 * SageMaker writes every training job of the account and Region (tuning jobs' training jobs included)
 * to this one log group, in streams named `<job name>/algo-<n>-<timestamp>`. The group is shared, so
 * destroy deletes only this lab's streams.
 */
export const TRAINING_LOG_GROUP = '/aws/sagemaker/TrainingJobs';
/** The same for transform jobs: streams `<job name>/<instance id>-<timestamp>` (and `/data-log`). */
export const TRANSFORM_LOG_GROUP = '/aws/sagemaker/TransformJobs';

/**
 * Name limits per kind: a tuning job's name is at most 32 characters, training and transform job names
 * at most 63 (CreateHyperParameterTuningJob / CreateTrainingJob / CreateTransformJob API references).
 * The hash is shorter for tuning jobs so that a learner's prefix still fits.
 */
export const NAME_LIMITS: Readonly<Record<JobKind, { readonly maxLength: number; readonly hashLength: number }>> = {
  training: { maxLength: 63, hashLength: 12 },
  tuning: { maxLength: 32, hashLength: 6 },
  transform: { maxLength: 63, hashLength: 12 },
};

/** The longest job-name prefix a kind accepts. */
export function maxPrefixLength(kind: JobKind): number {
  return NAME_LIMITS[kind].maxLength - NAME_LIMITS[kind].hashLength - 1;
}

export interface SageMakerJobProperties {
  readonly JobKind: JobKind;
  /** Job names start with this (lowercase); the handler's role is scoped to `<prefix>-*`. */
  readonly JobNamePrefix: string;
  /**
   * The Create request as JSON. CloudFormation turns every custom-resource property into a string
   * (numbers and booleans included), so the request travels as one JSON document.
   */
  readonly JobRequest: string;
  /** A hash of the input data, so that new data starts a new job. */
  readonly DataFingerprint: string;
}

/** What the resource returns, e.g. `job.getAttString('ModelArtifacts')`. */
export interface SageMakerJobAttributes {
  readonly JobName: string;
  /** Training: S3 URI of model.tar.gz; tuning: that of the best training job. */
  readonly ModelArtifacts?: string;
  /** Tuning: the best training job's name. */
  readonly BestTrainingJobName?: string;
  /** Transform: where the output is. */
  readonly OutputPath?: string;
}
