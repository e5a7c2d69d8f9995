/**
 * The call-table rows (lib/labs/call-table.ts) every lab with a SageMakerNetwork and a SageMakerExecutionRole
 * shares: SageMaker assumes the execution role, EBS takes a grant on the lab key, SageMaker creates network
 * interfaces in the lab VPC only, pulls the built-in image, publishes metrics to its own namespaces, reaches no
 * other bucket through the S3 endpoint; the prefix-list lookup at deploy time and the interface clean-up at
 * destroy. A lab spreads them into its table (`...SAGEMAKER_NETWORK_CALLS`), so each lab's behaviour test
 * evaluates them against its own template. No aws-cdk-lib import.
 */
import { allow, type CallRow, deny } from '../labs/call-table';

const ARN = (service: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const EXECUTION = { role: 'ExecutionRole' };
const KEY = '${LabKey.Arn}';
const LAB_VPC = { 'ec2:Vpc': `${ARN('ec2')}:vpc/\${Vpc.Ref}` };
const OTHER_VPC = { 'ec2:Vpc': `${ARN('ec2')}:vpc/vpc-0123456789abcdef0` };
const TRAIN_VPC = 'https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html';
const CLEANUP = { role: 'EniCleanup/IsCompleteRole' };

export const SAGEMAKER_NETWORK_CALLS: readonly CallRow[] = [
  allow('deploy', 'SageMaker assumes the execution role', { service: 'sagemaker.amazonaws.com' }, 'sts:AssumeRole', '${ExecutionRole.Arn}', {
    source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
  }),
  allow('deploy', 'EBS encrypts the job volumes with the lab key (a grant for an AWS resource)', EXECUTION, 'kms:CreateGrant', KEY, {
    context: { 'kms:GrantIsForAWSResource': 'true' },
  }),
  deny('deploy', 'no grant on the lab key for anything but an AWS resource', EXECUTION, 'kms:CreateGrant', KEY, {
    context: { 'kms:GrantIsForAWSResource': 'false' },
  }),
  allow('deploy', 'SageMaker creates a job network interface in the lab VPC', EXECUTION, 'ec2:CreateNetworkInterface',
    `${ARN('ec2')}:subnet/\${Vpc/IsolatedSubnet1/Subnet.Ref}`, { context: LAB_VPC, source: TRAIN_VPC }),
  deny('deploy', 'no network interface in another VPC', EXECUTION, 'ec2:CreateNetworkInterface', `${ARN('ec2')}:subnet/subnet-0123456789abcdef0`, {
    context: OTHER_VPC,
  }),
  allow('deploy', 'SageMaker pulls the XGBoost image', EXECUTION, 'ecr:BatchGetImage',
    'arn:${AWS::Partition}:ecr:${AWS::Region}:683313688378:repository/sagemaker-xgboost'),
  allow('deploy', 'the job publishes its metrics', EXECUTION, 'cloudwatch:PutMetricData', '*', { context: { 'cloudwatch:namespace': '/aws/sagemaker/TrainingJobs' } }),
  deny('deploy', 'metrics go to SageMaker namespaces only', EXECUTION, 'cloudwatch:PutMetricData', '*', { context: { 'cloudwatch:namespace': 'Other' } }),
  deny('deploy', 'the S3 endpoint reaches no other bucket, even for the execution role', EXECUTION, 's3:GetObject', 'arn:aws:s3:::another-bucket/x', {
    through: 'Vpc/S3',
    source: TRAIN_VPC,
  }),
  allow('deploy', 'the prefix-list lookup reads the S3 prefix list', { role: 'S3PrefixList/LookupRole' }, 'ec2:DescribeManagedPrefixLists', '*'),
  allow('destroy', 'the clean-up deletes an interface SageMaker left in the lab VPC', CLEANUP, 'ec2:DeleteNetworkInterface',
    `${ARN('ec2')}:network-interface/eni-0123456789abcdef0`, { context: LAB_VPC }),
  deny('destroy', 'the clean-up deletes no interface outside the lab VPC', CLEANUP, 'ec2:DeleteNetworkInterface',
    `${ARN('ec2')}:network-interface/eni-0123456789abcdef0`, { context: OTHER_VPC }),
];

/**
 * The request context of a job started in the lab network (SageMaker condition keys, as
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html names them): network
 * isolation, inter-container encryption, the lab's subnets and security group, the lab key on volume and output,
 * and the instance types the lab allows.
 */
export function securedJobContext(instanceTypes: readonly string[]): Readonly<Record<string, string | readonly string[]>> {
  return {
    'sagemaker:NetworkIsolation': 'true',
    'sagemaker:InterContainerTrafficEncryption': 'true',
    'sagemaker:VpcSubnets': ['${Vpc/IsolatedSubnet1/Subnet.Ref}', '${Vpc/IsolatedSubnet2/Subnet.Ref}'],
    'sagemaker:VpcSecurityGroupIds': ['${SageMakerSecurityGroup.GroupId}'],
    'sagemaker:InstanceTypes': instanceTypes,
    'sagemaker:VolumeKmsKeyArn': KEY,
    'sagemaker:OutputKmsKeyArn': KEY,
  };
}
