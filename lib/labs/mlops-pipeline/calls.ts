/**
 * Lab 07's AWS calls (see lib/labs/call-table.ts): SageMaker Pipelines starting the jobs with the pipeline role,
 * the jobs with the execution role, the registry, the approval trigger, the delivery actions, and the run-time
 * clean-up on destroy.
 */
import { SAGEMAKER_NETWORK_CALLS, securedJobContext } from '../../constructs/sagemaker-network-calls';
import { allow, deny, type CallTable } from '../call-table';

const ARN = (service: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const STACK = 'lab07mlopspipeline';
const PROCESSING_JOB = `${ARN('sagemaker')}:processing-job/pipelines-a1b2c3d4e5f6-prepare-0a1b2c3d4e`;
const TRAINING_JOB = `${ARN('sagemaker')}:training-job/pipelines-a1b2c3d4e5f6-train-0a1b2c3d4e`;
const VERSION = `${ARN('sagemaker')}:model-package/${STACK}-models/3`;
const STAGING = `${ARN('sagemaker')}:endpoint/${STACK}-staging`;
const PRODUCTION = `${ARN('sagemaker')}:endpoint/${STACK}-production`;
const DEPLOYED_MODEL = `${ARN('sagemaker')}:model/${STACK}-dlv-stag-v3-20261202120000`;
const DEPLOYED_CONFIG = `${ARN('sagemaker')}:endpoint-config/${STACK}-dlv-stag-v3-20261202120000`;
const PIPELINE_ROLE = { role: 'PipelineRole' };
const DELIVERY = { role: 'DeliveryActionsRole' };
const TRIGGER = { role: 'ApprovalTriggerRole' };
const CLEANUP = { role: 'CleanupIsCompleteRole' };
const EXECUTION = { role: 'ExecutionRole' };
const OTHER_KEY = `${ARN('kms')}:key/00000000-0000-0000-0000-000000000000`;
const SAGEMAKER_KEYS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html';
const THROUGH_S3_ENDPOINT = { through: 'Vpc/S3' };
/** What the pipeline sends for a processing step: in the VPC, isolated, encrypted, on the lab's type. */
const SECURED_PROCESSING = securedJobContext(['ml.m5.large']);
const SECURED_TRAINING = securedJobContext(['ml.m5.xlarge']);

export const CALLS: CallTable = {
  lab: 'mlops-pipeline',
  calls: [
    ...SAGEMAKER_NETWORK_CALLS,
    allow('run', 'SageMaker Pipelines assumes the pipeline role', { service: 'sagemaker.amazonaws.com' }, 'sts:AssumeRole', '${PipelineRole.Arn}'),
    allow('run', 'the Prepare and Evaluate steps start isolated, encrypted processing jobs', PIPELINE_ROLE, 'sagemaker:CreateProcessingJob', PROCESSING_JOB, {
      context: SECURED_PROCESSING,
      source: SAGEMAKER_KEYS,
    }),
    deny('run', 'a processing job without network isolation', PIPELINE_ROLE, 'sagemaker:CreateProcessingJob', PROCESSING_JOB, {
      context: { ...SECURED_PROCESSING, 'sagemaker:NetworkIsolation': 'false' },
    }),
    deny('run', 'a processing job outside the lab VPC', PIPELINE_ROLE, 'sagemaker:CreateProcessingJob', PROCESSING_JOB, {
      context: Object.fromEntries(Object.entries(SECURED_PROCESSING).filter(([k]) => !k.startsWith('sagemaker:Vpc'))),
    }),
    deny('run', 'a processing job whose output uses another key', PIPELINE_ROLE, 'sagemaker:CreateProcessingJob', PROCESSING_JOB, {
      context: { ...SECURED_PROCESSING, 'sagemaker:OutputKmsKeyArn': OTHER_KEY },
    }),
    allow('run', 'the Train step starts an isolated, encrypted training job on an allowed type', PIPELINE_ROLE, 'sagemaker:CreateTrainingJob', TRAINING_JOB, {
      context: SECURED_TRAINING,
    }),
    deny('run', 'a training job on a type the TrainingInstanceType parameter may not name', PIPELINE_ROLE, 'sagemaker:CreateTrainingJob', TRAINING_JOB, {
      context: { ...SECURED_TRAINING, 'sagemaker:InstanceTypes': ['ml.p3.16xlarge'] },
    }),
    deny('run', 'a training job without inter-container encryption', PIPELINE_ROLE, 'sagemaker:CreateTrainingJob', TRAINING_JOB, {
      context: { ...SECURED_TRAINING, 'sagemaker:InterContainerTrafficEncryption': 'false' },
    }),
    allow('run', 'the pipeline passes the execution role to its jobs', PIPELINE_ROLE, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    }),
    allow('run', 'the Register step adds a version waiting for approval', PIPELINE_ROLE, 'sagemaker:CreateModelPackage', VERSION, {
      context: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' },
    }),
    deny('run', 'the pipeline cannot register an already approved version', PIPELINE_ROLE, 'sagemaker:CreateModelPackage', VERSION, {
      context: { 'sagemaker:ModelApprovalStatus': 'Approved' },
    }),
    deny('run', 'the pipeline cannot approve a version', PIPELINE_ROLE, 'sagemaker:UpdateModelPackage', VERSION),
    allow('run', 'the condition step reads the evaluation report', PIPELINE_ROLE, 's3:GetObject', '${Data.Arn}/pipeline-runs/a1b2c3d4e5f6/evaluate/evaluation.json'),
    allow('run', 'a job reads the processing scripts through the S3 endpoint', EXECUTION, 's3:GetObject', '${Data.Arn}/code/prepare.py', THROUGH_S3_ENDPOINT),
    allow('run', 'a job writes its outputs through the S3 endpoint', EXECUTION, 's3:PutObject', '${Data.Arn}/pipeline-runs/a1b2c3d4e5f6/prepare/train/train.csv', THROUGH_S3_ENDPOINT),
    deny('run', 'a job overwrites no script', EXECUTION, 's3:PutObject', '${Data.Arn}/code/prepare.py', THROUGH_S3_ENDPOINT),
    deny('run', 'a job deletes nothing', EXECUTION, 's3:DeleteObject', '${Data.Arn}/pipeline-runs/a1b2c3d4e5f6/prepare/train/train.csv', THROUGH_S3_ENDPOINT),

    // The approval trigger and the delivery.
    allow('run', 'EventBridge invokes the approval trigger', { service: 'events.amazonaws.com', sourceArn: '${Approvals.Arn}' }, 'lambda:InvokeFunction', '${ApprovalTrigger.Arn}'),
    allow('run', 'the trigger records the approval', TRIGGER, 's3:PutObject', '${Data.Arn}/delivery/approved-model.json'),
    deny('run', 'the trigger writes nothing else', TRIGGER, 's3:PutObject', '${Data.Arn}/code/prepare.py'),
    allow('run', 'the trigger starts the delivery', TRIGGER, 'codepipeline:StartPipelineExecution', '${DeliveryPipeline.Arn}'),
    allow('run', 'a deploy reads the approved version', DELIVERY, 'sagemaker:DescribeModelPackage', VERSION),
    allow('run', 'a deploy creates the model from the version', DELIVERY, 'sagemaker:CreateModel', DEPLOYED_MODEL),
    allow('run', 'a deploy creates a small serverless endpoint configuration', DELIVERY, 'sagemaker:CreateEndpointConfig', DEPLOYED_CONFIG, {
      context: { 'sagemaker:ServerlessMemorySize': '2048', 'sagemaker:ServerlessMaxConcurrency': '2' },
    }),
    deny('run', 'a deploy cannot create a larger serverless configuration', DELIVERY, 'sagemaker:CreateEndpointConfig', DEPLOYED_CONFIG, {
      context: { 'sagemaker:ServerlessMemorySize': '6144', 'sagemaker:ServerlessMaxConcurrency': '2' },
    }),
    allow('run', 'a deploy updates the production endpoint', DELIVERY, 'sagemaker:UpdateEndpoint', PRODUCTION),
    allow('run', 'the smoke test invokes the staging endpoint', DELIVERY, 'sagemaker:InvokeEndpoint', STAGING),
    deny('run', 'the smoke test does not invoke production', DELIVERY, 'sagemaker:InvokeEndpoint', PRODUCTION),
    deny('run', 'the delivery cannot approve a version', DELIVERY, 'sagemaker:UpdateModelPackage', VERSION),
    allow('run', 'the smoke test reads its rows', DELIVERY, 's3:GetObject', '${Data.Arn}/smoke-test/rows.csv'),
    allow('run', 'the delivery passes the execution role to the model', DELIVERY, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    }),

    // Destroy: the run-time resources, only this lab's.
    allow('destroy', 'destroy stops running executions', CLEANUP, 'sagemaker:StopPipelineExecution', `${ARN('sagemaker')}:pipeline/${STACK}-pipeline/execution/a1b2c3d4e5f6`),
    allow('destroy', 'destroy deletes the staging endpoint', CLEANUP, 'sagemaker:DeleteEndpoint', STAGING),
    deny('destroy', "destroy deletes no other lab's endpoint", CLEANUP, 'sagemaker:DeleteEndpoint', `${ARN('sagemaker')}:endpoint/other`),
    allow('destroy', 'destroy deletes the delivered endpoint configurations', CLEANUP, 'sagemaker:DeleteEndpointConfig', DEPLOYED_CONFIG),
    allow('destroy', 'destroy deletes the delivered models', CLEANUP, 'sagemaker:DeleteModel', DEPLOYED_MODEL),
    allow('destroy', "destroy deletes the group's versions", CLEANUP, 'sagemaker:DeleteModelPackage', VERSION),
    allow('destroy', "destroy deletes the executions' jobs", CLEANUP, 'sagemaker:DeleteProcessingJob', PROCESSING_JOB),
    allow('destroy', "destroy deletes the executions' training jobs", CLEANUP, 'sagemaker:DeleteTrainingJob', TRAINING_JOB),
    allow('destroy', "destroy lists the jobs' log streams", CLEANUP, 'logs:DescribeLogStreams', `${ARN('logs')}:log-group:/aws/sagemaker/ProcessingJobs:*`),
    allow('destroy', "destroy deletes the jobs' log streams", CLEANUP, 'logs:DeleteLogStream',
      `${ARN('logs')}:log-group:/aws/sagemaker/TrainingJobs:log-stream:pipelines-a1b2c3d4e5f6-train-0a1b2c3d4e/algo-1-1700000000`),
    deny('destroy', "destroy deletes no other job's log streams", CLEANUP, 'logs:DeleteLogStream', `${ARN('logs')}:log-group:/aws/sagemaker/TrainingJobs:log-stream:other-job/algo-1`),
  ],
};
