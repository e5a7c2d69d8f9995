import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import type { Construct, IConstruct } from 'constructs';
import { EniCleanup } from './eni-cleanup';
import { bucketsOnlyEndpointStatement, PrivateVpc } from './private-vpc';
import { S3PrefixList } from './s3-prefix-list';
import { SageMakerJob } from './sagemaker-job';
import { SageMakerSecurityGroup } from './sagemaker-security-group';

export interface SageMakerNetworkProps {
  /** The lab key: flow logs and the helper functions' logs are encrypted with it. */
  readonly encryptionKey: kms.IKey;
  /** The only buckets reachable through the S3 gateway endpoint: the lab's own. */
  readonly buckets: readonly s3.IBucket[];
  /** The Sid of the endpoint's statement (`ThisLabsBucketOnly`), kept as each lab first deployed it. */
  readonly endpointStatementId: string;
  /** @default - training and hosting (SageMakerSecurityGroup's) */
  readonly securityGroupDescription?: string;
}

/** The VpcConfig SageMaker jobs and models run in: the isolated subnets and the SageMaker security group. */
export interface SageMakerVpcConfig {
  readonly subnets: string[];
  readonly securityGroupIds: string[];
}

/**
 * The private network every SageMaker lab runs its jobs, models and endpoints in: a PrivateVpc (isolated subnets
 * in two zones, flow logs, no internet) whose S3 gateway endpoint reaches only the lab's buckets
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html, "Use a Custom Endpoint Policy to Restrict
 * Access to S3"), the Region's S3 prefix list, the SageMaker security group, optional PrivateLink endpoints, and
 * the clean-up of the network interfaces SageMaker leaves behind, ordered after the last SageMaker resource.
 *
 * Not a construct of its own: it adds its parts to the stack under the ids labs 03 and 05 have always used
 * (`Vpc`, `S3PrefixList`, `SageMakerSecurityGroup`, `EniCleanup`), so a learner who updates a deployed lab keeps
 * the same VPC parts (their logical ids derive from these paths). The VPC spans the two Availability Zones that
 * LabStack's `availabilityZones` picks at deploy time.
 */
export class SageMakerNetwork {
  readonly vpc: PrivateVpc;
  readonly securityGroup: SageMakerSecurityGroup;
  readonly vpcConfig: SageMakerVpcConfig;
  private readonly stack: Stack;
  private readonly encryptionKey: kms.IKey;
  private cleanup?: EniCleanup;

  constructor(stack: Stack, props: SageMakerNetworkProps) {
    this.stack = stack;
    this.encryptionKey = props.encryptionKey;
    this.vpc = new PrivateVpc(stack, 'Vpc', {
      encryptionKey: props.encryptionKey,
      s3EndpointPolicy: [bucketsOnlyEndpointStatement(props.endpointStatementId, props.buckets)],
    });
    const s3 = new S3PrefixList(stack, 'S3PrefixList', { encryptionKey: props.encryptionKey });
    this.securityGroup = new SageMakerSecurityGroup(stack, 'SageMakerSecurityGroup', {
      vpc: this.vpc,
      s3PrefixListId: s3.prefixListId,
      description: props.securityGroupDescription,
    });
    this.vpcConfig = {
      subnets: this.vpc.isolatedSubnets.map((s) => s.subnetId),
      securityGroupIds: [this.securityGroup.securityGroupId],
    };
    stack.node.addValidation({ validate: () => this.unorderedSageMakerResources() });
  }

  /** PrivateLink endpoints for these AWS APIs, reachable from the SageMaker security group only. */
  addInterfaceEndpoints(services: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>>): void {
    for (const [id, service] of Object.entries(services)) {
      this.vpc.addPrivateApiEndpoint(id, service, this.securityGroup);
    }
  }

  /**
   * Adds the network-interface clean-up (EniCleanup) and orders it: CloudFormation deletes `sageMakerResources`
   * (every job, model and endpoint in the network; synth fails if one is missing) before it runs, and
   * `outlivers` (an endpoint's log group, so no late log line recreates it) only after.
   */
  cleanUpAfter(sageMakerResources: readonly Construct[], outlivers: readonly Construct[] = []): void {
    if (this.cleanup) {
      throw new Error('SageMakerNetwork.cleanUpAfter: call it once, with every SageMaker resource of the stack.');
    }
    this.cleanup = new EniCleanup(this.stack, 'EniCleanup', { vpc: this.vpc, securityGroup: this.securityGroup, encryptionKey: this.encryptionKey });
    this.cleanup.runsAfterDeletionOf(...sageMakerResources.map((r) => (r instanceof SageMakerJob ? r.customResource : r)));
    if (outlivers.length > 0) {
      this.cleanup.runsBeforeDeletionOf(...outlivers);
    }
  }

  /** The stack's SageMaker jobs, models and endpoints that `cdk destroy` could delete after the clean-up ran. */
  private unorderedSageMakerResources(): string[] {
    if (!this.cleanup) {
      return ['SageMakerNetwork: call cleanUpAfter() with every SageMaker job, model and endpoint of the stack, or destroy leaves their network interfaces behind.'];
    }
    const cleanup = this.cleanup.node.findChild('Resource');
    return this.stack.node
      .findAll()
      .filter((c): c is IConstruct => c instanceof SageMakerJob || c instanceof sagemaker.CfnModel || c instanceof sagemaker.CfnEndpoint)
      .map((c) => (c instanceof SageMakerJob ? c.customResource : c))
      .filter((c) => !c.node.dependencies.includes(cleanup))
      .map((c) => `SageMakerNetwork: ${c.node.path} runs in the lab network but is not passed to cleanUpAfter(), so destroy could delete the network before SageMaker releases its interfaces.`);
  }
}

/** Lab 03's PrivateLink endpoints (`-c interfaceEndpoints=true`): SageMaker API and runtime, STS, CloudWatch Logs. */
export const SAGEMAKER_INTERFACE_ENDPOINTS: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>> = {
  SageMakerApi: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_API,
  SageMakerRuntime: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME,
  Sts: ec2.InterfaceVpcEndpointAwsService.STS,
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
};
