/**
 * Lab 08's AWS calls (see lib/labs/call-table.ts): the training jobs, SageMaker with the execution role (data
 * through the S3 gateway endpoint, captured requests, logs), the drift monitor, the alarms' topic, the idle
 * clean-up, and the learner's scripts.
 */
import { SAGEMAKER_NETWORK_CALLS, securedJobContext } from '../../constructs/sagemaker-network-calls';
import { allow, deny, type CallTable } from '../call-table';
import { MONITOR_NAMESPACE } from './rollout';

const ARN = (service: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const JOB = `${ARN('sagemaker')}:training-job/lab08saferollout-xgb-champion-0a1b2c3d`;
const ON_EVENT = { role: 'ChampionTraining/OnEventRole' };
const EXECUTION = { role: 'ExecutionRole' };
const MONITOR = { role: 'DriftMonitorRole' };
const IDLE = { role: 'IdleDelete/FunctionRole' };
const ALARM = { service: 'cloudwatch.amazonaws.com', sourceArn: '${ErrorAlarm.Arn}', sourceAccount: '${AWS::AccountId}' };
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
const KEY = '${LabKey.Arn}';
const SECURED_JOB = securedJobContext(['ml.m5.large']);
const THROUGH_S3_ENDPOINT = { through: 'Vpc/S3' };
const SAGEMAKER_KEYS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html';
const CLOUDWATCH_KEYS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html';
const ALARM_TOPIC = 'https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger';
const SNS_KMS = 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services';
const CFN_EXEC_ROLE = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}';
const TRAINING_LOGS = `${ARN('logs')}:log-group:/aws/sagemaker/TrainingJobs`;
const CAPTURE = '${Data.Arn}/data-capture/lab08saferollout-endpoint';

