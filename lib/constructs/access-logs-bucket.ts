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
 * What keeps them out is the bucket policy, not the order of deletion. CloudFormation deletes this
 * bucket's auto-delete resource before its bucket policy (the resource depends on the policy) and the
 * policy before the bucket. The auto-delete handler first adds a `Deny s3:PutObject` for every principal
 * to the bucket policy, then empties the bucket; then the policy is deleted, and with ACLs disabled
 * (bucket owner enforced) that policy was the log delivery's only permission, so nothing can land before
 * the bucket is deleted. (The emptying cannot wait for the data buckets instead: this bucket's policy
 * names each of them as a log source, so the policy is deleted before them.) The Deny is enough here only because
 * the policy is the writer's only permission: a writer with IAM permissions of its own could write again
 * once the policy is gone, which is why a SecureBucket is emptied only after its writers are deleted
 * (`SecureBucket.emptiedAfter`). test/behaviour/ checks both for every bucket of every lab.
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

}
