/**
 * Output keys of the data-lake stack: written by the stack, read by labs/01-data-lake/verify.ts.
 * No aws-cdk-lib import, so lab scripts load it cheaply.
 */
export const DATA_LAKE_OUTPUTS = {
  rawBucket: 'RawBucketName',
  resultsBucket: 'ResultsBucketName',
  database: 'DatabaseName',
  workGroup: 'WorkGroupName',
  crawler: 'CrawlerName',
  athenaConsole: 'AthenaConsoleUrl',
  crawlerConsole: 'CrawlerConsoleUrl',
  databaseConsole: 'DatabaseConsoleUrl',
} as const;

/** Key prefix of the raw zone in the raw-data bucket: the sample data and the crawler's target. */
export const RAW_PREFIX = 'raw/';

/** The tables the crawler creates from the folders under raw/. */
export const CRAWLED_TABLES = ['hives', 'inspections'] as const;
