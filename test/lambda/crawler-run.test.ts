import {
  CrawlerNotRunningException,
  CrawlerRunningException,
  EntityNotFoundException,
  GetCrawlerCommand,
  GlueClient,
  StartCrawlerCommand,
  StopCrawlerCommand,
} from '@aws-sdk/client-glue';
import type { CdkCustomResourceEvent, CdkCustomResourceIsCompleteEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { CrawlerRunData, CrawlerRunProperties } from '../../lambda/crawler-run/properties';
import { handler as isComplete } from '../../lambda/crawler-run/is-complete';
import { handler as onEvent } from '../../lambda/crawler-run/on-event';

const glue = mockClient(GlueClient);
const CRAWLER = 'Crawler8C39B76C-abc123';
const properties: CrawlerRunProperties & { ServiceToken: string } = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:framework-onEvent',
  CrawlerName: CRAWLER,
  TimeoutSeconds: '900',
};
const common = {
  ServiceToken: properties.ServiceToken,
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Lab01DataLake/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'CrawlerRun',
  ResourceType: 'Custom::GlueCrawlerRun',
  ResourceProperties: properties,
};
const createEvent: CdkCustomResourceEvent<CrawlerRunProperties> = { ...common, RequestType: 'Create' };
const deleteEvent: CdkCustomResourceEvent<CrawlerRunProperties> = {
  ...common,
  RequestType: 'Delete',
  PhysicalResourceId: CRAWLER,
};

function pollEvent(data: CrawlerRunData): CdkCustomResourceIsCompleteEvent<CrawlerRunProperties, CrawlerRunData> {
  return { ...createEvent, PhysicalResourceId: CRAWLER, Data: data };
}
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const run = (requestedMinutesAgo: number): CrawlerRunData => ({
  CrawlerName: CRAWLER,
  RequestedAt: minutesAgo(requestedMinutesAgo).toISOString(),
  AcceptCrawlsFrom: minutesAgo(requestedMinutesAgo + 1).toISOString(),
});
const glueError = <T>(Err: new (o: { message: string; $metadata: object }) => T, message = 'x') =>
  new Err({ message, $metadata: {} });

