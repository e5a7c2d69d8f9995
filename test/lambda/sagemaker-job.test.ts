import {
  CreateHyperParameterTuningJobCommand,
  CreateTrainingJobCommand,
  CreateTransformJobCommand,
  DeleteHyperParameterTuningJobCommand,
  DeleteTrainingJobCommand,
  DescribeHyperParameterTuningJobCommand,
  type DescribeHyperParameterTuningJobResponse,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobResponse,
  DescribeTransformJobCommand,
  type DescribeTransformJobResponse,
  type HyperParameterTrainingJobSummary,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  ResourceInUse,
  ResourceLimitExceeded,
  ResourceNotFound,
  SageMakerClient,
  StopHyperParameterTuningJobCommand,
  StopTrainingJobCommand,
  StopTransformJobCommand,
  type TrainingJobStatus,
} from '@aws-sdk/client-sagemaker';
import type { CdkCustomResourceEvent, CdkCustomResourceIsCompleteEvent } from 'aws-lambda';
import {
  CloudWatchLogsClient,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as isComplete } from '../../lambda/sagemaker-job/is-complete';
import { handler as onEvent } from '../../lambda/sagemaker-job/on-event';
import type { JobRequests, SageMakerJobProperties, TrainingJobRequest } from '../../lambda/sagemaker-job/properties';
import { jobName } from '../../lambda/sagemaker-job/job';

const sagemaker = mockClient(SageMakerClient);
const logs = mockClient(CloudWatchLogsClient);

const request: TrainingJobRequest = {
  AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' },
  RoleArn: 'arn:aws:iam::123456789012:role/Lab03-ExecutionRole',
  HyperParameters: { objective: 'binary:logistic', num_round: '60' },
  OutputDataConfig: { S3OutputPath: 's3://artifacts/training-output/', KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' },
  ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5, VolumeKmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' },
  StoppingCondition: { MaxRuntimeInSeconds: 1800 },
  VpcConfig: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'] },
  EnableNetworkIsolation: true,
  EnableInterContainerTrafficEncryption: true,
};
const properties: SageMakerJobProperties & { ServiceToken: string } = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:framework-onEvent',
  JobKind: 'training',
  JobNamePrefix: 'lab03sagemakerprivate-xgboost',
  // As CloudFormation delivers it: one JSON string.
  JobRequest: JSON.stringify(request),
  DataFingerprint: 'a'.repeat(64),
};
const JOB = jobName(properties);
const common = {
  ServiceToken: properties.ServiceToken,
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Lab03SageMakerPrivate/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'TrainingJob',
  ResourceType: 'Custom::SageMakerTrainingJob',
  ResourceProperties: properties,
};
const createEvent: CdkCustomResourceEvent<typeof properties> = { ...common, RequestType: 'Create' };
const deleteEvent = (name = JOB): CdkCustomResourceEvent<typeof properties> => ({
  ...common,
  RequestType: 'Delete',
  PhysicalResourceId: name,
});
const updateEvent = (changed: Partial<SageMakerJobProperties>): CdkCustomResourceEvent<typeof properties> => ({
  ...common,
  RequestType: 'Update',
  PhysicalResourceId: JOB,
  ResourceProperties: { ...properties, ...changed },
  OldResourceProperties: properties,
});
const poll = (event: CdkCustomResourceEvent<typeof properties>, name = JOB): CdkCustomResourceIsCompleteEvent<typeof properties> => ({
  ...event,
  PhysicalResourceId: name,
});
const job = (status: DescribeTrainingJobResponse['TrainingJobStatus'], extra: Partial<DescribeTrainingJobResponse> = {}) =>
  ({ TrainingJobName: JOB, TrainingJobStatus: status, ...extra }) as DescribeTrainingJobResponse;
const notFound = () => Object.assign(new Error('Requested resource not found.'), { name: 'ValidationException' });

const region = process.env.AWS_REGION;
afterAll(() => {
  if (region === undefined) {
    delete process.env.AWS_REGION;
  } else {
    process.env.AWS_REGION = region;
  }
});

beforeEach(() => {
  // The Lambda runtime sets AWS_REGION; the quota advice names it.
  process.env.AWS_REGION = 'us-east-1';
  sagemaker.reset();
  logs.reset();
  logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [] });
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});

