/** Lab 08: where each control of labs/08-safe-rollout/GUIDE.md shows in the lab's posture. */
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

const JOBS = (model: string) => `arn:aws:sagemaker:us-east-1:123456789012:training-job/lab08saferollout-xgb-${model}-*`;
const CAPTURE = '${Data.Arn}/data-capture/lab08saferollout-endpoint/*';

const trainingJob = (id: string) => ({
  in: id,
  shows: [
    'JobRequest.EnableNetworkIsolation = true',
    'JobRequest.EnableInterContainerTrafficEncryption = true',
    `JobRequest.VpcConfig.SecurityGroupIds = ${GROUP}`,
    `JobRequest.VpcConfig.Subnets = ${SUBNETS}`,
    'JobRequest.ResourceConfig.VolumeKmsKeyId = ${LabKey.Arn}',
    'JobRequest.OutputDataConfig.KmsKeyId = ${LabKey.Arn}',
  ],
});
const model = (id: string) => ({ in: id, shows: ['EnableNetworkIsolation = true', `VpcConfig.SecurityGroupIds = ${GROUP}`, `VpcConfig.Subnets = ${SUBNETS}`] });
const notifies = (alarm: string) => ({ in: alarm, shows: ['AlarmActions = ${Alarms}'] });

export const SAFE_ROLLOUT_EVIDENCE: ControlEvidence = {
  'the VPC has no internet gateway, no NAT gateway and isolated subnets only': [
    ...ISOLATED_VPC,
    FLOW_LOGS_ALL,
  ],
  'the S3 endpoint policy allows only the lab bucket, to this account': [ENDPOINT_DATA_BUCKET_ONLY],
  'the security group allows only itself, and HTTPS to S3': [SELF_ONLY_INGRESS, ...SELF_AND_S3_EGRESS],
  'every training job runs in the VPC with network isolation and inter-container traffic encryption, and encrypts its volume and output with the lab key': [
    trainingJob('ChampionTraining'),
    trainingJob('ChallengerTraining'),
  ],
  'the training handlers can only start isolated, encrypted training jobs with this lab\'s names': [
    { in: 'ChampionTraining/OnEventRole/DefaultPolicy', shows: [`action sagemaker:CreateTrainingJob resource ${JOBS('champion')}`, ...ISOLATED_JOB_CONDITIONS] },
    { in: 'ChallengerTraining/OnEventRole/DefaultPolicy', shows: [`action sagemaker:CreateTrainingJob resource ${JOBS('challenger')}`, ...ISOLATED_JOB_CONDITIONS] },
  ],
  'every model runs in the VPC with network isolation': [model('ChampionModel'), model('ChallengerModel')],
  'the endpoint encrypts its volumes and its captured data with the lab key': [
    { in: 'EndpointConfig', shows: ['KmsKeyId = ${LabKey.Arn}', 'DataCaptureConfig.KmsKeyId = ${LabKey.Arn}'] },
  ],
  'the endpoint captures every request and response into the lab bucket': [
    {
      in: 'EndpointConfig',
      shows: [
        'DataCaptureConfig.EnableCapture = true',
        'DataCaptureConfig.InitialSamplingPercentage = 100',
        'DataCaptureConfig.CaptureOptions[Input].CaptureMode = Input',
        'DataCaptureConfig.CaptureOptions[Output].CaptureMode = Output',
        'DataCaptureConfig.DestinationS3Uri = s3://${Data}/data-capture',
      ],
    },
  ],
  'every update of the endpoint is blue/green with a canary and rolls back on the error and latency alarms': [
    {
      in: 'Endpoint',
      shows: [
        'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type = CANARY',
        'DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value = 50',
        'DeploymentConfig.AutoRollbackConfiguration.Alarms[0].AlarmName = ${ErrorAlarm}',
        'DeploymentConfig.AutoRollbackConfiguration.Alarms[1].AlarmName = ${LatencyAlarm}',
      ],
    },
  ],
  'the champion scales on invocations per instance between 1 and 2 instances': [
    { in: 'ChampionScaling', shows: ['MaxCapacity = 2', 'MinCapacity = 1'] },
    { in: 'ChampionInvocationsPolicy', shows: ['TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType = SageMakerVariantInvocationsPerInstance'] },
  ],
  'the drift monitor reads only the captured files and publishes only the lab\'s metrics': [
    {
      in: 'DriftMonitorRole/DefaultPolicy',
      shows: [
        `action s3:GetObject resource ${CAPTURE}`,
        'action s3:ListBucket resource ${Data.Arn} condition StringLike s3:prefix = data-capture/lab08saferollout-endpoint/*',
        'action cloudwatch:PutMetricData resource * condition StringEquals cloudwatch:namespace = MLLabKit/SafeRollout',
      ],
      lacks: ['s3:PutObject', 's3:Delete'],
    },
  ],
  'every alarm notifies the encrypted alarm topic, which only the lab\'s alarms may publish to over TLS': [
    { in: 'Alarms', shows: ['KmsMasterKeyId = ${LabKey.Arn}'] },
    notifies('ErrorAlarm'),
    notifies('LatencyAlarm'),
    notifies('DriftAlarm'),
    notifies('PredictionAlarm'),
    { in: 'Alarms/Policy', shows: ['condition ArnEquals aws:SourceArn = ${ErrorAlarm.Arn}', 'action sns:Publish resource ${Alarms} condition Bool aws:SecureTransport = false'] },
  ],
  'the execution role reads and writes only its prefixes of the lab bucket, and deletes nothing': [
    {
      in: 'ExecutionRole/DefaultPolicy',
      shows: ['resource ${Data.Arn}/data-capture/*, ${Data.Arn}/training-output/*', 'resource ${Data.Arn}, ${Data.Arn}/broken-input/*, ${Data.Arn}/input/*, ${Data.Arn}/training-output/*'],
      lacks: ['s3:Delete'],
    },
  ],
  'the ENI cleanup runs after every SageMaker resource is deleted': [{ outside: 'an order of deletion (DependsOn), not a setting: the lab test checks it' }],
  'every log group is encrypted with the lab key and keeps events for a year': COMMON_EVIDENCE['every log group is encrypted with the lab key and keeps events for a year'],
  'no resource is retained on destroy': COMMON_EVIDENCE['no resource is retained on destroy'],
  'no physical name is hard-coded: the names services require derive from the stack name': COMMON_EVIDENCE['no physical name is hard-coded: the names services require derive from the stack name'],
  'cdk-nag and Control Tower guard pass with acknowledged exceptions only': COMMON_EVIDENCE['cdk-nag and Control Tower guard pass with acknowledged exceptions only'],
};
