import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { LabLogGroup } from './lab-log-group';

/**
 * An S3 gateway endpoint statement that reaches only `buckets`, for principals of this account: what a
 * SageMaker lab needs when its containers run with network isolation and SageMaker pulls the built-in image
 * itself, outside the VPC. Everything else through the endpoint is implicitly denied. See "Use a Custom
 * Endpoint Policy to Restrict Access to S3" in https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html.
 */
export function bucketsOnlyEndpointStatement(sid: string, buckets: readonly s3.IBucket[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListBucket', 's3:GetBucketLocation'],
    resources: buckets.flatMap((bucket) => [bucket.bucketArn, bucket.arnForObjects('*')]),
    conditions: { StringEquals: { 'aws:PrincipalAccount': Stack.of(buckets[0]).account } },
  });
}

export interface PrivateVpcProps {
  /** The lab key; the flow-log group is encrypted with it. */
  readonly encryptionKey: kms.IKey;
  /**
   * The S3 gateway endpoint's policy: what may be reached in S3 from inside the VPC. Required and
   * non-empty, because an endpoint without a policy allows every bucket in every account.
   */
  readonly s3EndpointPolicy: readonly iam.PolicyStatement[];
  /**
   * The VPC's address range; each of the two isolated subnets gets a quarter of it.
   * @default '10.30.0.0/24'
   */
  readonly cidr?: string;
}

/**
 * A VPC with no way to the internet: isolated subnets in two Availability Zones, no internet gateway and no
 * NAT gateway. SageMaker accepts a single subnet (VpcConfig.Subnets: 1 to 16,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html); two are for availability: an
 * instance type is not offered in every Availability Zone (the same page points to "Supported Instance Types
 * and Availability Zones"), so a second zone gives SageMaker somewhere to place the job or endpoint, and an
 * endpoint with more than one instance can spread across zones. S3 is reached through a gateway
 * endpoint (free) whose policy the lab passes in; VPC flow logs record all traffic in an encrypted log
 * group that `cdk destroy` deletes; the default security group allows nothing.
 */
export class PrivateVpc extends ec2.Vpc {
  readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  readonly flowLogGroup: LabLogGroup;

  constructor(scope: Construct, id: string, props: PrivateVpcProps) {
    if (props.s3EndpointPolicy.length === 0) {
      throw new Error(
        `PrivateVpc ${id}: s3EndpointPolicy is empty, which would leave the S3 endpoint's default ` +
          'full-access policy; pass statements that allow only the buckets the VPC needs.',
      );
    }
    super(scope, id, {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.30.0.0/24'),
      maxAzs: 2,
      natGateways: 0,
      createInternetGateway: false,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 }],
      restrictDefaultSecurityGroup: true,
    });
    this.flowLogGroup = new LabLogGroup(this, 'FlowLogs', { encryptionKey: props.encryptionKey });
    this.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    this.s3Endpoint = this.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    for (const statement of props.s3EndpointPolicy) {
      this.s3Endpoint.addToPolicy(statement);
    }
  }

  /**
   * An interface endpoint (AWS PrivateLink) for an AWS API, with private DNS and its own security
   * group that accepts HTTPS only from `clients` and sends nothing. Costs about $0.01 per hour per
   * Availability Zone, plus data processed.
   */
  addPrivateApiEndpoint(
    id: string,
    service: ec2.InterfaceVpcEndpointAwsService,
    clients: ec2.ISecurityGroup,
  ): ec2.InterfaceVpcEndpoint {
    const securityGroup = new ec2.SecurityGroup(this, `${id}EndpointSecurityGroup`, {
      vpc: this,
      description: `${id} interface endpoint: HTTPS from the lab workloads only`,
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(clients, ec2.Port.tcp(443), `HTTPS from ${clients.node.id}`);
    clients.addEgressRule(securityGroup, ec2.Port.tcp(443), `HTTPS to the ${id} endpoint`);
    return this.addInterfaceEndpoint(id, {
      service,
      privateDnsEnabled: true,
      securityGroups: [securityGroup],
      open: false,
    });
  }
}
