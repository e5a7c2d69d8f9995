/** The training-job custom resource's decisions, as pure functions tested without AWS. */
import { createHash } from 'node:crypto';
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import type { TrainingJobProperties, TrainingJobRequest } from './properties';

/** SageMaker's limit for training job names. */
const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 12;

/**
 * The job name for a configuration: `<prefix>-<12 hex digits of a SHA-256 of the request and data>`.
 * The same configuration always gives the same name (a retried create finds its job); a changed one
 * gives a new name, which CloudFormation treats as a replacement (train the new job, then delete the
 * old one).
 */
export function trainingJobName(props: Pick<TrainingJobProperties, 'JobNamePrefix' | 'TrainingJobRequest' | 'DataFingerprint'>): string {
  const hash = createHash('sha256')
    .update(props.TrainingJobRequest)
    .update('\n')
    .update(props.DataFingerprint)
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const name = `${props.JobNamePrefix}-${hash}`;
  if (name.length > MAX_NAME_LENGTH || !/^[a-z0-9](-*[a-z0-9])*$/.test(name)) {
    throw new Error(
      `Training job name "${name}" is not valid: the prefix must be lowercase letters, digits and hyphens, ` +
        `at most ${MAX_NAME_LENGTH - HASH_LENGTH - 1} characters.`,
    );
  }
  return name;
}

/** Parses the properties CloudFormation passes, failing with what is missing. */
export function parseProperties(raw: Record<string, unknown>): TrainingJobProperties & { request: TrainingJobRequest } {
  const missing = ['JobNamePrefix', 'TrainingJobRequest', 'DataFingerprint'].filter((k) => typeof raw[k] !== 'string');
  if (missing.length > 0) {
    throw new Error(`The training-job resource is missing the properties ${missing.join(', ')}.`);
  }
  const props = raw as unknown as TrainingJobProperties;
  return { ...props, request: JSON.parse(props.TrainingJobRequest) as TrainingJobRequest };
}

/**
 * True when `name` is a job this resource may stop or delete (never another stack's job). On delete the
 * properties are read leniently: a malformed resource must never block `cdk destroy`.
 */
export function isOwnJob(name: string | undefined, raw: Record<string, unknown>): name is string {
  const prefix = raw.JobNamePrefix;
  return typeof prefix === 'string' && name !== undefined && name.startsWith(`${prefix}-`);
}

export type JobProgress =
  | { readonly done: false }
  | { readonly done: true; readonly modelArtifacts: string };

/**
 * What a job's state means for a create or update: keep waiting, done (with the model), or a failure
 * that fails the deployment with SageMaker's reason.
 */
export function creationProgress(job: DescribeTrainingJobResponse): JobProgress {
  const name = job.TrainingJobName ?? 'training job';
  switch (job.TrainingJobStatus) {
    case 'InProgress':
      return { done: false };
    case 'Completed': {
      const modelArtifacts = job.ModelArtifacts?.S3ModelArtifacts;
      if (!modelArtifacts) {
        throw new Error(`Training job ${name} completed without model artifacts.`);
      }
      return { done: true, modelArtifacts };
    }
    case 'Failed':
      throw new Error(`Training job ${name} failed: ${job.FailureReason ?? 'SageMaker gave no reason'}`);
    default:
      throw new Error(
        `Training job ${name} is ${job.TrainingJobStatus ?? 'in an unknown state'}` +
          `${job.FailureReason ? `: ${job.FailureReason}` : ''}; it was stopped before it finished ` +
          '(for example by its maximum runtime).',
      );
  }
}

/** A job in one of these states can be deleted; the others are still running or stopping. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Stopped']);

/** True for the error SageMaker returns when a training job does not exist. */
export function isNotFound(e: unknown): boolean {
  return (
    e instanceof Error &&
    (e.name === 'ResourceNotFound' || (e.name === 'ValidationException' && /not found|does not exist/i.test(e.message)))
  );
}
