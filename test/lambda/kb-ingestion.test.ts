import {
  BedrockAgentClient,
  ConflictException,
  GetIngestionJobCommand,
  type IngestionJob,
  type IngestionJobStatus,
  ListIngestionJobsCommand,
  ResourceNotFoundException,
  StartIngestionJobCommand,
  StopIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent';
import type { CdkCustomResourceEvent, CdkCustomResourceIsCompleteEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { evaluate, readSettings, runningJobIds } from '../../lambda/kb-ingestion/ingestion';
import { handler as isComplete } from '../../lambda/kb-ingestion/is-complete';
import { handler as onEvent } from '../../lambda/kb-ingestion/on-event';
import type { IngestionData, IngestionProperties } from '../../lambda/kb-ingestion/properties';

const bedrock = mockClient(BedrockAgentClient);
const KB = 'KB12345678';
const DS = 'DS12345678';
const JOB = 'JOB1234567';
const properties: IngestionProperties & { ServiceToken: string } = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:framework-onEvent',
  KnowledgeBaseId: KB,
  DataSourceId: DS,
  TimeoutSeconds: '1200',
  CorpusVersion: 'asset1.zip',
};
const common = {
  ServiceToken: properties.ServiceToken,
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Lab06BedrockRag/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'Ingestion',
  ResourceType: 'Custom::KnowledgeBaseIngestion',
  ResourceProperties: properties,
};
const createEvent: CdkCustomResourceEvent<IngestionProperties> = { ...common, RequestType: 'Create' };
const deleteEvent: CdkCustomResourceEvent<IngestionProperties> = { ...common, RequestType: 'Delete', PhysicalResourceId: `${KB}/${DS}` };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const data = (requestedMinutesAgo: number): IngestionData => ({
  KnowledgeBaseId: KB,
  DataSourceId: DS,
  IngestionJobId: JOB,
  RequestedAt: minutesAgo(requestedMinutesAgo),
});
const pollEvent = (d: IngestionData): CdkCustomResourceIsCompleteEvent<IngestionProperties, IngestionData> => ({
  ...createEvent,
  PhysicalResourceId: `${KB}/${DS}`,
  Data: d,
});
const deletePoll: CdkCustomResourceIsCompleteEvent<IngestionProperties, IngestionData> = { ...deleteEvent, Data: undefined };
const error = <T>(Err: new (o: { message: string; $metadata: object }) => T, message = 'x') => new Err({ message, $metadata: {} });
const ids = { knowledgeBaseId: KB, dataSourceId: DS, startedAt: new Date(), updatedAt: new Date() };
const job = (status: IngestionJobStatus, extra: Partial<IngestionJob> = {}): { ingestionJob: IngestionJob } => ({
  ingestionJob: { ...ids, ingestionJobId: JOB, status, ...extra },
});
const summary = (ingestionJobId: string, status: IngestionJobStatus) => ({ ...ids, ingestionJobId, status });

beforeEach(() => {
  bedrock.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

describe('onEvent', () => {
  test('ingestion started: create starts a job of the data source and returns its id', async () => {
    bedrock.on(StartIngestionJobCommand).resolves(job('STARTING'));
    const response = await onEvent(createEvent);
    expect(bedrock.commandCalls(StartIngestionJobCommand)[0].args[0].input).toMatchObject({ knowledgeBaseId: KB, dataSourceId: DS });
    expect(response.PhysicalResourceId).toBe(`${KB}/${DS}`);
    expect(response.Data).toMatchObject({ KnowledgeBaseId: KB, DataSourceId: DS, IngestionJobId: JOB });
  });

  test('an update (a changed corpus) starts a new job too', async () => {
    bedrock.on(StartIngestionJobCommand).resolves(job('STARTING'));
    await onEvent({ ...common, RequestType: 'Update', PhysicalResourceId: `${KB}/${DS}`, OldResourceProperties: { ...properties, CorpusVersion: 'asset0.zip' } });
    expect(bedrock.commandCalls(StartIngestionJobCommand)).toHaveLength(1);
  });

  test('a job already running outside the deployment fails with what to do', async () => {
    bedrock.on(StartIngestionJobCommand).rejects(error(ConflictException));
    await expect(onEvent(createEvent)).rejects.toThrow(/already syncing.*deploy again/);
  });

  test('bad properties fail before any call, naming each problem', async () => {
    await expect(onEvent({ ...createEvent, ResourceProperties: { ...properties, DataSourceId: ' ', TimeoutSeconds: 'soon' } })).rejects.toThrow(
      'Invalid ingestion properties: DataSourceId is missing; TimeoutSeconds must be a positive whole number, not "soon".',
    );
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('delete while running stops every running job of the data source', async () => {
    bedrock.on(ListIngestionJobsCommand).resolves({
      ingestionJobSummaries: [
        summary('A', 'IN_PROGRESS'),
        summary('B', 'COMPLETE'),
      ],
    });
    bedrock.on(StopIngestionJobCommand).resolves({});
    const response = await onEvent(deleteEvent);
    expect(bedrock.commandCalls(StopIngestionJobCommand).map((c) => c.args[0].input)).toEqual([
      { knowledgeBaseId: KB, dataSourceId: DS, ingestionJobId: 'A' },
    ]);
    expect(response.PhysicalResourceId).toBe(`${KB}/${DS}`);
  });

  test('delete succeeds when the knowledge base is already gone', async () => {
    bedrock.on(ListIngestionJobsCommand).rejects(error(ResourceNotFoundException));
    await expect(onEvent(deleteEvent)).resolves.toEqual({ PhysicalResourceId: `${KB}/${DS}` });
    expect(bedrock.commandCalls(StopIngestionJobCommand)).toHaveLength(0);
  });
});

describe('isComplete', () => {
  test('ingestion in progress: not complete yet', async () => {
    bedrock.on(GetIngestionJobCommand).resolves(job('IN_PROGRESS'));
    await expect(isComplete(pollEvent(data(1)))).resolves.toEqual({ IsComplete: false });
    expect(bedrock.commandCalls(GetIngestionJobCommand)[0].args[0].input).toEqual({ knowledgeBaseId: KB, dataSourceId: DS, ingestionJobId: JOB });
  });

  test('ingestion complete: complete, with the data passed on', async () => {
    bedrock.on(GetIngestionJobCommand).resolves(job('COMPLETE', { statistics: { numberOfDocumentsScanned: 7, numberOfNewDocumentsIndexed: 7 } }));
    const d = data(2);
    await expect(isComplete(pollEvent(d))).resolves.toEqual({ IsComplete: true, Data: d });
  });

  test('ingestion failed: the deployment fails with the job failure reasons', async () => {
    bedrock.on(GetIngestionJobCommand).resolves(job('FAILED', { failureReasons: ['Access denied to s3vectors:PutVectors.', 'Second reason.'] }));
    await expect(isComplete(pollEvent(data(2)))).rejects.toThrow(
      `Ingestion job ${JOB} ended with status FAILED: Access denied to s3vectors:PutVectors. Second reason.`,
    );
  });

  test('a complete job with failed documents fails the deployment too', async () => {
    bedrock.on(GetIngestionJobCommand).resolves(
      job('COMPLETE', { statistics: { numberOfDocumentsScanned: 7, numberOfDocumentsFailed: 1 }, failureReasons: ['notes.md: too large'] }),
    );
    await expect(isComplete(pollEvent(data(2)))).rejects.toThrow(/1 of 7 documents failed: notes.md: too large/);
  });

  test('a job running past the timeout is stopped and fails the deployment', async () => {
    bedrock.on(GetIngestionJobCommand).resolves(job('IN_PROGRESS'));
    bedrock.on(StopIngestionJobCommand).resolves({});
    await expect(isComplete(pollEvent(data(21)))).rejects.toThrow(/did not finish within 20 minutes/);
    expect(bedrock.commandCalls(StopIngestionJobCommand)[0].args[0].input).toEqual({ knowledgeBaseId: KB, dataSourceId: DS, ingestionJobId: JOB });
  });

  test('delete while running waits until no job of the data source runs', async () => {
    bedrock
      .on(ListIngestionJobsCommand)
      .resolvesOnce({ ingestionJobSummaries: [summary('A', 'STOPPING')] })
      .resolves({ ingestionJobSummaries: [summary('A', 'STOPPED')] });
    await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: true });
  });

  test('without the data onEvent returns, it says the framework is miswired', async () => {
    await expect(isComplete({ ...pollEvent(data(1)), Data: undefined })).rejects.toThrow(/without the data onEvent returns/);
  });
});

describe('decisions', () => {
  test('readSettings converts the timeout to milliseconds', () => {
    expect(readSettings(properties)).toEqual({ knowledgeBaseId: KB, dataSourceId: DS, timeoutMs: 1_200_000 });
  });

  test('evaluate summarises a complete job', () => {
    const progress = evaluate(
      { ingestionJobId: JOB, status: 'COMPLETE', statistics: { numberOfDocumentsScanned: 7, numberOfNewDocumentsIndexed: 5, numberOfModifiedDocumentsIndexed: 1, numberOfDocumentsDeleted: 1 } },
      minutesAgo(1),
      new Date(),
      60_000 * 20,
    );
    expect(progress).toEqual({ kind: 'succeeded', summary: '7 scanned, 5 new, 1 modified, 1 deleted' });
  });

  test('a stopped job is a failure, and only starting or in-progress jobs are stopped on delete', () => {
    expect(evaluate({ ingestionJobId: JOB, status: 'STOPPED' }, minutesAgo(1), new Date(), 60_000).kind).toBe('failed');
    expect(runningJobIds([{ ingestionJobId: 'A', status: 'STARTING' }, { ingestionJobId: 'B', status: 'STOPPING' }, { ingestionJobId: 'C', status: 'IN_PROGRESS' }])).toEqual(['A', 'C']);
  });
});
