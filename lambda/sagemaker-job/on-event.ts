/**
 * onEvent of the SageMaker job custom resource (CDK Provider framework), for every job kind: starts the
 * job on create and on a configuration change, stops a running job on delete. `is-complete.ts` then
 * waits for it.
 */
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { isNotFound, isOwnJob, isQuotaError, jobName, KIND_LABELS, kindOf, type ParsedProperties, parseProperties } from './job';
import { createJob, JOB_APIS } from './kinds';
import type { JobKind, SageMakerJobAttributes } from './properties';
import { quotaAdvice } from './quota';

const sagemaker = new SageMakerClient({});

export async function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse<SageMakerJobAttributes>> {
  if (event.RequestType === 'Delete') {
    const kind = kindOf(event.ResourceProperties);
    if (kind && isOwnJob(event.PhysicalResourceId, event.ResourceProperties)) {
      await stopIfRunning(kind, event.PhysicalResourceId);
    }
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const props = parseProperties(event.ResourceProperties);
  const name = jobName(props);
  if (event.RequestType === 'Update' && event.PhysicalResourceId === name) {
    console.info(`${KIND_LABELS[props.kind]} ${name} already matches the configuration.`);
  } else {
    await startJob(name, props);
  }
  return { PhysicalResourceId: name, Data: { JobName: name } };
}

async function startJob(name: string, props: ParsedProperties): Promise<void> {
  const label = `${KIND_LABELS[props.kind]} ${name}`;
  try {
    await createJob(sagemaker, name, props);
    console.info(`Started ${label}.`);
  } catch (e) {
    // A retried create: the job with this configuration exists already; isComplete follows it.
    if (e instanceof Error && e.name === 'ResourceInUse') {
      console.info(`${label} exists already; following it.`);
      return;
    }
    if (isQuotaError(e)) {
      throw new Error(`${label} was refused: ${e.message}\n${quotaAdvice(props.kind, props.request)}`, { cause: e });
    }
    throw e;
  }
}

async function stopIfRunning(kind: JobKind, name: string): Promise<void> {
  const api = JOB_APIS[kind];
  try {
    const { status } = await api.describe(sagemaker, name, false);
    if (status === 'InProgress') {
      await api.stop(sagemaker, name);
      console.info(`Stopping ${KIND_LABELS[kind]} ${name}.`);
    }
  } catch (e) {
    if (!isNotFound(e)) {
      throw e;
    }
  }
}
