import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { EniCleanupProperties } from '../../lambda/eni-cleanup/properties';
import { LabFunction } from './lab-function';
import { LabProvider } from './lab-provider';
import { acknowledgeEniCleanup, acknowledgeFunctionOutsideVpc } from '../validation/acknowledgements';

export interface EniCleanupProps {
  readonly vpc: ec2.IVpc;
  /** The security group SageMaker puts on the network interfaces it creates in the VPC. */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly encryptionKey: kms.IKey;
}

/**
 * Makes `cdk destroy` finish in one run. SageMaker deletes the network interfaces of an endpoint or a
 * training job asynchronously, after CloudFormation considers the endpoint deleted; until they are
 * gone, the security group and the subnets cannot be deleted (a known CloudFormation problem).
 *
 * This resource depends on the VPC and the security group, and the SageMaker resources depend on it
 * (`runsAfterDeletionOf`), so CloudFormation deletes it after them and before the network: its
 * delete handler removes the interfaces SageMaker left behind and waits for those still attached.
 */
export class EniCleanup extends Construct {
  private readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: EniCleanupProps) {
    super(scope, id);
    const { encryptionKey } = props;
    const onEvent = new LabFunction(this, 'OnEvent', {
      entry: 'lambda/eni-cleanup/on-event.ts',
      description: 'ENI cleanup: records the security group whose network interfaces are removed on delete',
      encryptionKey,
    });
    const isComplete = new LabFunction(this, 'IsComplete', {
      entry: 'lambda/eni-cleanup/is-complete.ts',
      description: 'ENI cleanup: on delete, removes the network interfaces SageMaker left in the lab VPC',
      encryptionKey,
    });
    const { partition, region, account } = Stack.of(this);
    // Describe calls have no resource-level permissions; deletion is limited to interfaces in the lab VPC.
    isComplete.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeNetworkInterfaces'], resources: ['*'] }));
    isComplete.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ec2:DeleteNetworkInterface'],
        resources: [`arn:${partition}:ec2:${region}:${account}:network-interface/*`],
        conditions: { ArnEquals: { 'ec2:Vpc': `arn:${partition}:ec2:${region}:${account}:vpc/${props.vpc.vpcId}` } },
      }),
    );
    acknowledgeFunctionOutsideVpc(onEvent, 'nothing (it only returns the resource id)');
    acknowledgeFunctionOutsideVpc(isComplete, 'the EC2 API');
    acknowledgeEniCleanup(isComplete.role!);

    const provider = new LabProvider(this, 'Provider', {
      onEvent,
      isComplete,
      encryptionKey,
      queryInterval: Duration.seconds(30),
      // SageMaker usually releases an endpoint's interfaces within minutes; allow for slow days.
      totalTimeout: Duration.minutes(45),
    });
    const properties: EniCleanupProperties = {
      SecurityGroupId: props.securityGroup.securityGroupId,
      VpcId: props.vpc.vpcId,
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::SageMakerEniCleanup',
      properties,
    });
    this.resource.node.addDependency(props.vpc, props.securityGroup);
  }

  /**
   * Orders `dependencies` so that CloudFormation deletes them only after this cleanup, that is after
   * SageMaker has released its instances (e.g. the endpoint's log group, so no late log recreates it).
   */
  runsBeforeDeletionOf(...dependencies: Construct[]): void {
    this.resource.node.addDependency(...dependencies);
  }

  /** Orders `dependents` so that CloudFormation deletes them before this cleanup runs. */
  runsAfterDeletionOf(...dependents: Construct[]): void {
    for (const dependent of dependents) {
      dependent.node.addDependency(this.resource);
    }
  }
}
