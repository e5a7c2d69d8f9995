import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PrivateVpc } from '../../lib/constructs/private-vpc';
import { testApp, expectNoFindings, resourcesOfType, testOutdir } from '../helpers/synth';
import { synthTestStack } from '../helpers/test-stack';

const onlyBucket = (arn: string) =>
  new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [arn] });

let vpc!: PrivateVpc;
let clients!: ec2.SecurityGroup;
const outdir = testOutdir();
const lab = synthTestStack((stack) => {
  vpc = new PrivateVpc(stack, 'Vpc', { encryptionKey: stack.key, s3EndpointPolicy: [onlyBucket('arn:aws:s3:::lab-bucket/*')] });
  clients = new ec2.SecurityGroup(stack, 'Clients', { vpc, allowAllOutbound: false });
  vpc.addPrivateApiEndpoint('SageMakerRuntime', ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME, clients);
});
const id = (c: { node: { defaultChild?: unknown } }) => lab.stack.getLogicalId(c.node.defaultChild as ec2.CfnSecurityGroup);

test('has isolated subnets in two Availability Zones and no way to the internet', () => {
  lab.template.resourceCountIs('AWS::EC2::Subnet', 2);
  lab.template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
  for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::Route', 'AWS::EC2::EIP']) {
    lab.template.resourceCountIs(type, 0);
  }
  const azs = resourcesOfType(lab, 'AWS::EC2::Subnet').map(([, s]) => JSON.stringify(s.Properties?.AvailabilityZone));
  expect(new Set(azs).size).toBe(2);
});

test('logs all traffic to an encrypted log group that destroy deletes', () => {
  lab.template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', ResourceType: 'VPC' });
  lab.template.hasResource('AWS::Logs::LogGroup', {
    Properties: Match.objectLike({ KmsKeyId: lab.stack.resolve(lab.stack.key.keyArn), RetentionInDays: 365 }),
    DeletionPolicy: 'Delete',
  });
});

test('the S3 gateway endpoint has exactly the policy passed in', () => {
  const [[, endpoint]] = resourcesOfType(lab, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties?.VpcEndpointType === 'Gateway');
  expect(endpoint.Properties?.PolicyDocument).toEqual({
    Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Principal: { AWS: '*' }, Resource: 'arn:aws:s3:::lab-bucket/*' }],
    Version: '2012-10-17',
  });
});

test('refuses an empty S3 endpoint policy, which would allow every bucket', () => {
  const stack = new Stack(testApp({ outdir }));
  const encryptionKey = new kms.Key(stack, 'Key');
  expect(() => new PrivateVpc(stack, 'Vpc', { encryptionKey, s3EndpointPolicy: [] })).toThrow(/s3EndpointPolicy is empty/);
});

test('restricts the default security group', () => {
  lab.template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
});

test('an interface endpoint accepts HTTPS only from its clients and sends nothing', () => {
  lab.template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', PrivateDnsEnabled: true });
  const endpointGroup = resourcesOfType(lab, 'AWS::EC2::SecurityGroup').find(([logical]) => logical.startsWith('VpcSageMakerRuntimeEndpointSecurityGroup'));
  expect(endpointGroup).toBeDefined();
  const [groupId, group] = endpointGroup!;
  // No egress: CDK's placeholder rule that matches no traffic.
  expect(group.Properties?.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
  const ingress = resourcesOfType(lab, 'AWS::EC2::SecurityGroupIngress').filter(
    ([, r]) => JSON.stringify(r.Properties?.GroupId) === JSON.stringify({ 'Fn::GetAtt': [groupId, 'GroupId'] }),
  );
  expect(ingress.map(([, r]) => r.Properties)).toEqual([
    expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: { 'Fn::GetAtt': [id(clients), 'GroupId'] } }),
  ]);
  expect(vpc.isolatedSubnets).toHaveLength(2);
});

test('passes cdk-nag and guard', () => {
  expectNoFindings(lab.findings);
  expect(lab.warnings).toEqual([]);
});
