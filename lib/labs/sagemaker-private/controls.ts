/** Lab 03: where each control of labs/03-sagemaker-private/GUIDE.md shows in the lab's posture. */
import {
  COMMON_EVIDENCE,
  type ControlEvidence,
  ISOLATED_JOB_CONDITIONS,
  ISOLATED_SUBNETS as SUBNETS,
  ISOLATED_VPC,
  LAB_KEY_BUCKET,
  SAGEMAKER_GROUP as GROUP,
  SELF_AND_S3_EGRESS,
  SELF_ONLY_INGRESS,
} from '../../posture/controls/evidence';

const JOB_HANDLER = 'TrainingJob/OnEventRole/DefaultPolicy';

export const SAGEMAKER_PRIVATE_EVIDENCE: ControlEvidence = {
  'the VPC has no internet gateway and no NAT gateway': ISOLATED_VPC,
  'VPC flow logs record all traffic to an encrypted log group': [
    { in: 'Vpc/FlowLog/FlowLog', shows: ['LogGroupName = ${Vpc/FlowLogs}', 'ResourceId = ${Vpc}', 'TrafficType = ALL'] },
    { in: 'Vpc/FlowLogs', shows: ['KmsKeyId = ${LabKey.Arn}', 'RetentionInDays = 365'] },
  ],
  'the S3 endpoint policy allows only the lab buckets, not an unrelated bucket': [
    {
      in: 'Vpc/S3',
      shows: ['VpcEndpointType = Gateway', 'resource ${Artifacts.Arn}, ${Artifacts.Arn}/*, ${Data.Arn}, ${Data.Arn}/* condition StringEquals aws:PrincipalAccount = 123456789012'],
    },
  ],
  'the security group allows ingress only from itself': [SELF_ONLY_INGRESS],
  'the security group allows egress only to itself and to S3 on port 443': SELF_AND_S3_EGRESS,
  'the default security group is restricted': [
    { in: 'Vpc/RestrictDefaultSecurityGroupCustomResource', shows: ['DefaultSecurityGroupId = ${Vpc.DefaultSecurityGroup}'] },
  ],
  'the training job runs in the VPC with network isolation and inter-container traffic encryption': [
    {
      in: 'TrainingJob',
      shows: [
        'JobRequest.EnableNetworkIsolation = true',
        'JobRequest.EnableInterContainerTrafficEncryption = true',
        `JobRequest.VpcConfig.SecurityGroupIds = ${GROUP}`,
        `JobRequest.VpcConfig.Subnets = ${SUBNETS}`,
      ],
    },
  ],
  'the training job encrypts its volume and output with the lab key': [
    { in: 'TrainingJob', shows: ['JobRequest.ResourceConfig.VolumeKmsKeyId = ${LabKey.Arn}', 'JobRequest.OutputDataConfig.KmsKeyId = ${LabKey.Arn}'] },
  ],
  'the training-job handler can only start isolated, encrypted jobs with this lab\'s names': [
    {
      in: JOB_HANDLER,
      shows: [
        'action sagemaker:CreateTrainingJob resource arn:aws:sagemaker:us-east-1:123456789012:training-job/lab03sagemakerprivate-xgboost-*',
        ...ISOLATED_JOB_CONDITIONS,
      ],
    },
  ],
  'destroy deletes the training job\'s log streams, and only this lab\'s': [
    {
      in: 'TrainingJob/IsCompleteRole/DefaultPolicy',
      shows: ['action logs:DeleteLogStream resource arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:log-stream:lab03sagemakerprivate-xgboost-*'],
    },
  ],
  'the training-job handler passes only the execution role, only to SageMaker': [
    { in: JOB_HANDLER, shows: ['action iam:PassRole resource ${ExecutionRole.Arn} condition StringEquals iam:PassedToService = sagemaker.amazonaws.com'] },
  ],
  'the model runs in the VPC with network isolation': [
    { in: 'Model', shows: ['EnableNetworkIsolation = true', `VpcConfig.SecurityGroupIds = ${GROUP}`, `VpcConfig.Subnets = ${SUBNETS}`] },
  ],
  'the endpoint config encrypts endpoint storage and captured data with the lab key': [
    { in: 'EndpointConfig', shows: ['encryption KmsKeyId = ${LabKey.Arn}', 'DataCaptureConfig.KmsKeyId = ${LabKey.Arn}'] },
  ],
  'the execution role is scoped to the lab buckets, key, image and VPC': [
    {
      in: 'ExecutionRole/DefaultPolicy',
      shows: [
        'resource ${Artifacts.Arn}, ${Artifacts.Arn}/training-output/*, ${Data.Arn}, ${Data.Arn}/input/*',
        'resource ${Artifacts.Arn}/data-capture/*, ${Artifacts.Arn}/training-output/*',
        'resource arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost',
        'condition ArnEqualsIfExists ec2:Vpc = arn:aws:ec2:us-east-1:123456789012:vpc/${Vpc}',
        'kms:ReEncrypt* resource ${LabKey.Arn}',
      ],
    },
  ],
  'the lab\'s own roles have no AWS managed policy': [
    'ExecutionRole',
    'TrainingJob/OnEventRole',
    'TrainingJob/IsCompleteRole',
    'EniCleanup/OnEventRole',
    'EniCleanup/IsCompleteRole',
    'S3PrefixList/LookupRole',
  ].map((role) => ({ in: role, lacks: ['ManagedPolicyArns'] })),
  'the ENI cleanup can delete network interfaces only in the lab VPC': [
    {
      in: 'EniCleanup/IsCompleteRole/DefaultPolicy',
      shows: ['action ec2:DeleteNetworkInterface resource arn:aws:ec2:us-east-1:123456789012:network-interface/* condition ArnEquals ec2:Vpc = arn:aws:ec2:us-east-1:123456789012:vpc/${Vpc}'],
    },
    { in: 'EniCleanup', shows: ['SecurityGroupId = ${SageMakerSecurityGroup.GroupId}', 'VpcId = ${Vpc}'] },
  ],
  'the ENI cleanup runs after the SageMaker resources are deleted and before the network': [
    { outside: 'an order of deletion (DependsOn), not a setting: the lab test checks it' },
  ],
  'every bucket is encrypted with the lab key': [
    { in: 'Data', shows: LAB_KEY_BUCKET },
    { in: 'Artifacts', shows: LAB_KEY_BUCKET },
  ],
  'the endpoint log group is created by the stack, encrypted and deleted on destroy': [
    {
      in: 'EndpointLogs',
      shows: ['KmsKeyId = ${LabKey.Arn}', 'LogGroupName = /aws/sagemaker/Endpoints/lab03sagemakerprivate-endpoint', 'DeletionPolicy = Delete'],
    },
  ],
  'no resource is retained on destroy': COMMON_EVIDENCE['no resource is retained on destroy'],
  'cdk-nag and guard find nothing unacknowledged': COMMON_EVIDENCE['cdk-nag and Control Tower guard pass with acknowledged exceptions only'],
};
