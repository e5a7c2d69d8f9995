import { Size, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { SecureBucket } from '../../constructs/secure-bucket';
import type { NamedQuery } from './named-queries';

export interface LabWorkGroupProps {
  /** Workgroup name; Athena requires it to be unique in the account and Region. */
  readonly name: string;
  /** Where query results (and CTAS tables, see below) are written. */
  readonly resultsBucket: SecureBucket;
  /** The lab key: query results are encrypted with SSE-KMS and this key. */
  readonly encryptionKey: kms.IKey;
  /** The database the saved queries run in. */
  readonly databaseName: string;
  /** Saved queries to create in the workgroup. */
  readonly queries: readonly NamedQuery[];
  /**
   * Queries that would scan more than this are cancelled (Athena bills per byte scanned).
   * @default 1 GiB, about $0.005 at $5 per TB; Athena's minimum is 10 MB
   */
  readonly bytesScannedCutoffPerQuery?: Size;
}

/** Key prefix of query results in the results bucket. */
export const RESULTS_PREFIX = 'athena/';

/**
 * An Athena workgroup that enforces its settings on every query: engine version 3, results in the
 * lab's results bucket encrypted with the lab key, the bucket owner checked, a scan limit per query,
 * and CloudWatch metrics. Because the configuration is enforced, CTAS queries may not choose their
 * `external_location`: Athena writes the new table under `<results location>tables/<query id>/`.
 * Recursive delete lets `cdk destroy` remove the workgroup with its saved queries and history.
 */
export class LabWorkGroup extends Construct {
  readonly workGroup: athena.CfnWorkGroup;
  readonly namedQueries: readonly athena.CfnNamedQuery[];

  constructor(scope: Construct, id: string, props: LabWorkGroupProps) {
    super(scope, id);
    const cutoff = (props.bytesScannedCutoffPerQuery ?? Size.gibibytes(1)).toBytes();
    if (cutoff < 10 * 1024 * 1024) {
      throw new Error(`LabWorkGroup ${id}: bytesScannedCutoffPerQuery must be at least 10 MB, Athena's minimum.`);
    }
    this.workGroup = new athena.CfnWorkGroup(this, 'Resource', {
      name: props.name,
      description: 'ML Lab Kit data lake: enforced settings, encrypted results, per-query scan limit',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        bytesScannedCutoffPerQuery: cutoff,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        resultConfiguration: {
          outputLocation: props.resultsBucket.s3UrlForObject(RESULTS_PREFIX),
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.encryptionKey.keyArn },
          expectedBucketOwner: Stack.of(this).account,
        },
      },
    });
    this.namedQueries = props.queries.map(
      (query) =>
        new athena.CfnNamedQuery(this, pascalCase(query.name), {
          name: query.name,
          description: query.description,
          database: props.databaseName,
          queryString: query.sql,
          workGroup: this.workGroup.ref,
        }),
    );
  }

  get workGroupName(): string {
    return this.workGroup.ref;
  }
}

function pascalCase(snake: string): string {
  return snake.replace(/(^|_)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}
