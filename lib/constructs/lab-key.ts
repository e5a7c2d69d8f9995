import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface LabKeyProps {
  /** What the key protects, shown in the KMS console. */
  readonly description: string;
}

/**
 * The customer-managed KMS key of one lab: rotation on, scheduled for deletion after the shortest
 * window KMS allows (7 days) when the stack is destroyed, and usable by CloudWatch Logs only for this
 * account's log groups in this Region. Grants can be created only for AWS services.
 */
export class LabKey extends kms.Key {
  constructor(scope: Construct, id: string, props: LabKeyProps) {
    super(scope, id, {
      description: props.description,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const { region, account, partition } = Stack.of(this);
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` },
        },
      }),
    );
    // Control Tower CT.KMS.PR.3: only AWS services (EBS for SageMaker volumes, Firehose, ...) may create
    // grants on the key, not principals in the account directly.
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyGrantsExceptForAwsServices',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
  }
}
