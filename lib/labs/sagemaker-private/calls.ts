/**
 * Lab 03's AWS calls (see lib/labs/call-table.ts): the training job resource and SageMaker with the
 * execution role (data through the S3 gateway endpoint, volumes, network interfaces, logs), the
 * endpoint at run time, and the clean-up on destroy.
 */
import { SAGEMAKER_NETWORK_CALLS, securedJobContext } from '../../constructs/sagemaker-network-calls';
import { allow, deny, type CallTable } from '../call-table';

const ARN = (service: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const JOB = `${ARN('sagemaker')}:training-job/lab03sagemakerprivate-xgboost-0a1b2c3d`;
const ON_EVENT = { role: 'TrainingJob/OnEventRole' };
const IS_COMPLETE = { role: 'TrainingJob/IsCompleteRole' };
const EXECUTION = { role: 'ExecutionRole' };
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
const KEY = '${LabKey.Arn}';
/** What the handler sends for the lab's job: VPC, isolation, encryption, instance type. */
const SECURED_JOB = securedJobContext(['ml.m5.large']);
const THROUGH_S3_ENDPOINT = { through: 'Vpc/S3' };
const SAGEMAKER_KEYS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html';
const TRAIN_VPC = 'https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html';
const IDLE = { role: 'IdleDelete/FunctionRole' };
const CFN_EXEC_ROLE = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}';
const TRAINING_LOGS = `${ARN('logs')}:log-group:/aws/sagemaker/TrainingJobs`;