describe('job name', () => {
  test('is the prefix and a hash of the configuration, the same for the same configuration', () => {
    expect(JOB).toMatch(/^lab03sagemakerprivate-xgboost-[0-9a-f]{12}$/);
    expect(jobName({ ...properties })).toBe(JOB);
  });

  test('changes when the request or the data changes', () => {
    const otherRequest = JSON.stringify({ ...request, HyperParameters: { num_round: '61' } });
    expect(jobName({ ...properties, JobRequest: otherRequest })).not.toBe(JOB);
    expect(jobName({ ...properties, DataFingerprint: 'b'.repeat(64) })).not.toBe(JOB);
  });

  test('rejects a prefix that makes an invalid or too long name', () => {
    expect(() => jobName({ ...properties, JobNamePrefix: 'Upper_Case' })).toThrow(/lowercase/);
    expect(() => jobName({ ...properties, JobNamePrefix: 'x'.repeat(51) })).toThrow(/at most 50/);
  });
});

describe('create', () => {
  test('starts the job with the whole request under the derived name', async () => {
    sagemaker.on(CreateTrainingJobCommand).resolves({ TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${JOB}` });
    const response = await onEvent(createEvent);
    expect(response).toEqual({ PhysicalResourceId: JOB, Data: { JobName: JOB } });
    const [call] = sagemaker.commandCalls(CreateTrainingJobCommand);
    expect(call.args[0].input).toEqual({ ...request, TrainingJobName: JOB });
    expect(call.args[0].input).toMatchObject({ EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true });
  });

  test('a retried create follows the job that already exists with that name', async () => {
    sagemaker.on(CreateTrainingJobCommand).rejects(new ResourceInUse({ message: 'Training job names must be unique', $metadata: {} }));
    await expect(onEvent(createEvent)).resolves.toEqual({ PhysicalResourceId: JOB, Data: { JobName: JOB } });
  });

  test('any other error fails the deployment', async () => {
    sagemaker.on(CreateTrainingJobCommand).rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }));
    await expect(onEvent(createEvent)).rejects.toThrow('Access denied');
  });

  test('fails clearly when a property is missing', async () => {
    const incomplete = { ...properties, DataFingerprint: undefined } as unknown as typeof properties;
    await expect(onEvent({ ...createEvent, ResourceProperties: incomplete })).rejects.toThrow(
      /missing the properties DataFingerprint/,
    );
  });
});

describe('update', () => {
  test('an unchanged configuration keeps the job and starts nothing', async () => {
    await expect(onEvent(updateEvent({}))).resolves.toEqual({ PhysicalResourceId: JOB, Data: { JobName: JOB } });
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(0);
  });

  test('a changed configuration trains a new job under a new name (a replacement)', async () => {
    sagemaker.on(CreateTrainingJobCommand).resolves({ TrainingJobArn: 'arn' });
    const response = await onEvent(updateEvent({ DataFingerprint: 'b'.repeat(64) }));
    expect(response.PhysicalResourceId).not.toBe(JOB);
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)[0].args[0].input.TrainingJobName).toBe(response.PhysicalResourceId);
  });
});

describe('isComplete while creating', () => {
  test('waits while the job is in progress', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('InProgress', { SecondaryStatus: 'Training' }));
    await expect(isComplete(poll(createEvent))).resolves.toEqual({ IsComplete: false });
  });

  test('returns the model artifact when the job completed', async () => {
    const model = `s3://artifacts/training-output/${JOB}/output/model.tar.gz`;
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB }).resolves(job('Completed', { ModelArtifacts: { S3ModelArtifacts: model } }));
    await expect(isComplete(poll(createEvent))).resolves.toEqual({
      IsComplete: true,
      Data: { JobName: JOB, ModelArtifacts: model },
    });
  });

  test('fails the deployment with the FailureReason of a failed job', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Failed', { FailureReason: 'ClientError: unable to read data channel train' }));
    await expect(isComplete(poll(createEvent))).rejects.toThrow(`Training job ${JOB} failed: ClientError: unable to read data channel train`);
  });

  test('fails the deployment when the job was stopped', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Stopped', { FailureReason: 'MaxRuntimeExceeded' }));
    await expect(isComplete(poll(createEvent))).rejects.toThrow(/is Stopped: MaxRuntimeExceeded; it was stopped before it finished/);
  });

  test('fails when a completed job has no model artifact', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Completed'));
    await expect(isComplete(poll(createEvent))).rejects.toThrow(/without model artifacts/);
  });
});

