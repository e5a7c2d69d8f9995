/**
 * isComplete of the crawler-run custom resource: polled by the Provider framework until the crawl
 * started by on-event.ts has finished. A failed crawl fails the deployment with Glue's error message; a
 * crawl that takes longer than TimeoutSeconds is stopped and fails it too.
 */
import { GlueClient } from '@aws-sdk/client-glue';
import type { CdkCustomResourceIsCompleteEvent, CdkCustomResourceIsCompleteResponse } from 'aws-lambda';
import { evaluate, isIdle, readSettings } from './crawl';
import { getCrawler, stopCrawl } from './glue';
import type { CrawlerRunData, CrawlerRunProperties } from './properties';

const glue = new GlueClient({});

export async function handler(
  event: CdkCustomResourceIsCompleteEvent<CrawlerRunProperties, CrawlerRunData>,
): Promise<CdkCustomResourceIsCompleteResponse<CrawlerRunData>> {
  if (event.RequestType === 'Delete') {
    const crawlerName = event.ResourceProperties.CrawlerName;
    return { IsComplete: !crawlerName || isIdle(await getCrawler(glue, crawlerName)) };
  }
  const { crawlerName, timeoutMs } = readSettings(event.ResourceProperties);
  const crawler = await getCrawler(glue, crawlerName);
  if (!crawler) {
    throw new Error(`Glue crawler ${crawlerName} does not exist.`);
  }
  if (!event.Data) {
    throw new Error('isComplete was called without the data onEvent returns; is the Provider framework wired up?');
  }
  const progress = evaluate(crawler, event.Data, new Date(), timeoutMs);
  switch (progress.kind) {
    case 'waiting':
      console.log({ message: 'Crawl in progress', crawlerName, reason: progress.reason });
      return { IsComplete: false };
    case 'succeeded':
      console.log({ message: 'Crawl succeeded', crawlerName });
      return { IsComplete: true, Data: event.Data };
    case 'timed-out':
      await stopCrawl(glue, crawlerName);
      throw new Error(progress.message);
    case 'failed':
      throw new Error(progress.message);
  }
}
