/**
 * isComplete of the training-job custom resource, polled by the CDK Provider framework: on create or
 * update it waits for the job and returns the model artifact, or fails the deployment with the job's
 * FailureReason; on delete it waits for the stopped job and deletes its record.
 */
import {
  DeleteTrainingJobCommand,
  DescribeTrainingJobCommand,
  SageMakerClient,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import type { CdkCustomResourceIsCompleteEvent, CdkCustomResourceIsCompleteResponse } from 'aws-lambda';
import type { TrainingJobAttributes } from './properties';
import { creationProgress, isNotFound, isOwnJob, TERMINAL_STATES } from './training-job';

const sagemaker = new SageMakerClient({});

export async function handler(
  event: CdkCustomResourceIsCompleteEvent,
): Promise<CdkCustomResourceIsCompleteResponse<TrainingJobAttributes>> {
  const name = event.PhysicalResourceId;
  if (event.RequestType === 'Delete') {
    return { IsComplete: isOwnJob(name, event.ResourceProperties) ? await deleteWhenStopped(name) : true };
  }
  if (!name) {
    throw new Error('isComplete was called without the training job name (PhysicalResourceId).');
  }
  const job = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
  const progress = creationProgress(job);
  if (!progress.done) {
    console.info(`Training job ${name}: ${job.TrainingJobStatus} / ${job.SecondaryStatus ?? ''}`);
    return { IsComplete: false };
  }
  return { IsComplete: true, Data: { TrainingJobName: name, ModelArtifacts: progress.modelArtifacts } };
}

/** True once the job is gone; stops it if it is still running, waits while it stops. */
async function deleteWhenStopped(name: string): Promise<boolean> {
  try {
    const { TrainingJobStatus: status } = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    if (status === 'InProgress') {
      await sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: name }));
      return false;
    }
    if (status === 'Deleting') {
      return true;
    }
    if (!status || !TERMINAL_STATES.has(status)) {
      console.info(`Training job ${name} is ${status}; waiting before deleting it.`);
      return false;
    }
    await sagemaker.send(new DeleteTrainingJobCommand({ TrainingJobName: name }));
    console.info(`Deleted training job ${name}.`);
    return true;
  } catch (e) {
    if (isNotFound(e)) {
      return true;
    }
    throw e;
  }
}
