/**
 * isComplete of the knowledge-base ingestion custom resource: polled by the Provider framework until the
 * job started by on-event.ts has finished. A failed job (or one with failed documents) fails the
 * deployment with Bedrock's failure reasons; a job that takes longer than TimeoutSeconds is stopped and
 * fails it too. On delete, it waits until no job of the data source is running.
 */
import { BedrockAgentClient, StopIngestionJobCommand } from '@aws-sdk/client-bedrock-agent';
import type { CdkCustomResourceIsCompleteEvent, CdkCustomResourceIsCompleteResponse } from 'aws-lambda';
import { getJob, listJobs } from './bedrock';
import { evaluate, isRunning, readSettings } from './ingestion';
import type { IngestionData, IngestionProperties } from './properties';

const bedrock = new BedrockAgentClient({});

export async function handler(
  event: CdkCustomResourceIsCompleteEvent<IngestionProperties, IngestionData>,
): Promise<CdkCustomResourceIsCompleteResponse<IngestionData>> {
  if (event.RequestType === 'Delete') {
    const { KnowledgeBaseId: knowledgeBaseId, DataSourceId: dataSourceId } = event.ResourceProperties;
    if (!knowledgeBaseId || !dataSourceId) {
      return { IsComplete: true };
    }
    const jobs = await listJobs(bedrock, { knowledgeBaseId, dataSourceId });
    return { IsComplete: !jobs.some(isRunning) };
  }
  const { knowledgeBaseId, dataSourceId, timeoutMs } = readSettings(event.ResourceProperties);
  if (!event.Data?.IngestionJobId) {
    throw new Error('isComplete was called without the data onEvent returns; is the Provider framework wired up?');
  }
  const ref = { knowledgeBaseId, dataSourceId };
  const job = await getJob(bedrock, ref, event.Data.IngestionJobId);
  const progress = evaluate(job, event.Data.RequestedAt, new Date(), timeoutMs);
  switch (progress.kind) {
    case 'waiting':
      console.log({ message: 'Ingestion in progress', knowledgeBaseId, dataSourceId, reason: progress.reason });
      return { IsComplete: false };
    case 'succeeded':
      console.log({ message: 'Ingestion complete', knowledgeBaseId, dataSourceId, summary: progress.summary });
      return { IsComplete: true, Data: event.Data };
    case 'timed-out':
      await bedrock.send(new StopIngestionJobCommand({ ...ref, ingestionJobId: event.Data.IngestionJobId }));
      throw new Error(progress.message);
    case 'failed':
      throw new Error(progress.message);
  }
}