describe('delete', () => {
  test('stops a job that is still running', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('InProgress'));
    sagemaker.on(StopTrainingJobCommand).resolves({});
    await expect(onEvent(deleteEvent())).resolves.toEqual({ PhysicalResourceId: JOB });
    expect(sagemaker.commandCalls(StopTrainingJobCommand)[0].args[0].input).toEqual({ TrainingJobName: JOB });
  });

  test('does not stop a job that has finished', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Completed'));
    await onEvent(deleteEvent());
    expect(sagemaker.commandCalls(StopTrainingJobCommand)).toHaveLength(0);
  });

  test('succeeds when the job never existed', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(notFound());
    await expect(onEvent(deleteEvent())).resolves.toEqual({ PhysicalResourceId: JOB });
  });

  test('never touches a job outside the lab prefix (a failed create left another id)', async () => {
    await expect(onEvent(deleteEvent('other-stack-job-1'))).resolves.toEqual({ PhysicalResourceId: 'other-stack-job-1' });
    await expect(isComplete(poll(deleteEvent('other-stack-job-1'), 'other-stack-job-1'))).resolves.toEqual({ IsComplete: true });
    expect(sagemaker.calls()).toHaveLength(0);
  });

  test('a resource with broken properties never blocks the delete', async () => {
    const broken = { ...deleteEvent(), ResourceProperties: { ServiceToken: properties.ServiceToken } as typeof properties };
    await expect(onEvent(broken)).resolves.toEqual({ PhysicalResourceId: JOB });
    await expect(isComplete(poll(broken))).resolves.toEqual({ IsComplete: true });
    expect(sagemaker.calls()).toHaveLength(0);
  });

  test('isComplete waits while the job is stopping', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Stopping'));
    await expect(isComplete(poll(deleteEvent()))).resolves.toEqual({ IsComplete: false });
    expect(sagemaker.commandCalls(DeleteTrainingJobCommand)).toHaveLength(0);
  });

  test('isComplete stops a job that is still in progress and keeps waiting', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('InProgress'));
    sagemaker.on(StopTrainingJobCommand).resolves({});
    await expect(isComplete(poll(deleteEvent()))).resolves.toEqual({ IsComplete: false });
    expect(sagemaker.commandCalls(StopTrainingJobCommand)).toHaveLength(1);
  });

  test('isComplete deletes the job record once it has stopped', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Stopped'));
    sagemaker.on(DeleteTrainingJobCommand).resolves({});
    await expect(isComplete(poll(deleteEvent()))).resolves.toEqual({ IsComplete: true });
    expect(sagemaker.commandCalls(DeleteTrainingJobCommand)[0].args[0].input).toEqual({ TrainingJobName: JOB });
  });

  test('isComplete is done when the job is already gone', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(notFound());
    await expect(isComplete(poll(deleteEvent()))).resolves.toEqual({ IsComplete: true });
  });

  test('isComplete deletes the job\'s log streams once the job is gone, and only those', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Completed'));
    sagemaker.on(DeleteTrainingJobCommand).resolves({});
    logs
      .on(DescribeLogStreamsCommand)
      .resolvesOnce({ logStreams: [{ logStreamName: `${JOB}/algo-1-1700000000` }], nextToken: 'page-2' })
      .resolvesOnce({ logStreams: [{ logStreamName: `${JOB}/algo-2-1700000000` }] });
    logs.on(DeleteLogStreamCommand).resolves({});
    await expect(isComplete(poll(deleteEvent()))).resolves.toEqual({ IsComplete: true });
    expect(logs.commandCalls(DescribeLogStreamsCommand)[0].args[0].input).toMatchObject({
      logGroupName: '/aws/sagemaker/TrainingJobs',
      logStreamNamePrefix: `${JOB}/`,
    });
    expect(logs.commandCalls(DeleteLogStreamCommand).map((c) => c.args[0].input)).toEqual([
      { logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: `${JOB}/algo-1-1700000000` },
      { logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: `${JOB}/algo-2-1700000000` },
    ]);
  });

  test('a failed job keeps its log streams, so the rollback that deletes it leaves the learner why', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Failed', { FailureReason: 'ClientError: bad data' }));
    sagemaker.on(DeleteTrainingJobCommand).resolves({});
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: `${JOB}/algo-1-1700000000` }] });
    logs.on(DeleteLogStreamCommand).resolves({});
    await expect(isComplete(poll(deleteEvent()))).resolves.toEqual({ IsComplete: true });
    expect(logs.commandCalls(DeleteLogStreamCommand)).toHaveLength(0);
    expect(console.info).toHaveBeenCalledWith(expect.stringContaining('failed: ClientError: bad data'));
  });

  test('isComplete keeps the log streams while the job is still stopping', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Stopping'));
    await isComplete(poll(deleteEvent()));
    expect(logs.commandCalls(DescribeLogStreamsCommand)).toHaveLength(0);
  });

  test('isComplete is done when the training log group does not exist', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(notFound());
    logs.on(DescribeLogStreamsCommand).rejects(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }));
    await expect(isComplete(poll(deleteEvent()))).resolves.toEqual({ IsComplete: true });
  });

  test('isComplete fails the delete (to be retried) when a stream cannot be deleted', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(notFound());
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: `${JOB}/algo-1-1` }] });
    logs.on(DeleteLogStreamCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(isComplete(poll(deleteEvent()))).rejects.toThrow('Rate exceeded');
  });
});

