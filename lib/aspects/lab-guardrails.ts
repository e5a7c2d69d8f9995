import { Annotations, CfnDeletionPolicy, CfnResource, type IAspect, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/** Warning ids, so tests can look for them and a reviewer can grep for them. */
export const GUARDRAIL_WARNINGS = {
  retained: 'LabKit:RetainedOnDestroy',
  bucketNotEmptied: 'LabKit:BucketNotEmptiedOnDestroy',
  keyWindow: 'LabKit:KeyDeletionWindow',
  logRetention: 'LabKit:LogGroupWithoutRetention',
} as const;

const RETAINING = new Set<CfnDeletionPolicy | undefined>([
  CfnDeletionPolicy.RETAIN,
  CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE,
  CfnDeletionPolicy.SNAPSHOT,
]);

/**
 * Checks, for every resource of a lab, the promise the kit makes to learners: `cdk destroy` removes
 * everything. The building blocks (SecureBucket, LabKey, LabLogGroup, LabFunction) already do the
 * right thing; this catches a resource that bypasses them, with a warning that says what to use.
 * Warnings fail `cdk synth --strict` and the lab tests.
 */
export class LabGuardrails implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource)) {
      return;
    }
    const warn = (id: string, message: string) => Annotations.of(node).addWarningV2(id, message);
    const { deletionPolicy, updateReplacePolicy } = node.cfnOptions;
    if (RETAINING.has(deletionPolicy) || RETAINING.has(updateReplacePolicy)) {
      warn(
        GUARDRAIL_WARNINGS.retained,
        `${node.cfnResourceType} would be retained by cdk destroy: use RemovalPolicy.DESTROY (or the kit's construct for it).`,
      );
    }
    if (node instanceof s3.CfnBucket && !isAutoDeleted(node)) {
      warn(
        GUARDRAIL_WARNINGS.bucketNotEmptied,
        'This bucket is not emptied on destroy, so deleting it would fail: use SecureBucket or AccessLogsBucket.',
      );
    }
    if (node instanceof kms.CfnKey && Stack.of(node).resolve(node.pendingWindowInDays) !== 7) {
      warn(GUARDRAIL_WARNINGS.keyWindow, 'KMS keys of a lab are deleted after 7 days: use LabKey.');
    }
    if (node instanceof logs.CfnLogGroup && node.retentionInDays === undefined) {
      warn(GUARDRAIL_WARNINGS.logRetention, 'This log group keeps events forever: use LabLogGroup.');
    }
  }
}

function isAutoDeleted(bucket: s3.CfnBucket): boolean {
  const tags = (bucket.tags.renderTags() ?? []) as { key: string; value: string }[];
  return tags.some((t) => t.key === 'aws-cdk:auto-delete-objects' && t.value === 'true');
}
