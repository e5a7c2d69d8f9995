import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledgeAccessLogTarget, acknowledgeNoObjectLock } from '../validation/acknowledgements';

/**
 * The lab's target for S3 server access logs.
 *
 * S3 cannot deliver server access logs to a bucket encrypted with a KMS key, so this one uses SSE-S3.
 * It logs nowhere itself (a log target that logs to itself loops).
 *
 * Clean destroy: access logs arrive minutes to hours late, so a log can land after the bucket was emptied.
 * Two things make `cdk destroy` finish in one run anyway:
 * - every SecureBucket that logs here makes this bucket's auto-delete resource depend on it, so
 *   CloudFormation deletes the data buckets before it empties this one;
 * - the auto-delete handler first adds a `Deny s3:PutObject` for every principal to the bucket policy,
 *   then empties the bucket; the policy is deleted next, and with ACLs disabled (bucket owner enforced)
 *   the logging service has no other way to write, so nothing can land before the bucket is deleted.
 * The Deny is enough here only because the bucket policy is the log delivery's only permission: a writer
 * with IAM permissions of its own could write again once the policy is gone, which is why a SecureBucket
 * is emptied only after its writers are deleted (`SecureBucket.emptiedAfter`). test/behaviour/ checks
 * this order for every bucket of every lab.
 */
export class AccessLogsBucket extends s3.Bucket {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    acknowledgeAccessLogTarget(this);
    acknowledgeNoObjectLock(this);
  }

  /** The auto-delete custom resource that empties this bucket when the stack is destroyed. */
  get autoDeleteResource() {
    return this.node.findChild('AutoDeleteObjectsCustomResource');
  }
}
