import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';

export interface SageMakerSecurityGroupProps {
  readonly vpc: ec2.IVpc;
  /** The Region's S3 managed prefix list (see S3PrefixList): the only destination outside the group. */
  readonly s3PrefixListId: string;
  /** @default - training and hosting */
  readonly description?: string;
}

/**
 * The security group of SageMaker jobs' and endpoints' network interfaces in a private VPC: no ingress
 * except from itself; egress only to itself and to S3 (the managed prefix list) on 443. The self rules
 * are what distributed training and inter-container traffic encryption need: TCP between instances,
 * plus IPsec (IKE on UDP 500, ESP) — see https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html.
 */
export class SageMakerSecurityGroup extends ec2.SecurityGroup {
  constructor(scope: Construct, id: string, props: SageMakerSecurityGroupProps) {
    super(scope, id, {
      vpc: props.vpc,
      description: props.description ?? 'SageMaker training and hosting: self traffic and HTTPS to S3 only',
      allowAllOutbound: false,
    });
    const selfRules: [ec2.Port, string][] = [
      [ec2.Port.allTcp(), 'TCP between instances of a distributed training job'],
      [ec2.Port.udp(500), 'IKE for inter-container traffic encryption'],
      // Port.esp() would add a port range, which EC2 ignores for ESP and cfn-lint flags (W3687).
      [new ec2.Port({ protocol: ec2.Protocol.ESP, stringRepresentation: 'ESP' }), 'ESP for inter-container traffic encryption'],
    ];
    for (const [port, description] of selfRules) {
      this.addIngressRule(this, port, description);
      this.addEgressRule(this, port, description);
    }
    this.addEgressRule(ec2.Peer.prefixList(props.s3PrefixListId), ec2.Port.tcp(443), 'HTTPS to S3 through the gateway endpoint');
  }
}
