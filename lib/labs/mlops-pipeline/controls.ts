/** Lab 07: where each control of labs/07-mlops-pipeline/GUIDE.md shows in the lab's posture. */
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

const STEP = 'PipelineDefinition.PipelineDefinitionBody.Steps.Arguments';
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012';
const STAGING = `${ARN}:endpoint/lab07mlopspipeline-staging`;
const PRODUCTION = `${ARN}:endpoint/lab07mlopspipeline-production`;

export const MLOPS_EVIDENCE: ControlEvidence = {
  'the VPC has no internet gateway, no NAT gateway and isolated subnets only': [
    ...ISOLATED_VPC,
    FLOW_LOGS_ALL,
  ],
  'the S3 endpoint policy allows only the lab bucket, to this account': [ENDPOINT_DATA_BUCKET_ONLY],
  'the security group allows only itself, and HTTPS to S3': [SELF_ONLY_INGRESS, ...SELF_AND_S3_EGRESS],
  'every pipeline job runs in the VPC with network isolation and inter-container traffic encryption': [
    {
      in: 'Pipeline',
      shows: [
        // The processing steps (NetworkConfig) and the training step.
        `${STEP}.NetworkConfig.EnableNetworkIsolation = true`,
        `${STEP}.NetworkConfig.EnableInterContainerTrafficEncryption = true`,
        `${STEP}.NetworkConfig.VpcConfig.SecurityGroupIds = ${GROUP}`,
        `${STEP}.NetworkConfig.VpcConfig.Subnets = ${SUBNETS}`,
        `${STEP}.EnableNetworkIsolation = true`,
        `${STEP}.EnableInterContainerTrafficEncryption = true`,
        `${STEP}.VpcConfig.SecurityGroupIds = ${GROUP}`,
        `${STEP}.VpcConfig.Subnets = ${SUBNETS}`,
      ],
    },
  ],
  'every pipeline job encrypts its volume and output with the lab key': [
    {
      in: 'Pipeline',
      shows: [
        `${STEP}.ProcessingResources.ClusterConfig.VolumeKmsKeyId = \${LabKey.Arn}`,
        `${STEP}.ProcessingOutputConfig.KmsKeyId = \${LabKey.Arn}`,
        `${STEP}.ResourceConfig.VolumeKmsKeyId = \${LabKey.Arn}`,
        `${STEP}.OutputDataConfig.KmsKeyId = \${LabKey.Arn}`,
      ],
    },
  ],
  "the pipeline role can only start isolated, encrypted jobs in the lab VPC on the lab's instance types": [
    { in: 'Pipeline', shows: ['RoleArn = ${PipelineRole.Arn}'] },
    {
      in: 'PipelineRole/DefaultPolicy',
      shows: [
        `action sagemaker:CreateProcessingJob resource ${ARN}:processing-job/pipelines-*`,
        `action sagemaker:CreateTrainingJob resource ${ARN}:training-job/pipelines-*`,
        ...ISOLATED_JOB_CONDITIONS,
        'condition ForAllValues:StringEquals sagemaker:InstanceTypes = ml.m5.large, ml.m5.xlarge',
        'condition ForAllValues:StringEquals sagemaker:InstanceTypes = ml.m5.large',
      ],
    },
  ],
  'the pipeline registers versions only as PendingManualApproval, and cannot approve them': [
    { in: 'Pipeline', shows: ['PipelineDefinition.PipelineDefinitionBody.Steps.Arguments.IfSteps.Arguments.ModelApprovalStatus = PendingManualApproval'] },
    {
      in: 'PipelineRole/DefaultPolicy',
      shows: [
        `action sagemaker:CreateModelPackage resource ${ARN}:model-package/lab07mlopspipeline-models/* condition StringEquals sagemaker:ModelApprovalStatus = PendingManualApproval`,
      ],
      lacks: ['sagemaker:UpdateModelPackage'],
    },
  ],
  'only an Approved version of the lab group starts the delivery': [
    {
      in: 'Approvals',
      shows: [
        'EventPattern.detail.ModelApprovalStatus = Approved',
        'EventPattern.detail.ModelPackageGroupName = lab07mlopspipeline-models',
        'Targets.Arn = ${ApprovalTrigger.Arn}',
      ],
    },
    { in: 'ApprovalTriggerRole/DefaultPolicy', shows: ['action codepipeline:StartPipelineExecution resource arn:aws:codepipeline:us-east-1:123456789012:${DeliveryPipeline}'] },
  ],
  "the delivery deploys only to the lab's two serverless endpoints, with small serverless settings": [
    {
      in: 'DeliveryActionsRole/DefaultPolicy',
      shows: [
        `action sagemaker:CreateEndpointConfig resource ${ARN}:endpoint-config/lab07mlopspipeline-dlv-*`,
        'condition NumericLessThanEquals sagemaker:ServerlessMaxConcurrency = 2',
        'condition NumericLessThanEquals sagemaker:ServerlessMemorySize = 2048',
        `action sagemaker:InvokeEndpoint resource ${STAGING}`,
        `action sagemaker:DescribeEndpoint resource ${PRODUCTION}, ${STAGING}`,
      ],
      lacks: ['sagemaker:UpdateModelPackage', 'sagemaker:DeleteEndpoint'],
    },
    { nowhere: '[AWS::SageMaker::Endpoint]' },
  ],
  'the serverless endpoints run outside the VPC without network isolation': [
    {
      outside:
        'a trade-off of serverless inference (no VPC, no network isolation), not a setting of the template: the models and endpoints are created at run time by the delivery; the lab test checks that its role can attach no VPC and deploys only the lab group\'s versions',
    },
    { in: 'DeliveryActionsRole/DefaultPolicy', shows: [`action sagemaker:DescribeModelPackage resource ${ARN}:model-package/lab07mlopspipeline-models/*`], lacks: ['ec2:'] },
  ],
  'destroy removes what the pipelines created at run time before the pipelines, the group and the network': [
    {
      in: 'RunTimeCleanup',
      shows: [
        'PipelineName = lab07mlopspipeline-pipeline',
        'ModelPackageGroupName = lab07mlopspipeline-models',
        'Endpoints = lab07mlopspipeline-production, lab07mlopspipeline-staging',
        'ResourcePrefix = lab07mlopspipeline-dlv',
      ],
    },
    { outside: 'the order of deletion (DependsOn) is not a setting: the lab test checks it' },
  ],
  'the ENI cleanup runs after the pipeline is deleted, and only in the lab VPC': [
    { outside: 'an order of deletion (DependsOn), not a setting: the lab test checks it' },
    { in: 'EniCleanup/IsCompleteRole/DefaultPolicy', shows: ['condition ArnEquals ec2:Vpc = arn:aws:ec2:us-east-1:123456789012:vpc/${Vpc}'] },
  ],
  'nothing costs by the hour: no instance-backed endpoint, no NAT, no interface endpoint': [
    { nowhere: '[AWS::SageMaker::Endpoint]' },
    { nowhere: '[AWS::EC2::NatGateway]' },
    { nowhere: 'VpcEndpointType = Interface' },
    { in: 'DeliveryPipeline', shows: ['PipelineType = V2'] },
  ],
  'no resource is retained on destroy': COMMON_EVIDENCE['no resource is retained on destroy'],
  'cdk-nag and guard find nothing unacknowledged': COMMON_EVIDENCE['cdk-nag and Control Tower guard pass with acknowledged exceptions only'],
};