export const CALLS: CallTable = {
  lab: 'sagemaker-private',
  calls: [
    ...SAGEMAKER_NETWORK_CALLS,
    // The training job resource starts the job only with the lab's protections (SageMaker condition keys).
    allow('deploy', 'the handler starts the lab training job', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, { context: SECURED_JOB, source: SAGEMAKER_KEYS }),
    deny('deploy', 'a training job without network isolation', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: { ...SECURED_JOB, 'sagemaker:NetworkIsolation': 'false' },
      source: SAGEMAKER_KEYS,
    }),
    deny('deploy', 'a training job without inter-container encryption', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: { ...SECURED_JOB, 'sagemaker:InterContainerTrafficEncryption': 'false' },
    }),
    deny('deploy', 'a training job outside the lab VPC (no VPC config)', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: Object.fromEntries(Object.entries(SECURED_JOB).filter(([k]) => !k.startsWith('sagemaker:Vpc'))),
    }),
    deny('deploy', 'a training job in another subnet', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: { ...SECURED_JOB, 'sagemaker:VpcSubnets': ['subnet-0123456789abcdef0'] },
    }),
    deny('deploy', 'a training job whose volume uses another key', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: { ...SECURED_JOB, 'sagemaker:VolumeKmsKeyArn': `${ARN('kms')}:key/00000000-0000-0000-0000-000000000000` },
    }),
    deny('deploy', 'a training job on a larger instance', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: { ...SECURED_JOB, 'sagemaker:InstanceTypes': ['ml.p3.16xlarge'] },
    }),
    deny('deploy', 'a training job with another name', ON_EVENT, 'sagemaker:CreateTrainingJob', `${ARN('sagemaker')}:training-job/another-job`, {
      context: SECURED_JOB,
    }),
    allow('deploy', 'the handler passes the execution role to SageMaker', ON_EVENT, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    }),
    deny('deploy', 'the handler passes the execution role to no other service', ON_EVENT, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    }),
    allow('deploy', 'the completion handler waits for the job', IS_COMPLETE, 'sagemaker:DescribeTrainingJob', JOB),
    allow('destroy', 'destroy deletes the training job', IS_COMPLETE, 'sagemaker:DeleteTrainingJob', JOB),
    allow('destroy', "destroy deletes the job's log streams", IS_COMPLETE, 'logs:DeleteLogStream',
      `${TRAINING_LOGS}:log-stream:lab03sagemakerprivate-xgboost-0a1b2c3d/algo-1-1700000000`),
    deny('destroy', "destroy deletes no other job's log streams", IS_COMPLETE, 'logs:DeleteLogStream', `${TRAINING_LOGS}:log-stream:another-job/algo-1`),

    // SageMaker runs the job and the endpoint with the execution role.
    allow('deploy', 'SageMaker lists a training channel through the S3 endpoint', EXECUTION, 's3:ListBucket', '${Data.Arn}', {
      context: { 's3:prefix': 'input/train/' },
      ...THROUGH_S3_ENDPOINT,
    }),
    allow('deploy', 'SageMaker downloads the training data through the S3 endpoint', EXECUTION, 's3:GetObject', '${Data.Arn}/input/train/train.csv', {
      ...THROUGH_S3_ENDPOINT,
      source: TRAIN_VPC,
    }),
    allow('deploy', 'S3 decrypts the training data for SageMaker', EXECUTION, 'kms:Decrypt', KEY, {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Data.Arn}' },
    }),
    allow('deploy', 'SageMaker uploads the model through the S3 endpoint', EXECUTION, 's3:PutObject',
      '${Artifacts.Arn}/training-output/lab03sagemakerprivate-xgboost-0a1b2c3d/output/model.tar.gz', THROUGH_S3_ENDPOINT),
    allow('deploy', 'S3 encrypts the model with the lab key', EXECUTION, 'kms:GenerateDataKey', KEY, {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Artifacts.Arn}' },
    }),
    deny('deploy', 'SageMaker writes nothing into the data bucket', EXECUTION, 's3:PutObject', '${Data.Arn}/input/train/train.csv', THROUGH_S3_ENDPOINT),
    deny('deploy', 'nothing outside the lab prefixes', EXECUTION, 's3:GetObject', '${Data.Arn}/private/x.csv', THROUGH_S3_ENDPOINT),
    allow('deploy', 'the job writes its log stream', EXECUTION, 'logs:PutLogEvents', `${TRAINING_LOGS}:log-stream:lab03sagemakerprivate-xgboost-0a1b2c3d/algo-1-1700000000`),
    deny('deploy', "the role writes no other job's log stream", EXECUTION, 'logs:PutLogEvents', `${TRAINING_LOGS}:log-stream:another-job/algo-1`),

    // The endpoint: data capture into the artifacts bucket, logs into its own group.
    allow('run', 'the endpoint captures requests and responses through the S3 endpoint', EXECUTION, 's3:PutObject',
      '${Artifacts.Arn}/data-capture/lab03sagemakerprivate-endpoint/AllTraffic/2026/01/01/00/x.jsonl', THROUGH_S3_ENDPOINT),
    allow('run', 'the endpoint writes its log group', EXECUTION, 'logs:PutLogEvents', `${ARN('logs')}:log-group:\${EndpointLogs.Ref}:log-stream:AllTraffic/i-0`),
    allow('run', 'CloudWatch Logs encrypts the endpoint log group with the lab key', { service: 'logs.${AWS::Region}.amazonaws.com' }, 'kms:GenerateDataKey', KEY, {
      context: { 'kms:EncryptionContext:aws:logs:arn': `${ARN('logs')}:log-group:\${EndpointLogs.Ref}` },
    }),
    allow('run', 'the learner invokes the endpoint (verify)', 'learner', 'sagemaker:InvokeEndpoint', '${Endpoint.Ref}'),
    deny('run', 'the buckets refuse requests without TLS', 'learner', 's3:GetObject', '${Artifacts.Arn}/data-capture/x.jsonl', { context: { 'aws:SecureTransport': 'false' } }),

    // Other deploy-time helpers, and destroy.
    // The idle clean-up (IdleStackDelete, -c idleHours): the alarm invokes it; it deletes this stack and no other.
    allow('run', 'the idle alarm invokes the idle clean-up', { service: 'lambda.alarms.cloudwatch.amazonaws.com', sourceArn: '${IdleDelete/Alarm.Arn}', sourceAccount: '${AWS::AccountId}' },
      'lambda:InvokeFunction', '${IdleDelete/Function.Arn}', { source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html' }),
    // Alarm actions fire on state changes only (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html):
    // a schedule retries a failed delete while the alarm is in ALARM.
    allow('run', 'the retry schedule invokes the idle clean-up', { service: 'events.amazonaws.com', sourceArn: '${IdleDelete/Retry.Arn}', sourceAccount: '${AWS::AccountId}' },
      'lambda:InvokeFunction', '${IdleDelete/Function.Arn}'),
    allow('run', 'the scheduled retry reads the idle alarm', IDLE, 'cloudwatch:DescribeAlarms', `${ARN('cloudwatch')}:alarm:Lab03SageMakerPrivate-idle-delete`),
    deny('run', 'the scheduled retry reads no other alarm', IDLE, 'cloudwatch:DescribeAlarms', `${ARN('cloudwatch')}:alarm:alice-Lab03SageMakerPrivate-idle-delete`),
    allow('run', 'the idle clean-up deletes this stack', IDLE, 'cloudformation:DeleteStack', `${ARN('cloudformation')}:stack/Lab03SageMakerPrivate/0a1b2c3d-0000-0000-0000-000000000000`),
    deny('run', 'the idle clean-up deletes no other stack', IDLE, 'cloudformation:DeleteStack', `${ARN('cloudformation')}:stack/Lab01DataLake/0a1b2c3d-0000-0000-0000-000000000000`),
    deny('run', "the idle clean-up deletes no other learner's copy", IDLE, 'cloudformation:DeleteStack', `${ARN('cloudformation')}:stack/alice-Lab03SageMakerPrivate/0a1b2c3d-0000-0000-0000-000000000000`),
    allow('run', 'the idle clean-up passes the bootstrap execution role to CloudFormation', IDLE, 'iam:PassRole', CFN_EXEC_ROLE, {
      context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
    }),
    deny('run', 'the idle clean-up passes the execution role to no other service', IDLE, 'iam:PassRole', CFN_EXEC_ROLE, {
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    }),
    allow('destroy', 'the auto-delete handler empties the artifacts bucket', { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
      's3:DeleteObjectVersion', '${Artifacts.Arn}/data-capture/x.jsonl'),
  ],
};
