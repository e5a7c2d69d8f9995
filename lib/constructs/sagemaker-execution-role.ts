import { Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { XGBoostImage } from './xgboost-image';

/** A log group SageMaker shares between all jobs of an account and Region, and this lab's streams in it. */
export interface SharedSageMakerLogs {
  /** e.g. /aws/sagemaker/TrainingJobs. */
  readonly logGroupName: string;
  /** Streams are limited to `<prefix>-*`: the lab's job-name prefix. */
  readonly streamPrefix: string;
}

export interface SageMakerExecutionRoleProps {
  readonly description: string;
  /** EBS encrypts the job and hosting volumes with this key through a grant. */
  readonly encryptionKey: kms.IKey;
  /** Network interfaces may be created and deleted only in this VPC. */
  readonly vpc: ec2.IVpc;
  /** The algorithm image the role pulls. */
  readonly image: XGBoostImage;
  /** Shared groups SageMaker writes the jobs' logs to. */
  readonly sharedLogs: readonly SharedSageMakerLogs[];
  /** Groups the lab creates for SageMaker (an endpoint's). @default none */
  readonly ownLogGroups?: readonly logs.ILogGroup[];
}

/**
 * The role SageMaker assumes for a lab's jobs, models and endpoints: the lab key (grants for EBS), the
 * algorithm image, network interfaces in the lab VPC, logs and metrics. No AWS managed policies; the
 * lab adds its bucket grants.
 */
export class SageMakerExecutionRole extends iam.Role {
  constructor(scope: Construct, id: string, props: SageMakerExecutionRoleProps) {
    super(scope, id, { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), description: props.description });
    const { partition, region, account } = Stack.of(this);
    const key = props.encryptionKey;
    this.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:CreateGrant'],
        resources: [key.keyArn],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
    key.grant(this, 'kms:DescribeKey');
    this.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resources: [`arn:${partition}:ecr:${region}:${props.image.registryAccount}:repository/${props.image.repository}`],
      }),
    );
    // Network interfaces in the lab VPC. Describe calls and ENI creation cannot be scoped by resource ARN
    // up front (SageMaker chooses the subnet); the VPC condition keeps the changes inside the lab VPC.
    this.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
          'ecr:GetAuthorizationToken',
        ],
        resources: ['*'],
      }),
    );
    this.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
        ],
        resources: ['*'],
        conditions: { ArnEqualsIfExists: { 'ec2:Vpc': `arn:${partition}:ec2:${region}:${account}:vpc/${props.vpc.vpcId}` } },
      }),
    );
    // Shared groups (streams named after the job) are limited to the lab's streams; own groups whole.
    const groupArn = (name: string) => `arn:${partition}:logs:${region}:${account}:log-group:${name}`;
    const shared = props.sharedLogs;
    const own = (props.ownLogGroups ?? []).map((g) => g.logGroupArn);
    this.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
        resources: [...shared.map((l) => `${groupArn(l.logGroupName)}:*`), ...own],
      }),
    );
    this.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [...shared.map((l) => `${groupArn(l.logGroupName)}:log-stream:${l.streamPrefix}-*`), ...own],
      }),
    );
    this.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
      }),
    );
  }
}
