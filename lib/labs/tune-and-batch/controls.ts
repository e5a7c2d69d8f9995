/** Lab 05: where each control of labs/05-tune-and-batch/GUIDE.md shows in the lab's posture. */
import {
  COMMON_EVIDENCE,
  type ControlEvidence,
  ENDPOINT_DATA_BUCKET_ONLY,
  FLOW_LOGS_ALL,
  ISOLATED_JOB_CONDITIONS,
  ISOLATED_SUBNETS as SUBNETS,
  ISOLATED_VPC,
  SAGEMAKER_GROUP as GROUP,
  SELF_AND_S3_EGRESS,
  SELF_ONLY_INGRESS,
} from '../../posture/controls/evidence';

const DEFINITION = 'JobRequest.TrainingJobDefinition';
const TUNING_HANDLER = 'TuningJob/OnEventRole/DefaultPolicy';
const TRANSFORM_HANDLER = 'TransformJob/OnEventRole/DefaultPolicy';
const TUNING_JOBS = 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/l05-tune-*';
const TRANSFORM_JOBS = 'arn:aws:sagemaker:us-east-1:123456789012:transform-job/lab05tuneandbatch-transform-*';

export const TUNE_AND_BATCH_EVIDENCE: ControlEvidence = {
  'the VPC has no internet gateway, no NAT gateway and isolated subnets only': [
    ...ISOLATED_VPC,
    FLOW_LOGS_ALL,
  ],
  'the S3 endpoint policy allows only the lab bucket, to this account': [ENDPOINT_DATA_BUCKET_ONLY],
  'the security group allows only itself, and HTTPS to S3': [SELF_ONLY_INGRESS, ...SELF_AND_S3_EGRESS],
  'every training job of the tuning job runs in the VPC with network isolation and inter-container traffic encryption': [
    {
      in: 'TuningJob',
      shows: [
        `${DEFINITION}.EnableNetworkIsolation = true`,
        `${DEFINITION}.EnableInterContainerTrafficEncryption = true`,
        `${DEFINITION}.VpcConfig.SecurityGroupIds = ${GROUP}`,
        `${DEFINITION}.VpcConfig.Subnets = ${SUBNETS}`,
      ],
    },
  ],
  'every training job of the tuning job encrypts its volume and output with the lab key': [
    { in: 'TuningJob', shows: [`${DEFINITION}.ResourceConfig.VolumeKmsKeyId = \${LabKey.Arn}`, `${DEFINITION}.OutputDataConfig.KmsKeyId = \${LabKey.Arn}`] },
  ],
  'the tuning handler can only start isolated, encrypted tuning jobs with this lab\'s names': [
    {
      in: TUNING_HANDLER,
      shows: [
        `action sagemaker:CreateHyperParameterTuningJob resource ${TUNING_JOBS}`,
        ...ISOLATED_JOB_CONDITIONS,
      ],
    },
  ],
  'the transform job encrypts its volume and output with the lab key': [
    { in: 'TransformJob', shows: ['JobRequest.TransformOutput.KmsKeyId = ${LabKey.Arn}', 'JobRequest.TransformResources.VolumeKmsKeyId = ${LabKey.Arn}'] },
  ],
  'the transform handler can only start encrypted transform jobs with this lab\'s names, and passes no role': [
    {
      in: TRANSFORM_HANDLER,
      shows: [
        `action sagemaker:CreateTransformJob resource ${TRANSFORM_JOBS} condition ArnEquals sagemaker:OutputKmsKeyArn = \${LabKey.Arn}`,
        'condition ArnEquals sagemaker:VolumeKmsKeyArn = ${LabKey.Arn}',
      ],
      lacks: ['iam:PassRole'],
    },
  ],
  'only the tuning handler passes a role: the execution role, only to SageMaker': [
    { in: TUNING_HANDLER, shows: ['action iam:PassRole resource ${ExecutionRole.Arn} condition StringEquals iam:PassedToService = sagemaker.amazonaws.com'] },
    { in: TRANSFORM_HANDLER, lacks: ['iam:PassRole'] },
  ],
  'the model runs in the VPC with network isolation, from the best training job': [
    {
      in: 'Model',
      shows: ['EnableNetworkIsolation = true', `VpcConfig.SecurityGroupIds = ${GROUP}`, `VpcConfig.Subnets = ${SUBNETS}`, 'PrimaryContainer.ModelDataUrl = ${TuningJob.ModelArtifacts}'],
    },
  ],
  'the SageMaker handlers touch only this lab\'s jobs': [
    { in: TUNING_HANDLER, shows: [`resource ${TUNING_JOBS}`] },
    { in: TRANSFORM_HANDLER, shows: [`resource ${TRANSFORM_JOBS}`] },
    { in: 'TuningJob/IsCompleteRole/DefaultPolicy', shows: [`resource ${TUNING_JOBS}`, 'resource arn:aws:sagemaker:us-east-1:123456789012:training-job/l05-tune-*'] },
    { in: 'TransformJob/IsCompleteRole/DefaultPolicy', shows: [`resource ${TRANSFORM_JOBS}`] },
  ],
  'destroy deletes the tuning job\'s training jobs and the jobs\' log streams, and only this lab\'s': [
    {
      in: 'TuningJob/IsCompleteRole/DefaultPolicy',
      shows: [
        'action sagemaker:DeleteTrainingJob, sagemaker:DescribeTrainingJob, sagemaker:StopTrainingJob resource arn:aws:sagemaker:us-east-1:123456789012:training-job/l05-tune-*',
        'action logs:DeleteLogStream resource arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:log-stream:l05-tune-*',
      ],
    },
    {
      in: 'TransformJob/IsCompleteRole/DefaultPolicy',
      shows: ['action logs:DeleteLogStream resource arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TransformJobs:log-stream:lab05tuneandbatch-transform-*'],
    },
  ],
  'the execution role reads and writes only its prefixes of the lab bucket, and deletes nothing': [
    {
      in: 'ExecutionRole/DefaultPolicy',
      shows: ['resource ${Data.Arn}/batch-output/*, ${Data.Arn}/tuning-output/*', 'resource ${Data.Arn}, ${Data.Arn}/batch-input/*, ${Data.Arn}/input/*, ${Data.Arn}/tuning-output/*'],
      lacks: ['s3:Delete'],
    },
  ],
  'the ENI cleanup runs after every SageMaker resource is deleted': [
    { outside: 'an order of deletion (DependsOn), not a setting: the lab test checks it' },
  ],
  'nothing costs by the hour: no endpoint, no NAT, no interface endpoint': [
    { nowhere: '[AWS::SageMaker::Endpoint]' },
    { nowhere: '[AWS::EC2::NatGateway]' },
    { nowhere: 'VpcEndpointType = Interface' },
  ],
  'no resource is retained on destroy': COMMON_EVIDENCE['no resource is retained on destroy'],
  'cdk-nag and guard find nothing unacknowledged': COMMON_EVIDENCE['cdk-nag and Control Tower guard pass with acknowledged exceptions only'],
};