export const CALLS: CallTable = {
  lab: 'safe-rollout',
  calls: [
    ...SAGEMAKER_NETWORK_CALLS,
    // The training job resources start jobs only with the lab's protections (SageMaker condition keys).
    allow('deploy', 'the handler starts a lab training job', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, { context: SECURED_JOB, source: SAGEMAKER_KEYS }),
    deny('deploy', 'a training job without network isolation', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: { ...SECURED_JOB, 'sagemaker:NetworkIsolation': 'false' },
      source: SAGEMAKER_KEYS,
    }),
    deny('deploy', 'a training job on a larger instance', ON_EVENT, 'sagemaker:CreateTrainingJob', JOB, {
      context: { ...SECURED_JOB, 'sagemaker:InstanceTypes': ['ml.p3.16xlarge'] },
    }),
    deny('deploy', "the champion's handler starts no challenger job", ON_EVENT, 'sagemaker:CreateTrainingJob', `${ARN('sagemaker')}:training-job/lab08saferollout-xgb-challenger-0a1b2c3d`, { context: SECURED_JOB }),
    deny('deploy', 'a training job with another name', ON_EVENT, 'sagemaker:CreateTrainingJob', `${ARN('sagemaker')}:training-job/another-job`, { context: SECURED_JOB }),
    allow('deploy', 'the handler passes the execution role to SageMaker', ON_EVENT, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    }),
    deny('deploy', 'the handler passes the execution role to no other service', ON_EVENT, 'iam:PassRole', '${ExecutionRole.Arn}', {
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
    }),

    // SageMaker trains and hosts with the execution role.
    allow('deploy', 'SageMaker downloads the training data through the S3 endpoint', EXECUTION, 's3:GetObject', '${Data.Arn}/input/train/train.csv', THROUGH_S3_ENDPOINT),
    allow('deploy', 'S3 decrypts the training data for SageMaker', EXECUTION, 'kms:Decrypt', KEY, {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Data.Arn}' },
    }),
    allow('deploy', 'SageMaker uploads a model through the S3 endpoint', EXECUTION, 's3:PutObject',
      '${Data.Arn}/training-output/lab08saferollout-xgb-champion-0a1b2c3d/output/model.tar.gz', THROUGH_S3_ENDPOINT),
    deny('deploy', 'SageMaker overwrites no training data', EXECUTION, 's3:PutObject', '${Data.Arn}/input/train/train.csv', THROUGH_S3_ENDPOINT),
    allow('deploy', 'a training job writes its log stream', EXECUTION, 'logs:PutLogEvents', `${TRAINING_LOGS}:log-stream:lab08saferollout-xgb-champion-0a1b2c3d/algo-1-1700000000`),
    allow('run', 'the endpoint captures requests and responses through the S3 endpoint', EXECUTION, 's3:PutObject',
      `${CAPTURE}/Champion/2026/01/01/00/x.jsonl`, THROUGH_S3_ENDPOINT),
    allow('run', 'the endpoint writes its log group', EXECUTION, 'logs:PutLogEvents', `${ARN('logs')}:log-group:\${EndpointLogs.Ref}:log-stream:Champion/i-0`),
    allow('run', 'SageMaker reads a rollback alarm during a guarded update', EXECUTION, 'cloudwatch:DescribeAlarms', '${ErrorAlarm.Arn}', {
      source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html',
    }),
    deny('run', 'the execution role reads no other alarm', EXECUTION, 'cloudwatch:DescribeAlarms', `${ARN('cloudwatch')}:alarm:another`),
    deny('run', 'the execution role deletes no captured data', EXECUTION, 's3:DeleteObject', `${CAPTURE}/Champion/2026/01/01/00/x.jsonl`, THROUGH_S3_ENDPOINT),

    // The drift monitor reads the captured files and publishes the lab's metrics, nothing else.
    allow('run', 'the drift monitor lists the captured files', MONITOR, 's3:ListBucket', '${Data.Arn}', { context: { 's3:prefix': 'data-capture/lab08saferollout-endpoint/Champion/2026/01/01/00/' } }),
    deny('run', 'the drift monitor lists nothing else', MONITOR, 's3:ListBucket', '${Data.Arn}', { context: { 's3:prefix': 'input/' } }),
    allow('run', 'the drift monitor reads a captured file', MONITOR, 's3:GetObject', `${CAPTURE}/Champion/2026/01/01/00/x.jsonl`),
    deny('run', 'the drift monitor reads no training data', MONITOR, 's3:GetObject', '${Data.Arn}/input/train/train.csv'),
    allow('run', 'S3 decrypts a captured file for the drift monitor', MONITOR, 'kms:Decrypt', KEY, { context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Data.Arn}' } }),
    allow('run', 'the drift monitor publishes the lab metrics', MONITOR, 'cloudwatch:PutMetricData', '*', { context: { 'cloudwatch:namespace': MONITOR_NAMESPACE }, source: CLOUDWATCH_KEYS }),
    deny('run', 'the drift monitor publishes into no other namespace', MONITOR, 'cloudwatch:PutMetricData', '*', { context: { 'cloudwatch:namespace': 'AWS/SageMaker' }, source: CLOUDWATCH_KEYS }),
    allow('run', 'the schedule invokes the drift monitor', { service: 'events.amazonaws.com', sourceArn: '${MonitorSchedule.Arn}', sourceAccount: '${AWS::AccountId}' },
      'lambda:InvokeFunction', '${DriftMonitor.Arn}'),

    // The alarms notify the lab's topic.
    allow('run', 'an alarm notifies the topic', ALARM, 'sns:Publish', '${Alarms.Ref}', { source: ALARM_TOPIC }),
    deny('run', 'no other alarm may publish to the topic', { ...ALARM, sourceArn: 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:999999999999:alarm:x', sourceAccount: '999999999999' },
      'sns:Publish', '${Alarms.Ref}', { source: ALARM_TOPIC }),
    allow('run', 'CloudWatch encrypts the notification with the lab key', ALARM, 'kms:GenerateDataKey', KEY, { source: SNS_KMS }),
    deny('run', 'publishing without TLS is refused', 'learner', 'sns:Publish', '${Alarms.Ref}', { context: { 'aws:SecureTransport': 'false' } }),

    // The learner's scripts.
    allow('run', 'the learner invokes the endpoint (traffic, verify)', 'learner', 'sagemaker:InvokeEndpoint', '${Endpoint.Ref}'),
    deny('run', 'the bucket refuses requests without TLS', 'learner', 's3:GetObject', `${CAPTURE}/x.jsonl`, { context: { 'aws:SecureTransport': 'false' } }),

    // The idle clean-up (IdleStackDelete, -c idleHours): it deletes this stack and no other.
    allow('run', 'the idle alarm invokes the idle clean-up', { service: 'lambda.alarms.cloudwatch.amazonaws.com', sourceArn: '${IdleDelete/Alarm.Arn}', sourceAccount: '${AWS::AccountId}' },
      'lambda:InvokeFunction', '${IdleDelete/Function.Arn}', { source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html' }),
    allow('run', 'the idle clean-up deletes this stack', IDLE, 'cloudformation:DeleteStack', `${ARN('cloudformation')}:stack/Lab08SafeRollout/0a1b2c3d-0000-0000-0000-000000000000`),
    deny('run', 'the idle clean-up deletes no other stack', IDLE, 'cloudformation:DeleteStack', `${ARN('cloudformation')}:stack/Lab03SageMakerPrivate/0a1b2c3d-0000-0000-0000-000000000000`),
    allow('run', 'the idle clean-up passes the bootstrap execution role to CloudFormation', IDLE, 'iam:PassRole', CFN_EXEC_ROLE, {
      context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
    }),
    allow('destroy', 'the auto-delete handler empties the bucket', { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
      's3:DeleteObjectVersion', `${CAPTURE}/x.jsonl`),
  ],
};