describe('quota errors', () => {
  test('a refused create names the quota and the commands to raise it', async () => {
    sagemaker
      .on(CreateTrainingJobCommand)
      .rejects(new ResourceLimitExceeded({ message: 'The account-level service limit \'ml.m5.large for training job usage\' is 0 Instances', $metadata: {} }));
    const error = (await onEvent(createEvent).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`Training job ${JOB} was refused`);
    expect(error.message).toContain('SageMaker quota "ml.m5.large for training job usage" must be at least 1');
    expect(error.message).toContain(
      'aws service-quotas request-service-quota-increase --service-code sagemaker --quota-code L-611FA074 --desired-value 1 --region us-east-1',
    );
  });

  test('a spot training job counts against the spot quota', async () => {
    const spot = { ...request, EnableManagedSpotTraining: true };
    sagemaker.on(CreateTrainingJobCommand).rejects(new ResourceLimitExceeded({ message: 'limit', $metadata: {} }));
    await expect(onEvent({ ...createEvent, ResourceProperties: { ...properties, JobRequest: JSON.stringify(spot) } })).rejects.toThrow(
      'SageMaker quota "ml.m5.large for spot training job usage"',
    );
  });

  test('a job that failed on a quota says which quota', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(job('Failed', { FailureReason: 'ResourceLimitExceeded: no capacity for ml.m5.large' }));
    await expect(isComplete(poll(createEvent))).rejects.toThrow(/failed: ResourceLimitExceeded[^]*quota "ml\.m5\.large for training job usage"/);
  });
});

