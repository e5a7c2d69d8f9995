import { Fn } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type { Construct } from 'constructs';
import { SampleData } from '../../constructs/sample-data';
import { SecureBucket } from '../../constructs/secure-bucket';
import { CrawlerRun } from './crawler-run';
import { LakeCrawler } from './lake-crawler';
import { LabWorkGroup } from './lab-workgroup';
import { labQueries } from './named-queries';
import { DATA_LAKE_OUTPUTS, RAW_PREFIX } from './outputs';
import { LabStack, type LabStackProps } from '../lab-stack';


/**
 * Lab 01: an S3 data lake. Sample data (CSV and JSON lines, partitioned by year) lands in the raw zone
 * of a bucket; a Glue crawler, run once during deploy, infers its tables into a Glue database; an Athena
 * workgroup with enforced, encrypted settings and saved queries from labs/01-data-lake/queries.sql
 * queries them. Everything, including what Glue and Athena create at run time, goes with `cdk destroy`.
 */
export class DataLakeStack extends LabStack {
  readonly rawBucket: SecureBucket;
  readonly resultsBucket: SecureBucket;
  readonly database: glue.CfnDatabase;
  readonly crawler: LakeCrawler;
  readonly workGroup: LabWorkGroup;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const buckets = { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket };
    this.rawBucket = new SecureBucket(this, 'RawData', buckets);
    // Query results and CTAS tables. The tables live as long as the lab, so results do not expire.
    this.resultsBucket = new SecureBucket(this, 'AthenaResults', buckets);

    const sampleData = new SampleData(this, 'SampleData', {
      source: 'labs/01-data-lake/data',
      destinationBucket: this.rawBucket,
      destinationKeyPrefix: RAW_PREFIX,
    });

    // Deleting a Glue database removes its tables, table versions and partitions too (Glue DeleteDatabase
    // API reference; Glue purges them asynchronously): the crawler's tables and the CTAS table go with it.
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: this.account,
      databaseInput: {
        name: this.uniqueName('beehives', { style: 'snake', maxLength: 255 }),
        description: `Tables of ${this.stackName}: crawled from the raw zone, and created by Athena CTAS`,
      },
    });

    this.crawler = new LakeCrawler(this, 'Crawler', {
      bucket: this.rawBucket,
      prefix: RAW_PREFIX,
      database: this.database,
      securityConfigurationName: this.uniqueName('crawler-security', { style: 'kebab', maxLength: 255 }),
      encryptionKey: this.key,
    });
    // Crawl once the sample data is uploaded, and again on the deployment that uploads a new version.
    const crawl = new CrawlerRun(this, 'CrawlerRun', {
      crawler: this.crawler,
      encryptionKey: this.key,
      sourceVersion: Fn.join(',', sampleData.deployment.objectKeys),
    });
    crawl.resource.node.addDependency(sampleData);

    this.workGroup = new LabWorkGroup(this, 'WorkGroup', {
      name: this.uniqueName('workgroup', { style: 'kebab', maxLength: 128 }),
      resultsBucket: this.resultsBucket,
      encryptionKey: this.key,
      databaseName: this.database.ref,
      queries: labQueries(),
    });
    // Athena writes the results of queries started in the workgroup; delete the workgroup (recursively,
    // with its queries) before the results bucket is emptied, so no late result blocks the bucket's deletion.
    this.resultsBucket.emptiedAfter(this.workGroup);

    // Read by verify.ts and the guide.
    const consoleUrl = `https://${this.region}.console.aws.amazon.com`;
    const crawlerName = this.crawler.crawlerName;
    this.addOutputs(DATA_LAKE_OUTPUTS, {
      rawBucket: { value: this.rawBucket.bucketName, description: `Raw-data bucket; sample data under ${RAW_PREFIX}` },
      resultsBucket: { value: this.resultsBucket.bucketName, description: 'Athena query results and CTAS tables' },
      database: { value: this.database.ref, description: 'Glue database with the crawled tables' },
      workGroup: { value: this.workGroup.workGroupName, description: 'Athena workgroup to run the lab queries in' },
      crawler: { value: crawlerName, description: 'Glue crawler over the raw zone' },
      athenaConsole: {
        value: `${consoleUrl}/athena/home?region=${this.region}#/query-editor`,
        description: 'Athena query editor (choose the lab workgroup at the top right)',
      },
      crawlerConsole: {
        value: `${consoleUrl}/glue/home?region=${this.region}#/v2/data-catalog/crawlers/view/${crawlerName}`,
        description: 'The crawler and its runs in the Glue console',
      },
      databaseConsole: {
        value: `${consoleUrl}/glue/home?region=${this.region}#/v2/data-catalog/databases/view/${this.database.ref}`,
        description: 'The database and its tables in the Glue console',
      },
    });
  }
}
