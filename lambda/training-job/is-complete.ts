/**
 * isComplete of the training-job custom resource, polled by the CDK Provider framework: on create or
 * update it waits for the job and returns the model artifact, or fails the deployment with the job's
 * FailureReason; on delete it waits for the stopped job, deletes its record and its log streams.
 */
import {
  CloudWatchLogsClient,
  DeleteLogStreamCommand,
  paginateDescribeLogStreams,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteTrainingJobCommand,
  DescribeTrainingJobCommand,
  SageMakerClient,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import type { CdkCustomResourceIsCompleteEvent, CdkCustomResourceIsCompleteResponse } from 'aws-lambda';
import { TRAINING_LOG_GROUP, type TrainingJobAttributes } from './properties';
import { creationProgress, isNotFound, isOwnJob, TERMINAL_STATES } from './training-job';

const sagemaker = new SageMakerClient({});
const logs = new CloudWatchLogsClient({});

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

/**
 * True once the job and its log streams are gone; stops the job if it is still running, waits while it
 * stops. The streams go last, when the job can no longer write to them.
 */
async function deleteWhenStopped(name: string): Promise<boolean> {
  try {
    const { TrainingJobStatus: status } = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    if (status === 'InProgress') {
      await sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: name }));
      return false;
    }
    if (status !== 'Deleting' && (!status || !TERMINAL_STATES.has(status))) {
      console.info(`Training job ${name} is ${status}; waiting before deleting it.`);
      return false;
    }
    if (status !== 'Deleting') {
      await sagemaker.send(new DeleteTrainingJobCommand({ TrainingJobName: name }));
      console.info(`Deleted training job ${name}.`);
    }
  } catch (e) {
    if (!isNotFound(e)) {
      throw e;
    }
  }
  await deleteLogStreams(name);
  return true;
}

/** Deletes the job's streams in the shared training log group (none, if the group does not exist). */
async function deleteLogStreams(name: string): Promise<void> {
  try {
    const pages = paginateDescribeLogStreams({ client: logs }, { logGroupName: TRAINING_LOG_GROUP, logStreamNamePrefix: `${name}/` });
    for await (const page of pages) {
      for (const { logStreamName } of page.logStreams ?? []) {
        await logs.send(new DeleteLogStreamCommand({ logGroupName: TRAINING_LOG_GROUP, logStreamName }));
        console.info(`Deleted log stream ${TRAINING_LOG_GROUP} ${logStreamName}.`);
      }
    }
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) {
      throw e;
    }
  }
}
