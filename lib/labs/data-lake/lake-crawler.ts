import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LabLogGroup } from '../../constructs/lab-log-group';
import type { SecureBucket } from '../../constructs/secure-bucket';
import { acknowledgeCrawlerRole } from '../../validation/acknowledgements';

export interface LakeCrawlerProps {
  /** The bucket the crawler reads. */
  readonly bucket: SecureBucket;
  /** The key prefix it crawls (and may read), ending with "/". */
  readonly prefix: string;
  /** The Glue database the crawler writes its tables to. */
  readonly database: glue.CfnDatabase;
  /** Name of the Glue security configuration; Glue requires one that is unique in the account. */
  readonly securityConfigurationName: string;
  /** The lab key: the bucket's objects, the crawler's logs and Glue's S3 and bookmark data use it. */
  readonly encryptionKey: kms.IKey;
}

/**
 * A Glue crawler over one S3 prefix, with no schedule (the lab runs it once at deploy, see CrawlerRun):
 * - a security configuration that encrypts its CloudWatch logs, S3 data and job bookmarks with the lab key;
 * - a role that can list and read only that prefix, decrypt with the lab key, change only the tables of
 *   one database, and write only its own log group (no AWSGlueServiceRole managed policy);
 * - that log group, created here so that `cdk destroy` deletes it (see `logGroup`).
 *
 * Glue has no stable L2 construct in aws-cdk-lib, so this uses the L1 resources.
 */
export class LakeCrawler extends Construct {
  readonly crawler: glue.CfnCrawler;
  readonly role: iam.Role;
  readonly securityConfiguration: glue.CfnSecurityConfiguration;
  /**
   * The crawler's log group. With a security configuration that encrypts CloudWatch logs, Glue writes a
   * crawler's logs to `/aws-glue/crawlers-role<role path><role name>-<security configuration name>`
   * (the role path is `/` here),
   * and creates that group at the first crawl if it does not exist: encrypted, but kept forever and
   * outside the stack, so `cdk destroy` would leave it behind. Creating it here, under the same name,
   * gives it a retention period and makes it part of the stack, so destroy deletes it. The crawler and
   * the crawler-run resource depend on it, so it is deleted only after the last crawl.
   */
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LakeCrawlerProps) {
    super(scope, id);
    if (!props.prefix.endsWith('/') || props.prefix.startsWith('/')) {
      throw new Error(`LakeCrawler ${id}: prefix "${props.prefix}" must be a key prefix such as "raw/".`);
    }
    const stack = Stack.of(this);
    const keyArn = props.encryptionKey.keyArn;

    this.securityConfiguration = new glue.CfnSecurityConfiguration(this, 'SecurityConfiguration', {
      name: props.securityConfigurationName,
      encryptionConfiguration: {
        cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: keyArn },
        s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: keyArn }],
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: keyArn },
      },
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: `Glue crawler of ${stack.stackName}: reads s3://<raw bucket>/${props.prefix}, writes one database`,
    });

    this.logGroup = new LabLogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      logGroupName: `/aws-glue/crawlers-role/${this.role.roleName}-${this.securityConfiguration.ref}`,
    });

    const databaseName = props.database.ref;
    const glueArn = (resource: string, resourceName?: string) =>
      stack.formatArn({ service: 'glue', resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const tablesArn = glueArn('table', `${databaseName}/*`);
    const crawledObjectsArn = props.bucket.arnForObjects(`${props.prefix}*`);
    const statements = [
      new iam.PolicyStatement({
        sid: 'ListTheCrawledPrefixOnly',
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${props.prefix}*`] } },
      }),
      new iam.PolicyStatement({
        sid: 'ReadTheCrawledPrefixOnly',
        actions: ['s3:GetObject'],
        resources: [crawledObjectsArn],
      }),
      // Decrypt: the objects are SSE-KMS. Encrypt, GenerateDataKey, DescribeKey: Glue checks that the
      // crawler's role can use the security configuration's key for its CloudWatch logs.
      new iam.PolicyStatement({
        sid: 'UseTheLabKey',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [keyArn],
      }),
      // Table and partition actions are authorized on the catalog, the database and the table. Tables
      // are named after the crawled folders at run time, hence `table/<database>/*`. No delete actions:
      // the crawler only logs removed folders (SchemaChangePolicy.DeleteBehavior LOG).
      new iam.PolicyStatement({
        sid: 'WriteThisDatabasesTablesOnly',
        actions: [
          'glue:GetDatabase',
          'glue:GetTable',
          'glue:GetTables',
          'glue:CreateTable',
          'glue:UpdateTable',
          'glue:GetPartition',
          'glue:GetPartitions',
          'glue:BatchGetPartition',
          'glue:CreatePartition',
          'glue:BatchCreatePartition',
          'glue:UpdatePartition',
          'glue:BatchUpdatePartition',
        ],
        resources: [glueArn('catalog'), glueArn('database', databaseName), tablesArn],
      }),
      // Glue (re)associates the security configuration's key with the group before each crawl, and calls
      // CreateLogGroup, which finds the group that this stack created. CloudWatch Logs authorizes both
      // against the group's ARN ending in `:*` (only the tagging actions use the ARN without it), so the
      // ARN without `:*` would fail the crawl, and the deployment with it:
      // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html
      new iam.PolicyStatement({
        sid: 'EncryptItsOwnLogGroup',
        actions: ['logs:CreateLogGroup', 'logs:AssociateKmsKey'],
        resources: [this.logGroup.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'WriteItsOwnLogStreams',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    ];
    statements.forEach((statement) => this.role.addToPolicy(statement));

    this.crawler = new glue.CfnCrawler(this, 'Resource', {
      description: `Infers the tables under ${props.prefix} (one per folder, partitions from key=value folders)`,
      role: this.role.roleArn,
      databaseName,
      crawlerSecurityConfiguration: this.securityConfiguration.ref,
      targets: { s3Targets: [{ path: props.bucket.s3UrlForObject(props.prefix) }] },
      schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE', deleteBehavior: 'LOG' },
      recrawlPolicy: { recrawlBehavior: 'CRAWL_EVERYTHING' },
      configuration: JSON.stringify({
        Version: 1.0,
        // One table per folder directly under the prefix (level 1 is the top folder: raw/ is 1,
        // raw/hives/ is 2), so the CSV and JSON folders never merge into one table.
        Grouping: { TableLevelConfiguration: props.prefix.split('/').length },
        CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
      }),
    });
    // Delete the crawler (after its last crawl) before its log group and its permissions.
    this.crawler.node.addDependency(this.logGroup, this.role);
    acknowledgeCrawlerRole(this.role, { tables: tablesArn, objects: crawledObjectsArn });
  }

  /** The crawler's name (generated by CloudFormation). */
  get crawlerName(): string {
    return this.crawler.ref;
  }

  /** The crawler's ARN, for permissions to start and watch it. */
  get crawlerArn(): string {
    return Stack.of(this).formatArn({
      service: 'glue',
      resource: 'crawler',
      resourceName: this.crawler.ref,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
