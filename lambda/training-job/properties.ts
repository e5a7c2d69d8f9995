/**
 * The custom resource's properties, shared by the stack that sets them and the handlers that read
 * them. No aws-cdk-lib import here, so the Lambda bundle stays small.
 */
import type { CreateTrainingJobRequest } from '@aws-sdk/client-sagemaker';

/**
 * SageMaker writes every training job of the account and Region to this one log group, in streams named
 * `<job name>/algo-<n>-<timestamp>`. The group is shared, so destroy deletes only this lab's streams.
 */
export const TRAINING_LOG_GROUP = '/aws/sagemaker/TrainingJobs';

/** Everything of CreateTrainingJob except the name, which the handler derives. */
export type TrainingJobRequest = Omit<CreateTrainingJobRequest, 'TrainingJobName'>;

export interface TrainingJobProperties {
  /** Job names start with this (lowercase, from the stack name); the role is scoped to `<prefix>-*`. */
  readonly JobNamePrefix: string;
  /**
   * The CreateTrainingJob request as JSON. CloudFormation turns every custom-resource property into a
   * string (numbers and booleans included), so the request travels as one JSON document.
   */
  readonly TrainingJobRequest: string;
  /** A hash of the training data, so that new data trains a new job. */
  readonly DataFingerprint: string;
}

/** What the resource returns: `trainingJob.getAttString('ModelArtifacts')`. */
export interface TrainingJobAttributes {
  readonly TrainingJobName: string;
  /** S3 URI of model.tar.gz, set when the job has completed. */
  readonly ModelArtifacts?: string;
}
