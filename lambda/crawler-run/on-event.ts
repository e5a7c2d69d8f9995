/**
 * onEvent of the crawler-run custom resource (CDK Provider framework). Create and Update start the
 * crawler; is-complete.ts then waits for the crawl. Delete stops a crawl that is still running, so that
 * CloudFormation can delete the crawler; tables go with the Glue database.
 */
import { CrawlerRunningException, GlueClient, StartCrawlerCommand } from '@aws-sdk/client-glue';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { newRun, readSettings } from './crawl';
import { stopCrawl } from './glue';
import type { CrawlerRunData, CrawlerRunProperties } from './properties';

const glue = new GlueClient({});

export async function handler(
  event: CdkCustomResourceEvent<CrawlerRunProperties>,
): Promise<CdkCustomResourceResponse<CrawlerRunData>> {
  if (event.RequestType === 'Delete') {
    // Never block a stack deletion: without a crawler name (a create that failed validation), do nothing.
    const crawlerName = event.ResourceProperties.CrawlerName;
    if (crawlerName) {
      await stopCrawl(glue, crawlerName);
      console.log({ message: 'Stopped any running crawl before delete', crawlerName });
    }
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const { crawlerName } = readSettings(event.ResourceProperties);
  let alreadyRunning = false;
  try {
    await glue.send(new StartCrawlerCommand({ Name: crawlerName }));
  } catch (e) {
    if (!(e instanceof CrawlerRunningException)) {
      throw e;
    }
    alreadyRunning = true;
  }
  const data = newRun(crawlerName, new Date(), alreadyRunning);
  console.log({ message: alreadyRunning ? 'Crawl already running; waiting for it' : 'Crawl started', ...data });
  return { PhysicalResourceId: crawlerName, Data: data };
}