beforeEach(() => {
  glue.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

describe('success', () => {
  test('create starts the crawler and returns the run data', async () => {
    glue.on(StartCrawlerCommand).resolves({});
    const response = await onEvent(createEvent);
    expect(glue.commandCalls(StartCrawlerCommand)[0].args[0].input).toEqual({ Name: CRAWLER });
    expect(response.PhysicalResourceId).toBe(CRAWLER);
    expect(response.Data?.CrawlerName).toBe(CRAWLER);
    expect(Date.parse(response.Data!.AcceptCrawlsFrom)).toBeLessThan(Date.parse(response.Data!.RequestedAt));
  });

  test('isComplete waits while the crawler runs, then completes when its crawl succeeded', async () => {
    glue.on(GetCrawlerCommand).resolvesOnce({ Crawler: { Name: CRAWLER, State: 'RUNNING' } }).resolvesOnce({
      Crawler: { Name: CRAWLER, State: 'READY', LastCrawl: { Status: 'SUCCEEDED', StartTime: minutesAgo(2) } },
    });
    const data = run(3);
    await expect(isComplete(pollEvent(data))).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(pollEvent(data))).resolves.toEqual({ IsComplete: true, Data: data });
  });

  test('a finished crawl from before this deployment is not taken for this one', async () => {
    glue.on(GetCrawlerCommand).resolves({
      Crawler: { Name: CRAWLER, State: 'READY', LastCrawl: { Status: 'SUCCEEDED', StartTime: minutesAgo(60) } },
    });
    await expect(isComplete(pollEvent(run(1)))).resolves.toEqual({ IsComplete: false });
  });

  test('a crawl that is already running is waited for instead of failing the deployment', async () => {
    glue.on(StartCrawlerCommand).rejects(glueError(CrawlerRunningException));
    const response = await onEvent(createEvent);
    expect(response.Data?.AcceptCrawlsFrom).toBe(new Date(0).toISOString());
  });
});

describe('crawler failure', () => {
  test("a failed crawl fails the deployment with Glue's error message and the log location", async () => {
    glue.on(GetCrawlerCommand).resolves({
      Crawler: {
        Name: CRAWLER,
        State: 'READY',
        LastCrawl: {
          Status: 'FAILED',
          StartTime: minutesAgo(1),
          ErrorMessage: 'Service Principal: glue.amazonaws.com is not authorized to perform: logs:AssociateKmsKey',
          LogGroup: '/aws-glue/crawlers-role/CrawlerRole-crawler-security',
          LogStream: CRAWLER,
        },
      },
    });
    await expect(isComplete(pollEvent(run(2)))).rejects.toThrow(
      /ended with status FAILED: Service Principal: glue\.amazonaws\.com is not authorized .*log group \/aws-glue\/crawlers-role\//,
    );
  });

  test('a failure to start the crawler fails the deployment', async () => {
    glue.on(StartCrawlerCommand).rejects(glueError(EntityNotFoundException, 'Crawler entry with name x does not exist'));
    await expect(onEvent(createEvent)).rejects.toThrow('Crawler entry with name x does not exist');
  });
});

describe('timeout', () => {
  test('a crawl still running after TimeoutSeconds is stopped and fails the deployment', async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: { Name: CRAWLER, State: 'RUNNING' } });
    glue.on(StopCrawlerCommand).resolves({});
    await expect(isComplete(pollEvent(run(16)))).rejects.toThrow(/did not finish within 15 minutes/);
    expect(glue.commandCalls(StopCrawlerCommand)[0].args[0].input).toEqual({ Name: CRAWLER });
  });

  test('a crawl still running before TimeoutSeconds is waited for', async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: { Name: CRAWLER, State: 'RUNNING' } });
    await expect(isComplete(pollEvent(run(14)))).resolves.toEqual({ IsComplete: false });
    expect(glue.commandCalls(StopCrawlerCommand)).toHaveLength(0);
  });
});

describe('delete', () => {
  test('delete stops a running crawl and keeps the physical id', async () => {
    glue.on(StopCrawlerCommand).resolves({});
    await expect(onEvent(deleteEvent)).resolves.toEqual({ PhysicalResourceId: CRAWLER });
    expect(glue.commandCalls(StopCrawlerCommand)).toHaveLength(1);
    expect(glue.commandCalls(StartCrawlerCommand)).toHaveLength(0);
  });

  test('delete succeeds when the crawler is idle or already gone', async () => {
    glue.on(StopCrawlerCommand).rejectsOnce(glueError(CrawlerNotRunningException)).rejectsOnce(glueError(EntityNotFoundException));
    await expect(onEvent(deleteEvent)).resolves.toEqual({ PhysicalResourceId: CRAWLER });
    await expect(onEvent(deleteEvent)).resolves.toEqual({ PhysicalResourceId: CRAWLER });
  });

  test('delete never blocks a stack deletion, even with invalid properties', async () => {
    const invalid = { ...deleteEvent, ResourceProperties: { ...properties, CrawlerName: '' } };
    await expect(onEvent(invalid)).resolves.toEqual({ PhysicalResourceId: CRAWLER });
    await expect(isComplete({ ...invalid, Data: undefined })).resolves.toEqual({ IsComplete: true });
    expect(glue.calls()).toHaveLength(0);
  });

  test('delete completes only once the crawler is idle, so CloudFormation can delete it', async () => {
    const deletePoll = { ...deleteEvent, Data: undefined };
    glue
      .on(GetCrawlerCommand)
      .resolvesOnce({ Crawler: { Name: CRAWLER, State: 'STOPPING' } })
      .resolvesOnce({ Crawler: { Name: CRAWLER, State: 'READY' } })
      .rejectsOnce(glueError(EntityNotFoundException));
    await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: true });
    await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: true });
  });
});
