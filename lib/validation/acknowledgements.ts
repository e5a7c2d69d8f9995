/**
 * Every acknowledged validation finding of the kit, in one file, so a reviewer can read them all.
 *
 * Rules: acknowledge on the narrowest construct that produces the finding (never a stack or the app),
 * with a reason that explains why the finding does not apply or is the least-privilege form. cdk-nag
 * ids are written as reported (`AwsSolutions-IAM5[Resource::*]`); guard ids with the plugin namespace
 * (`cdk-validator-cfnguard::<rule>`).
 */
import { type IAspect, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const GUARD = 'cdk-validator-cfnguard::';

const NAG = 'AwsSolutions::';

/**
 * Both plugins' findings are acknowledged with the plugin namespace, so the CDK framework filters them
 * and lists each one with its reason under `suppressedViolations` in cdk.out/validation-report.json.
 */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  const namespaced = id.startsWith('AwsSolutions-') ? `${NAG}${id}` : id;
  Validations.of(scope).acknowledge({ id: namespaced, reason });
}

// ---------------------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------------------

/** LabFunction: active tracing adds `xray:PutTraceSegments`/`PutTelemetryRecords` on `*`. */
export function acknowledgeXRayWrites(role: IConstruct): void {
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions, so their resource is "*".',
  );
}

/** Every kit bucket: Object Lock (Control Tower CT.S3.PR.9) would make `cdk destroy` impossible. */
export function acknowledgeNoObjectLock(bucket: IConstruct): void {
  acknowledge(
    bucket,
    `${GUARD}s3_bucket_object_lock_enabled_check`,
    'Object Lock cannot be turned off and would stop cdk destroy from deleting lab data; the data is ' +
      'synthetic and reproducible, and versioning with a lifecycle gives recovery while the lab runs.',
  );
}

/** AccessLogsBucket: the S3 server-access-log target. */
export function acknowledgeAccessLogTarget(bucket: IConstruct): void {
  acknowledge(
    bucket,
    `${GUARD}s3_bucket_default_encryption_kms_check`,
    'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS.',
  );
  for (const id of ['AwsSolutions-S1', `${GUARD}s3_bucket_logging_enabled_check`]) {
    acknowledge(bucket, id, 'This is the access-log target bucket; logging it to itself would loop.');
  }
  acknowledge(
    bucket,
    `${GUARD}s3_event_notifications_enabled_check`,
    'Nothing consumes events of the access-log bucket; it only receives log deliveries.',
  );
}

/** A function that calls only regional AWS APIs and so has no reason to sit in a VPC. */
export function acknowledgeFunctionOutsideVpc(fn: IConstruct, whatItCalls: string): void {
  acknowledge(
    fn,
    `${GUARD}lambda_inside_vpc_check`,
    `The function only calls ${whatItCalls}; placing it in a VPC would need NAT or interface endpoints ` +
      'and would not reduce its exposure.',
  );
}

/**
 * CDK-internal singletons a stack may contain: the handlers behind `autoDeleteObjects` and
 * `restrictDefaultSecurityGroup`. They run only during deployment and their settings are not
 * configurable, so their findings are acknowledged on them (never on the stack, so that a lab's own
 * resources are still checked). LabStack applies this aspect to every lab.
 */
export class AcknowledgeCdkInternals implements IAspect {
  visit(node: IConstruct): void {
    const isStackLevel = node.node.scope instanceof Stack;
    if (isStackLevel && /^Custom::(S3AutoDeleteObjects|VpcRestrictDefaultSG)CustomResourceProvider$/.test(node.node.id)) {
      acknowledge(
        node,
        `${GUARD}lambda_inside_vpc_check`,
        'CDK-internal deployment-time handler (bucket emptying / default security group lockdown); ' +
          'it calls only S3 or EC2 APIs and its VPC placement is not configurable.',
      );
    }
  }
}
