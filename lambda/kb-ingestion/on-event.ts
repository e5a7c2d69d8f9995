/**
 * onEvent of the knowledge-base ingestion custom resource (CDK Provider framework). Create and Update
 * start an ingestion job of the data source; is-complete.ts then waits for it. Delete stops a job that
 * is still running, so that CloudFormation can delete the data source (whose deletion policy DELETE then
 * removes its vectors) and the knowledge base.
 */
import { BedrockAgentClient, ConflictException, StartIngestionJobCommand } from '@aws-sdk/client-bedrock-agent';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { stopRunningJobs } from './bedrock';
import { readSettings } from './ingestion';
import type { IngestionData, IngestionProperties } from './properties';

const bedrock = new BedrockAgentClient({});

export async function handler(
  event: CdkCustomResourceEvent<IngestionProperties>,
): Promise<CdkCustomResourceResponse<IngestionData>> {
  if (event.RequestType === 'Delete') {
    const { KnowledgeBaseId: knowledgeBaseId, DataSourceId: dataSourceId } = event.ResourceProperties;
    // Never block a stack deletion: without ids (a create that failed validation), there is nothing to stop.
    if (knowledgeBaseId && dataSourceId) {
      const stopped = await stopRunningJobs(bedrock, { knowledgeBaseId, dataSourceId });
      console.log({ message: 'Stopped running ingestion jobs before delete', knowledgeBaseId, dataSourceId, stopped });
    }
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const { knowledgeBaseId, dataSourceId } = readSettings(event.ResourceProperties);
  let ingestionJobId: string | undefined;
  try {
    const { ingestionJob } = await bedrock.send(
      new StartIngestionJobCommand({
        knowledgeBaseId,
        dataSourceId,
        description: `cdk deploy (${event.RequestType}) of ${event.StackId.split('/')[1] ?? 'the lab stack'}`,
      }),
    );
    ingestionJobId = ingestionJob?.ingestionJobId;
  } catch (e) {
    if (e instanceof ConflictException) {
      throw new Error(
        `Data source ${dataSourceId} of knowledge base ${knowledgeBaseId} is already syncing (an ingestion job ` +
          'started outside this deployment). Wait until it finishes in the Bedrock console, then deploy again.',
        { cause: e },
      );
    }
    throw e;
  }
  if (!ingestionJobId) {
    throw new Error('StartIngestionJob returned no ingestion job id.');
  }
  const data: IngestionData = {
    KnowledgeBaseId: knowledgeBaseId,
    DataSourceId: dataSourceId,
    IngestionJobId: ingestionJobId,
    RequestedAt: new Date().toISOString(),
  };
  console.log({ message: 'Ingestion job started', ...data });
  // One physical resource per data source: a new data source (changed chunking) is a new resource, and
  // CloudFormation then sends Delete for the old one, which stops any job of the old data source.
  return { PhysicalResourceId: `${knowledgeBaseId}/${dataSourceId}`, Data: data };
}