describe('tuning job', () => {
  const tuningRequest: JobRequests['tuning'] = {
    HyperParameterTuningJobConfig: {
      Strategy: 'Bayesian',
      HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:mlogloss' },
      ResourceLimits: { MaxNumberOfTrainingJobs: 6, MaxParallelTrainingJobs: 2 },
      TrainingJobEarlyStoppingType: 'Auto',
    },
    TrainingJobDefinition: {
      AlgorithmSpecification: { TrainingImage: 'image', TrainingInputMode: 'File' },
      RoleArn: request.RoleArn,
      OutputDataConfig: request.OutputDataConfig,
      ResourceConfig: request.ResourceConfig,
      StoppingCondition: request.StoppingCondition,
      VpcConfig: request.VpcConfig,
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
    },
  };
  const tuningProps = { ...properties, JobKind: 'tuning' as const, JobNamePrefix: 'alice-l05-tune', JobRequest: JSON.stringify(tuningRequest) };
  const TUNING = jobName(tuningProps);
  const create: CdkCustomResourceEvent<typeof properties> = { ...createEvent, ResourceProperties: tuningProps };
  const remove: CdkCustomResourceEvent<typeof properties> = { ...create, RequestType: 'Delete', PhysicalResourceId: TUNING };
  const tuning = (status: DescribeHyperParameterTuningJobResponse['HyperParameterTuningJobStatus'], extra: Partial<DescribeHyperParameterTuningJobResponse> = {}) =>
    ({ HyperParameterTuningJobName: TUNING, HyperParameterTuningJobStatus: status, ...extra }) as DescribeHyperParameterTuningJobResponse;
  const BEST = `${TUNING}-004-1a2b3c4d`;

  test('its name fits the 32-character limit of tuning jobs with a 16-character learner', () => {
    expect(TUNING).toMatch(/^alice-l05-tune-[0-9a-f]{6}$/);
    expect(jobName({ ...tuningProps, JobNamePrefix: `${'x'.repeat(16)}-l05-tune` })).toHaveLength(32);
    expect(() => jobName({ ...tuningProps, JobNamePrefix: 'x'.repeat(26) })).toThrow(/at most 25/);
  });

  test('create starts the tuning job with the whole request', async () => {
    sagemaker.on(CreateHyperParameterTuningJobCommand).resolves({ HyperParameterTuningJobArn: 'arn' });
    await expect(onEvent(create)).resolves.toEqual({ PhysicalResourceId: TUNING, Data: { JobName: TUNING } });
    expect(sagemaker.commandCalls(CreateHyperParameterTuningJobCommand)[0].args[0].input).toEqual({
      ...tuningRequest,
      HyperParameterTuningJobName: TUNING,
    });
  });

  test('a retried create follows the tuning job that already exists', async () => {
    sagemaker.on(CreateHyperParameterTuningJobCommand).rejects(new ResourceInUse({ message: 'exists', $metadata: {} }));
    await expect(onEvent(create)).resolves.toEqual({ PhysicalResourceId: TUNING, Data: { JobName: TUNING } });
  });

  test('a refused create names the training quota of its instance type, for its parallel jobs', async () => {
    sagemaker.on(CreateHyperParameterTuningJobCommand).rejects(new ResourceLimitExceeded({ message: 'limit', $metadata: {} }));
    await expect(onEvent(create)).rejects.toThrow(/SageMaker quota "ml\.m5\.large for training job usage" must be at least 2[^]*--quota-code L-611FA074 --desired-value 2/);
  });

  test('isComplete waits while it is in progress', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('InProgress', { TrainingJobStatusCounters: { Completed: 2, InProgress: 2 } }));
    await expect(isComplete(poll(create, TUNING))).resolves.toEqual({ IsComplete: false });
  });

  test('isComplete returns the best training job and its model when it completed', async () => {
    const model = `s3://artifacts/tuning-output/${BEST}/output/model.tar.gz`;
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Completed', { BestTrainingJob: summary(BEST, 'Completed') }));
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: BEST }).resolves(job('Completed', { TrainingJobName: BEST, ModelArtifacts: { S3ModelArtifacts: model } }));
    await expect(isComplete(poll(create, TUNING))).resolves.toEqual({
      IsComplete: true,
      Data: { JobName: TUNING, BestTrainingJobName: BEST, ModelArtifacts: model },
    });
  });

  test('isComplete fails when it completed without a best training job', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Completed'));
    await expect(isComplete(poll(create, TUNING))).rejects.toThrow(/completed without a best training job/);
  });

  test('isComplete fails with SageMaker\'s reason when it failed, and names the quota for a quota failure', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Failed', { FailureReason: 'All training jobs failed: ResourceLimitExceeded' }));
    await expect(isComplete(poll(create, TUNING))).rejects.toThrow(
      new RegExp(`Tuning job ${TUNING} failed: All training jobs failed: ResourceLimitExceeded\\n.*ml\\.m5\\.large for training job usage`),
    );
  });

  test('isComplete fails when it was stopped', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Stopped'));
    await expect(isComplete(poll(create, TUNING))).rejects.toThrow(/is Stopped; it was stopped before it finished/);
  });

  test('delete stops a running tuning job', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('InProgress'));
    sagemaker.on(StopHyperParameterTuningJobCommand).resolves({});
    await expect(onEvent(remove)).resolves.toEqual({ PhysicalResourceId: TUNING });
    expect(sagemaker.commandCalls(StopHyperParameterTuningJobCommand)[0].args[0].input).toEqual({ HyperParameterTuningJobName: TUNING });
  });

  test('isComplete waits for its training jobs to stop, then deletes them, the tuning job and their log streams', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Stopped'));
    sagemaker
      .on(ListTrainingJobsForHyperParameterTuningJobCommand)
      .resolvesOnce({ TrainingJobSummaries: [summary(BEST, 'Completed'), summary(`${TUNING}-005-00000000`, 'Stopping')] })
      .resolves({ TrainingJobSummaries: [summary(BEST, 'Completed'), summary(`${TUNING}-005-00000000`, 'Stopped')] });
    sagemaker.on(DeleteTrainingJobCommand).resolves({});
    sagemaker.on(DeleteHyperParameterTuningJobCommand).resolves({});
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: `${BEST}/algo-1-1700000000` }] });
    logs.on(DeleteLogStreamCommand).resolves({});

    await expect(isComplete(poll(remove, TUNING))).resolves.toEqual({ IsComplete: false });
    expect(sagemaker.commandCalls(DeleteHyperParameterTuningJobCommand)).toHaveLength(0);
    expect(logs.commandCalls(DeleteLogStreamCommand)).toHaveLength(0);

    await expect(isComplete(poll(remove, TUNING))).resolves.toEqual({ IsComplete: true });
    expect(sagemaker.commandCalls(DeleteTrainingJobCommand).map((c) => c.args[0].input.TrainingJobName)).toEqual([
      BEST,
      BEST,
      `${TUNING}-005-00000000`,
    ]);
    expect(sagemaker.commandCalls(DeleteHyperParameterTuningJobCommand)[0].args[0].input).toEqual({ HyperParameterTuningJobName: TUNING });
    expect(logs.commandCalls(DescribeLogStreamsCommand)[0].args[0].input).toMatchObject({
      logGroupName: '/aws/sagemaker/TrainingJobs',
      logStreamNamePrefix: `${TUNING}-`,
    });
  });

  test('isComplete stops a training job of the tuning job that still runs', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Failed'));
    sagemaker.on(ListTrainingJobsForHyperParameterTuningJobCommand).resolves({ TrainingJobSummaries: [summary(BEST, 'InProgress')] });
    sagemaker.on(StopTrainingJobCommand).resolves({});
    await expect(isComplete(poll(remove, TUNING))).resolves.toEqual({ IsComplete: false });
    expect(sagemaker.commandCalls(StopTrainingJobCommand)[0].args[0].input).toEqual({ TrainingJobName: BEST });
  });

  test('a failed tuning job is deleted with its training jobs, but their log streams stay for the learner', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Failed', { FailureReason: 'All training jobs failed' }));
    sagemaker.on(ListTrainingJobsForHyperParameterTuningJobCommand).resolves({ TrainingJobSummaries: [summary(BEST, 'Failed')] });
    sagemaker.on(DeleteTrainingJobCommand).resolves({});
    sagemaker.on(DeleteHyperParameterTuningJobCommand).resolves({});
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: `${BEST}/algo-1-1700000000` }] });
    logs.on(DeleteLogStreamCommand).resolves({});
    await expect(isComplete(poll(remove, TUNING))).resolves.toEqual({ IsComplete: true });
    expect(sagemaker.commandCalls(DeleteHyperParameterTuningJobCommand)).toHaveLength(1);
    expect(logs.commandCalls(DeleteLogStreamCommand)).toHaveLength(0);
    expect(console.info).toHaveBeenCalledWith(expect.stringContaining('/aws/sagemaker/TrainingJobs'));
  });

  test('isComplete is done when the tuning job is already gone', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).rejects(new ResourceNotFound({ message: 'not found', $metadata: {} }));
    await expect(isComplete(poll(remove, TUNING))).resolves.toEqual({ IsComplete: true });
  });
});

