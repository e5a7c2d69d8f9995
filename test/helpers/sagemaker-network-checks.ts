/**
 * The security controls every lab with a SageMakerNetwork has (lib/constructs/sagemaker-network.ts), written once
 * and run by each such lab's test under the names its guide's security table gives them:
 * `test('the VPC has no internet gateway and no NAT gateway', network.isolated)`.
 */
import { Match } from 'aws-cdk-lib/assertions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { PrivateVpc } from '../../lib/constructs/private-vpc';
import type { LabStack } from '../../lib/labs/lab-stack';
import { logicalId, type PolicyStatement, resourcesOfType, roleStatements, type SynthesizedLab } from './synth';

export interface NetworkedStack extends LabStack {
  readonly vpc: PrivateVpc;
  readonly securityGroup: ec2.ISecurityGroup;
}

const actionsOf = (s: PolicyStatement): string[] => [s.Action].flat();
const statementsIn = (policy: { Properties?: Record<string, unknown> }) => (policy.Properties!.PolicyDocument as { Statement: PolicyStatement[] }).Statement;
const dependsOn = (r: Record<string, unknown>) => [r.DependsOn ?? []].flat() as string[];

/** A resource ARN of an S3 endpoint policy as a string, with bucket ARNs as `arn:aws:s3:::<logical id>`. */
function render(resource: unknown): string {
  if (typeof resource === 'string') {
    return resource;
  }
  const value = resource as { 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (value['Fn::GetAtt']) {
    return `arn:aws:s3:::${value['Fn::GetAtt'][0]}`;
  }
  if (value['Fn::Join']) {
    return value['Fn::Join'][1].map(render).join(value['Fn::Join'][0]);
  }
  throw new Error(`Unexpected resource ${JSON.stringify(resource)}`);
}

const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&')).join('.*')}$`);

export function sageMakerNetworkChecks(lab: SynthesizedLab, stack: NetworkedStack) {
  const keyArn = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
  const groupId = { 'Fn::GetAtt': [logicalId(stack.securityGroup), 'GroupId'] };
  const rulesOf = (type: string) =>
    resourcesOfType(lab, type)
      .filter(([, r]) => JSON.stringify(r.Properties?.GroupId) === JSON.stringify(groupId))
      .map(([, r]) => r.Properties ?? {});

  return {
    /** No internet or NAT gateway, no route out, two isolated subnets. */
    isolated: (): void => {
      for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EgressOnlyInternetGateway', 'AWS::EC2::Route']) {
        lab.template.resourceCountIs(type, 0);
      }
      lab.template.resourceCountIs('AWS::EC2::Subnet', 2);
      lab.template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    },

    /** Flow logs of all traffic, into a log group encrypted with the lab key, kept a year, deleted on destroy. */
    flowLogs: (): void => {
      const flowLogGroup = logicalId(stack.vpc.flowLogGroup);
      lab.template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceId: { Ref: logicalId(stack.vpc) }, TrafficType: 'ALL', LogGroupName: { Ref: flowLogGroup } });
      expect(lab.json.Resources[flowLogGroup]).toMatchObject({ Properties: { KmsKeyId: keyArn, RetentionInDays: 365 }, DeletionPolicy: 'Delete' });
      lab.template.hasResource('AWS::Logs::LogGroup', { Properties: Match.objectLike({ KmsKeyId: keyArn }), DeletionPolicy: 'Delete' });
    },

    /** The S3 endpoint reaches exactly these buckets (logical ids), for this account, with no wildcard or delete action. */
    endpointReachesOnly: (buckets: readonly string[]): void => {
      const [[, endpoint], ...others] = resourcesOfType(lab, 'AWS::EC2::VPCEndpoint').filter(([, e]) => (e.Properties?.VpcEndpointType ?? 'Gateway') === 'Gateway');
      expect(others).toEqual([]);
      const statements = statementsIn(endpoint);
      const allowed = statements.flatMap((s) => [s.Resource].flat()).map(render).map(glob);
      for (const bucket of buckets) {
        expect(allowed.some((p) => p.test(`arn:aws:s3:::${bucket}/input/train/train.csv`))).toBe(true);
      }
      for (const other of ['arn:aws:s3:::unrelated-bucket/data.csv', 'arn:aws:s3:::packages.us-east-1.amazonaws.com/x.rpm']) {
        expect(allowed.filter((p) => p.test(other))).toEqual([]);
      }
      for (const s of statements) {
        expect(s.Effect).toBe('Allow');
        expect(s.Condition).toEqual({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } });
        expect(actionsOf(s).filter((a) => !/^s3:(Get|Put|List|AbortMultipartUpload)/.test(a) || a.includes('*') || /Delete/.test(a))).toEqual([]);
      }
    },

    /** Ingress from the group itself only: TCP, IKE (UDP) and ESP (protocol 50) for inter-container encryption. */
    selfOnlyIngress: (): void => {
      expect(lab.json.Resources[logicalId(stack.securityGroup)].Properties?.SecurityGroupIngress).toBeUndefined();
      const ingress = rulesOf('AWS::EC2::SecurityGroupIngress');
      expect(ingress.map((r) => r.IpProtocol).sort()).toEqual(['50', 'tcp', 'udp']);
      expect(ingress.filter((r) => JSON.stringify(r.SourceSecurityGroupId) !== JSON.stringify(groupId) || r.CidrIp !== undefined)).toEqual([]);
    },

    /** Egress to the group itself, and HTTPS to the S3 prefix list; no CIDR. */
    selfAndS3Egress: (): void => {
      expect(lab.json.Resources[logicalId(stack.securityGroup)].Properties?.SecurityGroupEgress).toBeUndefined();
      const egress = rulesOf('AWS::EC2::SecurityGroupEgress');
      expect(egress.filter((r) => r.DestinationPrefixListId !== undefined)).toEqual([
        expect.objectContaining({
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          DestinationPrefixListId: { 'Fn::GetAtt': [expect.stringMatching(/^S3PrefixList/), 'PrefixListId'] },
        }),
      ]);
      const toSelf = egress.filter((r) => r.DestinationPrefixListId === undefined);
      expect(toSelf.map((r) => r.IpProtocol).sort()).toEqual(['50', 'tcp', 'udp']);
      expect(toSelf.filter((r) => JSON.stringify(r.DestinationSecurityGroupId) !== JSON.stringify(groupId))).toEqual([]);
      expect(egress.filter((r) => r.CidrIp !== undefined || r.CidrIpv6 !== undefined)).toEqual([]);
    },

    /** The VPC's default security group is locked down. */
    defaultGroupRestricted: (): void => {
      lab.template.hasResourceProperties('Custom::VpcRestrictDefaultSG', {
        DefaultSecurityGroupId: { 'Fn::GetAtt': [logicalId(stack.vpc), 'DefaultSecurityGroup'] },
      });
    },

    /** The clean-up may delete network interfaces only in the lab VPC. */
    cleanupOnlyInVpc: (): void => {
      const [roleId] = resourcesOfType(lab, 'AWS::IAM::Role').find(([id]) => id.startsWith('EniCleanupIsCompleteRole')) ?? [''];
      const deletes = roleStatements(lab, roleId).filter((s) => actionsOf(s).includes('ec2:DeleteNetworkInterface'));
      expect(deletes).toEqual([
        expect.objectContaining({
          Resource: 'arn:aws:ec2:us-east-1:123456789012:network-interface/*',
          Condition: { ArnEquals: { 'ec2:Vpc': { 'Fn::Join': ['', ['arn:aws:ec2:us-east-1:123456789012:vpc/', { Ref: logicalId(stack.vpc) }]] } } },
        }),
      ]);
    },

    /**
     * The clean-up is deleted after every resource of `sageMakerTypes` (each must exist) and before the network:
     * created after the security group, its rules and the subnets.
     */
    cleanupOrdered: (sageMakerTypes: readonly string[]): void => {
      const [[cleanupId, cleanup]] = resourcesOfType(lab, 'Custom::SageMakerEniCleanup');
      expect(dependsOn(cleanup)).toEqual(
        expect.arrayContaining([
          logicalId(stack.securityGroup),
          ...stack.vpc.isolatedSubnets.map((s) => logicalId(s)),
          expect.stringMatching(/^SageMakerSecurityGrouptoIndirectPeer/),
        ]),
      );
      for (const type of sageMakerTypes) {
        const resources = resourcesOfType(lab, type);
        expect({ type, count: resources.length > 0 }).toEqual({ type, count: true });
        for (const [, resource] of resources) {
          expect({ type, dependsOn: dependsOn(resource) }).toEqual({ type, dependsOn: expect.arrayContaining([cleanupId]) });
        }
      }
    },
  };
}
