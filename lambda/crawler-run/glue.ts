import {
  CrawlerNotRunningException,
  CrawlerStoppingException,
  EntityNotFoundException,
  GetCrawlerCommand,
  type GlueClient,
  StopCrawlerCommand,
} from '@aws-sdk/client-glue';
import type { CrawlerStatus } from './crawl';

/** The crawler's status, or undefined when it no longer exists. */
export async function getCrawler(glue: GlueClient, name: string): Promise<CrawlerStatus | undefined> {
  try {
    const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: name }));
    return Crawler;
  } catch (e) {
    if (e instanceof EntityNotFoundException) {
      return undefined;
    }
    throw e;
  }
}

/** Stops the crawler if a crawl is running; does nothing if it is idle, stopping or gone. */
export async function stopCrawl(glue: GlueClient, name: string): Promise<void> {
  try {
    await glue.send(new StopCrawlerCommand({ Name: name }));
  } catch (e) {
    if (e instanceof CrawlerNotRunningException || e instanceof CrawlerStoppingException || e instanceof EntityNotFoundException) {
      return;
    }
    throw e;
  }
}