describe('transform job', () => {
  const transformRequest: JobRequests['transform'] = {
    ModelName: 'Model-abc',
    BatchStrategy: 'MultiRecord',
    TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://data/test/' } }, ContentType: 'text/csv', SplitType: 'Line' },
    TransformOutput: { S3OutputPath: 's3://data/transform-output/', KmsKeyId: 'key', AssembleWith: 'Line' },
    TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeKmsKeyId: 'key' },
    DataProcessing: { JoinSource: 'Input' },
  };
  const transformProps = { ...properties, JobKind: 'transform' as const, JobNamePrefix: 'lab05tuneandbatch-transform', JobRequest: JSON.stringify(transformRequest) };
  const TRANSFORM = jobName(transformProps);
  const create: CdkCustomResourceEvent<typeof properties> = { ...createEvent, ResourceProperties: transformProps };
  const remove: CdkCustomResourceEvent<typeof properties> = { ...create, RequestType: 'Delete', PhysicalResourceId: TRANSFORM };
  const transform = (status: DescribeTransformJobResponse['TransformJobStatus'], extra: Partial<DescribeTransformJobResponse> = {}) =>
    ({ TransformJobName: TRANSFORM, TransformJobStatus: status, ...extra }) as DescribeTransformJobResponse;

  test('create starts the transform job with the whole request', async () => {
    sagemaker.on(CreateTransformJobCommand).resolves({ TransformJobArn: 'arn' });
    await expect(onEvent(create)).resolves.toEqual({ PhysicalResourceId: TRANSFORM, Data: { JobName: TRANSFORM } });
    expect(sagemaker.commandCalls(CreateTransformJobCommand)[0].args[0].input).toEqual({ ...transformRequest, TransformJobName: TRANSFORM });
  });

  test('a retried create follows the transform job that already exists', async () => {
    sagemaker.on(CreateTransformJobCommand).rejects(new ResourceInUse({ message: 'exists', $metadata: {} }));
    await expect(onEvent(create)).resolves.toEqual({ PhysicalResourceId: TRANSFORM, Data: { JobName: TRANSFORM } });
  });

  test('a refused create names the transform quota', async () => {
    sagemaker.on(CreateTransformJobCommand).rejects(new ResourceLimitExceeded({ message: 'limit', $metadata: {} }));
    await expect(onEvent(create)).rejects.toThrow('SageMaker quota "ml.m5.large for transform job usage"');
  });

  test('isComplete waits, then returns the output path', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolvesOnce(transform('InProgress')).resolves(
      transform('Completed', { TransformOutput: { S3OutputPath: 's3://data/transform-output/' } }),
    );
    await expect(isComplete(poll(create, TRANSFORM))).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(poll(create, TRANSFORM))).resolves.toEqual({
      IsComplete: true,
      Data: { JobName: TRANSFORM, OutputPath: 's3://data/transform-output/' },
    });
  });

  test('isComplete fails with SageMaker\'s reason when it failed', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(transform('Failed', { FailureReason: 'ClientError: See job logs for more information' }));
    await expect(isComplete(poll(create, TRANSFORM))).rejects.toThrow(`Transform job ${TRANSFORM} failed: ClientError: See job logs for more information`);
  });

  test('isComplete fails when it was stopped', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(transform('Stopped'));
    await expect(isComplete(poll(create, TRANSFORM))).rejects.toThrow(/Transform job .* is Stopped/);
  });

  test('delete stops a running transform job, and isComplete waits for it', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolvesOnce(transform('InProgress')).resolves(transform('Stopping'));
    sagemaker.on(StopTransformJobCommand).resolves({});
    await expect(onEvent(remove)).resolves.toEqual({ PhysicalResourceId: TRANSFORM });
    expect(sagemaker.commandCalls(StopTransformJobCommand)[0].args[0].input).toEqual({ TransformJobName: TRANSFORM });
    await expect(isComplete(poll(remove, TRANSFORM))).resolves.toEqual({ IsComplete: false });
  });

  test('a failed transform job keeps its log streams for the learner', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(transform('Failed', { FailureReason: 'ClientError: See job logs' }));
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: `${TRANSFORM}/i-0abc-1700000000` }] });
    logs.on(DeleteLogStreamCommand).resolves({});
    await expect(isComplete(poll(remove, TRANSFORM))).resolves.toEqual({ IsComplete: true });
    expect(logs.commandCalls(DeleteLogStreamCommand)).toHaveLength(0);
  });

  test('isComplete deletes the transform log streams once the job has stopped (there is no delete API for the job)', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(transform('Completed'));
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: `${TRANSFORM}/i-0abc-1700000000` }] });
    logs.on(DeleteLogStreamCommand).resolves({});
    await expect(isComplete(poll(remove, TRANSFORM))).resolves.toEqual({ IsComplete: true });
    expect(logs.commandCalls(DeleteLogStreamCommand)[0].args[0].input).toEqual({
      logGroupName: '/aws/sagemaker/TransformJobs',
      logStreamName: `${TRANSFORM}/i-0abc-1700000000`,
    });
  });
});

function summary(name: string, status: TrainingJobStatus): HyperParameterTrainingJobSummary {
  return { TrainingJobName: name, TrainingJobStatus: status, TrainingJobArn: 'arn', CreationTime: new Date(0), TunedHyperParameters: {} };
}
