import {
  type BedrockAgentClient,
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  ResourceNotFoundException,
  StopIngestionJobCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agent';
import { type JobStatus, runningJobIds } from './ingestion';

export interface DataSourceRef {
  readonly knowledgeBaseId: string;
  readonly dataSourceId: string;
}

export async function getJob(client: BedrockAgentClient, ref: DataSourceRef, ingestionJobId: string): Promise<JobStatus> {
  const { ingestionJob } = await client.send(new GetIngestionJobCommand({ ...ref, ingestionJobId }));
  return ingestionJob ?? {};
}

/** The data source's most recent jobs, or none when the knowledge base or data source is gone. */
export async function listJobs(client: BedrockAgentClient, ref: DataSourceRef): Promise<JobStatus[]> {
  try {
    const { ingestionJobSummaries } = await client.send(
      new ListIngestionJobsCommand({ ...ref, sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' }, maxResults: 25 }),
    );
    return ingestionJobSummaries ?? [];
  } catch (e) {
    if (e instanceof ResourceNotFoundException) {
      return [];
    }
    throw e;
  }
}

/** Stops every running job of the data source; returns their ids. A job that ended meanwhile is fine. */
export async function stopRunningJobs(client: BedrockAgentClient, ref: DataSourceRef): Promise<string[]> {
  const ids = runningJobIds(await listJobs(client, ref));
  for (const ingestionJobId of ids) {
    try {
      await client.send(new StopIngestionJobCommand({ ...ref, ingestionJobId }));
    } catch (e) {
      if (!(e instanceof ResourceNotFoundException || e instanceof ValidationException)) {
        throw e;
      }
    }
  }
  return ids;
}
