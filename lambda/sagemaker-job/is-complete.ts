/**
 * isComplete of the SageMaker job custom resource, polled by the CDK Provider framework, for every job
 * kind: on create or update it waits for the job and returns its result, or fails the deployment with
 * the job's FailureReason; on delete it waits for the stopped job, deletes its records and log streams.
 */
import {
  CloudWatchLogsClient,
  DeleteLogStreamCommand,
  paginateDescribeLogStreams,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { CdkCustomResourceIsCompleteEvent, CdkCustomResourceIsCompleteResponse } from 'aws-lambda';
import { creationProgress, isNotFound, isOwnJob, KIND_LABELS, kindOf, parseProperties, TERMINAL_STATES } from './job';
import { JOB_APIS } from './kinds';
import type { JobKind, SageMakerJobAttributes } from './properties';

const sagemaker = new SageMakerClient({});
const logs = new CloudWatchLogsClient({});

export async function handler(
  event: CdkCustomResourceIsCompleteEvent,
): Promise<CdkCustomResourceIsCompleteResponse<SageMakerJobAttributes>> {
  const name = event.PhysicalResourceId;
  if (event.RequestType === 'Delete') {
    const kind = kindOf(event.ResourceProperties);
    return { IsComplete: kind && isOwnJob(name, event.ResourceProperties) ? await deleteWhenStopped(kind, name) : true };
  }
  if (!name) {
    throw new Error('isComplete was called without the job name (PhysicalResourceId).');
  }
  const props = parseProperties(event.ResourceProperties);
  const state = await JOB_APIS[props.kind].describe(sagemaker, name, true);
  const progress = creationProgress(props.kind, name, state, props.request);
  if (!progress.done) {
    console.info(`${KIND_LABELS[props.kind]} ${name}: ${state.status} / ${state.detail ?? ''}`);
    return { IsComplete: false };
  }
  return { IsComplete: true, Data: progress.attributes };
}

/**
 * True once the job, what it owns and its log streams are gone; stops the job if it is still running,
 * waits while it stops. The streams go last, when nothing can write to them any more.
 *
 * A job that failed keeps its log streams: its create failed the deploy, and the rollback that deletes this
 * resource (and the stack's own log groups) must not take away why. SageMaker writes them to its shared
 * groups, outside the stack; `leftovers` lists them and the lab guides say how to read and delete them.
 */
async function deleteWhenStopped(kind: JobKind, name: string): Promise<boolean> {
  const api = JOB_APIS[kind];
  const label = `${KIND_LABELS[kind]} ${name}`;
  let failed = false;
  try {
    const { status, failureReason } = await api.describe(sagemaker, name, false);
    failed = status === 'Failed';
    if (failed) {
      console.info(`${label} failed: ${failureReason ?? 'SageMaker gave no reason'}`);
    }
    if (status === 'InProgress') {
      await api.stop(sagemaker, name);
      return false;
    }
    if (status !== 'Deleting' && (!status || !TERMINAL_STATES.has(status))) {
      console.info(`${label} is ${status}; waiting before deleting it.`);
      return false;
    }
    if (status !== 'Deleting') {
      if (!(await api.remove(sagemaker, name))) {
        console.info(`${label}: waiting for its training jobs to stop before deleting it.`);
        return false;
      }
      console.info(`Deleted ${label}.`);
    }
  } catch (e) {
    if (!isNotFound(e)) {
      throw e;
    }
  }
  const streams = api.logStreams(name);
  if (failed) {
    console.info(`Keeping the log streams ${streams.logGroupName} ${streams.prefix}* of the failed ${label}.`);
  } else {
    await deleteLogStreams(streams);
  }
  return true;
}

/** Deletes the job's streams in the shared log group (none, if the group does not exist). */
async function deleteLogStreams({ logGroupName, prefix }: { logGroupName: string; prefix: string }): Promise<void> {
  try {
    const pages = paginateDescribeLogStreams({ client: logs }, { logGroupName, logStreamNamePrefix: prefix });
    for await (const page of pages) {
      for (const { logStreamName } of page.logStreams ?? []) {
        await logs.send(new DeleteLogStreamCommand({ logGroupName, logStreamName }));
        console.info(`Deleted log stream ${logGroupName} ${logStreamName}.`);
      }
    }
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) {
      throw e;
    }
  }
}
