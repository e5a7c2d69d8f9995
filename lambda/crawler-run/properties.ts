/**
 * The contract between the stack and the crawler-run custom resource: its properties (CloudFormation
 * passes every value as a string) and the data it returns. No aws-cdk-lib import, so the bundle stays small.
 */

export interface CrawlerRunProperties {
  /** The crawler to run once per deployment that creates or updates the custom resource. */
  readonly CrawlerName: string;
  /** How long the crawl may take before it is stopped and the deployment fails, in seconds. */
  readonly TimeoutSeconds: string;
  /** Not read by the handler: a new value (a new version of the crawled data) updates the resource and crawls again. */
  readonly SourceVersion?: string;
}

/** Returned by onEvent and passed to every isComplete call (the Provider framework merges it in). */
export interface CrawlerRunData {
  readonly CrawlerName: string;
  /** When onEvent asked Glue to start the crawl (ISO 8601). */
  readonly RequestedAt: string;
  /** A finished crawl that started before this time belongs to an earlier run and is ignored (ISO 8601). */
  readonly AcceptCrawlsFrom: string;
}
