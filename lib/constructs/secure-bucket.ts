import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct, IConstruct } from 'constructs';
import { acknowledgeNoObjectLock } from '../validation/acknowledgements';
import type { AccessLogsBucket } from './access-logs-bucket';

/** Bucket settings a lab may choose. Everything that makes the bucket secure or removable is fixed. */
export type SecureBucketProps = Omit<
  s3.BucketProps,
  | 'accessControl'
  | 'autoDeleteObjects'
  | 'blockPublicAccess'
  | 'bucketKeyEnabled'
  | 'bucketName'
  | 'encryption'
  | 'encryptionKey'
  | 'enforceSSL'
  | 'eventBridgeEnabled'
  | 'minimumTLSVersion'
  | 'objectLockDefaultRetention'
  | 'objectLockEnabled'
  | 'objectOwnership'
  | 'publicReadAccess'
  | 'removalPolicy'
  | 'serverAccessLogsBucket'
  | 'versioned'
  | 'websiteErrorDocument'
  | 'websiteIndexDocument'
  | 'websiteRedirect'
  | 'websiteRoutingRules'
> & {
  /** The lab key; objects are encrypted with SSE-KMS and an S3 Bucket Key (fewer KMS requests). */
  readonly encryptionKey: kms.IKey;
  /** The lab's access-log bucket, which receives this bucket's server access logs. */
  readonly accessLogsBucket: AccessLogsBucket;
  /**
   * Key prefix of this bucket's logs in the access-log bucket.
   * @default - the construct id followed by a slash
   */
  readonly serverAccessLogsPrefix?: string;
};

/**
 * An S3 bucket that cannot be made insecure or left behind: SSE-KMS with the lab key, all public access
 * blocked, TLS 1.2+ only, ACLs disabled, versioning with a lifecycle that expires old versions, server
 * access logs, EventBridge notifications on, and emptied and deleted by `cdk destroy`.
 */
export class SecureBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    const { encryptionKey, accessLogsBucket, serverAccessLogsPrefix, lifecycleRules, ...rest } = props;
    super(scope, id, {
      ...rest,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'ExpireOldVersionsAndUploads',
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        ...(lifecycleRules ?? []),
      ],
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: serverAccessLogsPrefix ?? `${id}/`,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    // Set on the L1 rather than with `eventBridgeEnabled`, which adds a notifications custom resource
    // (an extra Lambda function) for what CloudFormation supports natively.
    const cfnBucket = this.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    acknowledgeNoObjectLock(this);
  }

  /**
   * Makes `cdk destroy` empty this bucket only after `writers` (a delivery stream, an endpoint with data
   * capture, a state machine, an Athena workgroup) and the roles whose policies let them write are deleted.
   * CloudFormation deletes a resource before the resources it depends on, so each writer depends on the
   * resource that empties the bucket (it is created after it, and deleted before it).
   *
   * Without it, a writer deleted at the same time or later can put an object after the bucket was emptied,
   * and deleting the bucket fails with BucketNotEmpty. The emptying handler's `Deny s3:PutObject` does not
   * prevent that: it lives in the bucket policy, which CloudFormation deletes right after the emptying,
   * and a role's own policy is enough to write in its account.
   */
  emptiedAfter(...writers: IConstruct[]): void {
    const emptying = this.node.findChild('AutoDeleteObjectsCustomResource');
    for (const writer of writers) {
      writer.node.addDependency(emptying);
    }
  }
}
