/**
 * The decisions of the crawler-run custom resource, as pure functions over what Glue reports, so they
 * are tested without mocks. The handlers (on-event.ts, is-complete.ts) only call Glue and apply them.
 */
import type { CrawlerRunData, CrawlerRunProperties } from './properties';

/** Glue and the Lambda clock can differ slightly: crawls that start this much before the request count. */
export const CLOCK_SKEW_MS = 60_000;

export interface RunSettings {
  readonly crawlerName: string;
  readonly timeoutMs: number;
}

/** Validates the custom resource's properties, with messages that say what the stack must pass. */
export function readSettings(properties: Partial<CrawlerRunProperties>): RunSettings {
  const crawlerName = properties.CrawlerName?.trim();
  const timeoutSeconds = Number(properties.TimeoutSeconds);
  const problems = [
    ...(crawlerName ? [] : ['CrawlerName is missing']),
    ...(Number.isInteger(timeoutSeconds) && timeoutSeconds > 0
      ? []
      : [`TimeoutSeconds must be a positive whole number, not ${JSON.stringify(properties.TimeoutSeconds)}`]),
  ];
  if (problems.length > 0 || !crawlerName) {
    throw new Error(`Invalid crawler-run properties: ${problems.join('; ')}.`);
  }
  return { crawlerName, timeoutMs: timeoutSeconds * 1000 };
}

/**
 * The data of a run that onEvent has just started. If a crawl was already running (someone started it
 * by hand), that crawl is the one to wait for, whenever it started.
 */
export function newRun(crawlerName: string, now: Date, alreadyRunning: boolean): CrawlerRunData {
  const acceptFrom = alreadyRunning ? new Date(0) : new Date(now.getTime() - CLOCK_SKEW_MS);
  return { CrawlerName: crawlerName, RequestedAt: now.toISOString(), AcceptCrawlsFrom: acceptFrom.toISOString() };
}

/** What GetCrawler says about the crawler; a subset of the SDK's Crawler shape. */
export interface CrawlerStatus {
  readonly State?: string;
  readonly LastCrawl?: {
    readonly Status?: string;
    readonly ErrorMessage?: string;
    readonly LogGroup?: string;
    readonly LogStream?: string;
    readonly StartTime?: Date;
  };
}

export type Progress =
  | { readonly kind: 'waiting'; readonly reason: string }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'timed-out'; readonly message: string };

/** Where the crawl started by `run` stands, given the crawler's status at `now`. */
export function evaluate(crawler: CrawlerStatus, run: CrawlerRunData, now: Date, timeoutMs: number): Progress {
  const last = crawler.LastCrawl;
  const finishedOurCrawl =
    crawler.State === 'READY' &&
    last?.StartTime !== undefined &&
    last.StartTime.getTime() >= Date.parse(run.AcceptCrawlsFrom);
  if (finishedOurCrawl && last.Status === 'SUCCEEDED') {
    return { kind: 'succeeded' };
  }
  if (finishedOurCrawl) {
    const logs = last.LogGroup ? ` Crawler logs: log group ${last.LogGroup}, stream ${last.LogStream ?? run.CrawlerName}.` : '';
    return {
      kind: 'failed',
      message: `Glue crawler ${run.CrawlerName} ended with status ${last.Status ?? 'unknown'}: ${last.ErrorMessage ?? 'no error message'}.${logs}`,
    };
  }
  const elapsedMs = now.getTime() - Date.parse(run.RequestedAt);
  if (elapsedMs > timeoutMs) {
    return {
      kind: 'timed-out',
      message:
        `Glue crawler ${run.CrawlerName} did not finish within ${Math.round(timeoutMs / 60_000)} minutes ` +
        `(state ${crawler.State ?? 'unknown'}); the crawl was stopped. Check the crawler's logs, then deploy again.`,
    };
  }
  return { kind: 'waiting', reason: `crawler state ${crawler.State ?? 'unknown'} after ${Math.round(elapsedMs / 1000)} s` };
}

/** On delete the crawler must be idle, or CloudFormation cannot delete it. */
export function isIdle(crawler: CrawlerStatus | undefined): boolean {
  return crawler === undefined || crawler.State === 'READY';
}
