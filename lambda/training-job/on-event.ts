/**
 * onEvent of the training-job custom resource (CDK Provider framework): starts the job on create and
 * on a configuration change, stops a running job on delete. `is-complete.ts` then waits for it.
 */
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  SageMakerClient,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import type { TrainingJobAttributes, TrainingJobRequest } from './properties';
import { isNotFound, isOwnJob, parseProperties, trainingJobName } from './training-job';

const sagemaker = new SageMakerClient({});

export async function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse<TrainingJobAttributes>> {
  if (event.RequestType === 'Delete') {
    if (isOwnJob(event.PhysicalResourceId, event.ResourceProperties)) {
      await stopIfRunning(event.PhysicalResourceId);
    }
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const props = parseProperties(event.ResourceProperties);
  const name = trainingJobName(props);
  if (event.RequestType === 'Update' && event.PhysicalResourceId === name) {
    console.info(`Training job ${name} already matches the configuration.`);
  } else {
    await startJob(name, props.request);
  }
  return { PhysicalResourceId: name, Data: { TrainingJobName: name } };
}

async function startJob(name: string, request: TrainingJobRequest): Promise<void> {
  try {
    await sagemaker.send(new CreateTrainingJobCommand({ ...request, TrainingJobName: name }));
    console.info(`Started training job ${name}.`);
  } catch (e) {
    // A retried create: the job with this configuration exists already; isComplete follows it.
    if (e instanceof Error && e.name === 'ResourceInUse') {
      console.info(`Training job ${name} exists already; following it.`);
      return;
    }
    throw e;
  }
}

async function stopIfRunning(name: string): Promise<void> {
  try {
    const job = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    if (job.TrainingJobStatus === 'InProgress') {
      await sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: name }));
      console.info(`Stopping training job ${name}.`);
    }
  } catch (e) {
    if (!isNotFound(e)) {
      throw e;
    }
  }
}
