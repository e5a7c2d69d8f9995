/**
 * Lab 05's AWS calls (see lib/labs/call-table.ts): the tuning and transform job resources, SageMaker with
 * the execution role (channels, checkpoints, models and batch data through the S3 gateway endpoint,
 * volumes, network interfaces, logs), the learner's verify, and the clean-up on destroy.
 */
import { SAGEMAKER_NETWORK_CALLS, securedJobContext } from '../../constructs/sagemaker-network-calls';
import { allow, deny, type CallTable } from '../call-table';

const ARN = (service: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const TUNING = `${ARN('sagemaker')}:hyper-parameter-tuning-job/l05-tune-0a1b2c`;
const TUNED_JOB = `${ARN('sagemaker')}:training-job/l05-tune-0a1b2c-003-1a2b3c4d`;
const TRANSFORM = `${ARN('sagemaker')}:transform-job/lab05tuneandbatch-transform-0a1b2c3d4e5f`;
const TUNING_ON_EVENT = { role: 'TuningJob/OnEventRole' };
const TUNING_IS_COMPLETE = { role: 'TuningJob/IsCompleteRole' };
const TRANSFORM_ON_EVENT = { role: 'TransformJob/OnEventRole' };
const TRANSFORM_IS_COMPLETE = { role: 'TransformJob/IsCompleteRole' };
const EXECUTION = { role: 'ExecutionRole' };
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
const KEY = '${LabKey.Arn}';
const OTHER_KEY = `${ARN('kms')}:key/00000000-0000-0000-0000-000000000000`;
/** What the tuning handler sends: every training job in the VPC, isolated, encrypted, on the lab's type. */
const SECURED_TUNING = securedJobContext(['ml.m5.large']);
/** What the transform handler sends: the lab key on volume and output, the lab's type. */
const SECURED_TRANSFORM = {
  'sagemaker:InstanceTypes': ['ml.m5.large'],
  'sagemaker:VolumeKmsKeyArn': KEY,
  'sagemaker:OutputKmsKeyArn': KEY,
};
const THROUGH_S3_ENDPOINT = { through: 'Vpc/S3' };
const SAGEMAKER_KEYS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html';
const TRAIN_VPC = 'https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html';
const BATCH_VPC = 'https://docs.aws.amazon.com/sagemaker/latest/dg/batch-vpc.html';
const TRAINING_LOGS = `${ARN('logs')}:log-group:/aws/sagemaker/TrainingJobs`;
const TRANSFORM_LOGS = `${ARN('logs')}:log-group:/aws/sagemaker/TransformJobs`;

export const CALLS: CallTable = {
  lab: 'tune-and-batch',
  calls: [
    ...SAGEMAKER_NETWORK_CALLS,
    // The tuning job resource starts the tuning job only with the lab's protections (SageMaker condition keys).
    allow('deploy', 'the handler starts the lab tuning job', TUNING_ON_EVENT, 'sagemaker:CreateHyperParameterTuningJob', TUNING, {
      context: SECURED_TUNING,
      source: SAGEMAKER_KEYS,
    }),
    deny('deploy', 'a tuning job whose training jobs run without network isolation', TUNING_ON_EVENT, 'sagemaker:CreateHyperParameterTuningJob', TUNING, {
      context: { ...SECURED_TUNING, 'sagemaker:NetworkIsolation': 'false' },
    }),
    deny('deploy', 'a tuning job without inter-container encryption', TUNING_ON_EVENT, 'sagemaker:CreateHyperParameterTuningJob', TUNING, {
      context: { ...SECURED_TUNING, 'sagemaker:InterContainerTrafficEncryption': 'false' },
    }),
    deny('deploy', 'a tuning job outside the lab VPC (no VPC config)', TUNING_ON_EVENT, 'sagemaker:CreateHyperParameterTuningJob', TUNING, {
      context: Object.fromEntries(Object.entries(SECURED_TUNING).filter(([k]) => !k.startsWith('sagemaker:Vpc'))),
    }),
    deny('deploy', 'a tuning job whose output uses another key', TUNING_ON_EVENT, 'sagemaker:CreateHyperParameterTuningJob', TUNING, {
      context: { ...SECURED_TUNING, 'sagemaker:OutputKmsKeyArn': OTHER_KEY },
    }),
    deny('deploy', 'a tuning job on a larger instance', TUNING_ON_EVENT, 'sagemaker:CreateHyperParameterTuningJob', TUNING, {
      context: { ...SECURED_TUNING, 'sagemaker:InstanceTypes': ['ml.p3.16xlarge'] },
    }),
    deny('deploy', 'a tuning job with another name', TUNING_ON_EVENT, 'sagemaker:CreateHyperParameterTuningJob', `${ARN('sagemaker')}:hyper-parameter-tuning-job/other`, {
      context: SECURED_TUNING,
    }),
    allow('deploy', 'the tuning handler passes the execution role to SageMaker', TUNING_ON_EVENT, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    }),
    deny('deploy', 'the tuning handler passes the execution role to no other service', TUNING_ON_EVENT, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    }),
    allow('deploy', 'the completion handler waits for the tuning job', TUNING_IS_COMPLETE, 'sagemaker:DescribeHyperParameterTuningJob', TUNING),
    allow('deploy', "the completion handler reads the best training job's model", TUNING_IS_COMPLETE, 'sagemaker:DescribeTrainingJob', TUNED_JOB),

    // The transform job resource: the lab key on volume and output; the network comes from the model.
    allow('deploy', 'the handler starts the lab transform job', TRANSFORM_ON_EVENT, 'sagemaker:CreateTransformJob', TRANSFORM, {
      context: SECURED_TRANSFORM,
      source: SAGEMAKER_KEYS,
    }),
    deny('deploy', 'a transform job whose volume uses another key', TRANSFORM_ON_EVENT, 'sagemaker:CreateTransformJob', TRANSFORM, {
      context: { ...SECURED_TRANSFORM, 'sagemaker:VolumeKmsKeyArn': OTHER_KEY },
    }),
    deny('deploy', 'a transform job without an output key', TRANSFORM_ON_EVENT, 'sagemaker:CreateTransformJob', TRANSFORM, {
      context: { 'sagemaker:InstanceTypes': ['ml.m5.large'], 'sagemaker:VolumeKmsKeyArn': KEY },
    }),
    deny('deploy', 'a transform job with another name', TRANSFORM_ON_EVENT, 'sagemaker:CreateTransformJob', `${ARN('sagemaker')}:transform-job/other`, {
      context: SECURED_TRANSFORM,
    }),
    deny('deploy', 'the transform handler passes no role', TRANSFORM_ON_EVENT, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    }),
    allow('deploy', 'the completion handler waits for the transform job', TRANSFORM_IS_COMPLETE, 'sagemaker:DescribeTransformJob', TRANSFORM),

    // SageMaker runs the training jobs, the model and the transform with the execution role.
    allow('deploy', 'a training job downloads the train channel through the S3 endpoint', EXECUTION, 's3:GetObject', '${Data.Arn}/input/train/train.csv', {
      ...THROUGH_S3_ENDPOINT,
      source: TRAIN_VPC,
    }),
    allow('deploy', 'S3 decrypts the channels for SageMaker', EXECUTION, 'kms:Decrypt', KEY, {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Data.Arn}' },
    }),
    allow('deploy', 'a training job uploads its model through the S3 endpoint', EXECUTION, 's3:PutObject',
      '${Data.Arn}/tuning-output/l05-tune-0a1b2c-003-1a2b3c4d/output/model.tar.gz', THROUGH_S3_ENDPOINT),
    allow('deploy', 'S3 encrypts the model with the lab key', EXECUTION, 'kms:GenerateDataKey', KEY, {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Data.Arn}' },
    }),
    // No CheckpointConfig, with or without -c spot=true: one checkpoint path would be shared by every training
    // job of the tuning job (see the training definition in stack.ts). So the role needs no
    // checkpoint writes, and no deletes: SageMaker mirrors a container's checkpoint deletes to S3
    // (https://docs.aws.amazon.com/sagemaker/latest/dg/model-checkpoints.html), which checkpointing would need.
    deny('deploy', 'no training job writes checkpoints, with or without spot', EXECUTION, 's3:PutObject', '${Data.Arn}/checkpoints/xgboost-checkpoint_0.json', THROUGH_S3_ENDPOINT),
    deny('deploy', 'no training job deletes checkpoints, with or without spot', EXECUTION, 's3:DeleteObject', '${Data.Arn}/checkpoints/xgboost-checkpoint_0.json', THROUGH_S3_ENDPOINT),
    deny('deploy', 'the training jobs overwrite no training data', EXECUTION, 's3:PutObject', '${Data.Arn}/input/train/train.csv', THROUGH_S3_ENDPOINT),
    deny('deploy', 'the execution role deletes nothing', EXECUTION, 's3:DeleteObject', '${Data.Arn}/tuning-output/x', THROUGH_S3_ENDPOINT),
    allow('deploy', 'the transform reads the best model through the S3 endpoint', EXECUTION, 's3:GetObject',
      '${Data.Arn}/tuning-output/l05-tune-0a1b2c-003-1a2b3c4d/output/model.tar.gz', { ...THROUGH_S3_ENDPOINT, source: BATCH_VPC }),
    allow('deploy', 'the transform reads the test rows through the S3 endpoint', EXECUTION, 's3:GetObject', '${Data.Arn}/batch-input/test.csv', THROUGH_S3_ENDPOINT),
    allow('deploy', 'the transform writes the scored rows through the S3 endpoint', EXECUTION, 's3:PutObject', '${Data.Arn}/batch-output/test.csv.out', THROUGH_S3_ENDPOINT),
    deny('deploy', 'the transform writes nowhere else', EXECUTION, 's3:PutObject', '${Data.Arn}/batch-input/test.csv', THROUGH_S3_ENDPOINT),
    allow('deploy', 'a training job of the tuning job writes its log stream', EXECUTION, 'logs:PutLogEvents',
      `${TRAINING_LOGS}:log-stream:l05-tune-0a1b2c-003-1a2b3c4d/algo-1-1700000000`),
    allow('deploy', 'the transform job writes its log stream', EXECUTION, 'logs:PutLogEvents',
      `${TRANSFORM_LOGS}:log-stream:lab05tuneandbatch-transform-0a1b2c3d4e5f/i-0abc-1700000000`),
    deny('deploy', "the role writes no other job's log stream", EXECUTION, 'logs:PutLogEvents', `${TRAINING_LOGS}:log-stream:another-job/algo-1`),

    // The learner's verify.
    allow('run', 'verify reads the transform output', 'learner', 's3:GetObject', '${Data.Arn}/batch-output/test.csv.out'),
    deny('run', 'the bucket refuses requests without TLS', 'learner', 's3:GetObject', '${Data.Arn}/batch-output/test.csv.out', {
      context: { 'aws:SecureTransport': 'false' },
    }),

    // Destroy: jobs stopped and deleted with what they wrote, then the interfaces they left.
    allow('destroy', 'destroy stops a running tuning job', TUNING_IS_COMPLETE, 'sagemaker:StopHyperParameterTuningJob', TUNING),
    allow('destroy', "destroy lists the tuning job's training jobs", TUNING_IS_COMPLETE, 'sagemaker:ListTrainingJobsForHyperParameterTuningJob', TUNING),
    allow('destroy', "destroy deletes the tuning job's training jobs", TUNING_IS_COMPLETE, 'sagemaker:DeleteTrainingJob', TUNED_JOB),
    deny('destroy', "destroy deletes no other lab's training job", TUNING_IS_COMPLETE, 'sagemaker:DeleteTrainingJob', `${ARN('sagemaker')}:training-job/other-job`),
    allow('destroy', 'destroy deletes the tuning job', TUNING_IS_COMPLETE, 'sagemaker:DeleteHyperParameterTuningJob', TUNING),
    allow('destroy', "destroy deletes the training jobs' log streams", TUNING_IS_COMPLETE, 'logs:DeleteLogStream',
      `${TRAINING_LOGS}:log-stream:l05-tune-0a1b2c-003-1a2b3c4d/algo-1-1700000000`),
    deny('destroy', "destroy deletes no other job's log streams", TUNING_IS_COMPLETE, 'logs:DeleteLogStream', `${TRAINING_LOGS}:log-stream:another-job/algo-1`),
    allow('destroy', 'destroy stops a running transform job', TRANSFORM_IS_COMPLETE, 'sagemaker:StopTransformJob', TRANSFORM),
    allow('destroy', "destroy deletes the transform job's log streams", TRANSFORM_IS_COMPLETE, 'logs:DeleteLogStream',
      `${TRANSFORM_LOGS}:log-stream:lab05tuneandbatch-transform-0a1b2c3d4e5f/i-0abc-1700000000`),
    allow('destroy', 'the auto-delete handler empties the lab bucket', { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
      's3:DeleteObjectVersion', '${Data.Arn}/batch-output/test.csv.out'),
  ],
};
