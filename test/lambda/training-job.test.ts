import {
  CreateTrainingJobCommand,
  DeleteTrainingJobCommand,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobResponse,
  ResourceInUse,
  SageMakerClient,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import type { CdkCustomResourceEvent, CdkCustomResourceIsCompleteEvent } from 'aws-lambda';
import {
  CloudWatchLogsClient,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as isComplete } from '../../lambda/training-job/is-complete';
import { handler as onEvent } from '../../lambda/training-job/on-event';
import type { TrainingJobProperties, TrainingJobRequest } from '../../lambda/training-job/properties';
import { trainingJobName } from '../../lambda/training-job/training-job';

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
const properties: TrainingJobProperties & { ServiceToken: string } = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:framework-onEvent',
  JobNamePrefix: 'lab03sagemakerprivate-xgboost',
  // As CloudFormation delivers it: one JSON string.
  TrainingJobRequest: JSON.stringify(request),
  DataFingerprint: 'a'.repeat(64),
};
const JOB = trainingJobName(properties);
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
const updateEvent = (changed: Partial<TrainingJobProperties>): CdkCustomResourceEvent<typeof properties> => ({
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

beforeEach(() => {
  sagemaker.reset();
  logs.reset();
  logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [] });
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});

describe('job name', () => {
  test('is the prefix and a hash of the configuration, the same for the same configuration', () => {
    expect(JOB).toMatch(/^lab03sagemakerprivate-xgboost-[0-9a-f]{12}$/);
    expect(trainingJobName({ ...properties })).toBe(JOB);
  });

  test('changes when the request or the data changes', () => {
    const otherRequest = JSON.stringify({ ...request, HyperParameters: { num_round: '61' } });
    expect(trainingJobName({ ...properties, TrainingJobRequest: otherRequest })).not.toBe(JOB);
    expect(trainingJobName({ ...properties, DataFingerprint: 'b'.repeat(64) })).not.toBe(JOB);
  });

  test('rejects a prefix that makes an invalid or too long name', () => {
    expect(() => trainingJobName({ ...properties, JobNamePrefix: 'Upper_Case' })).toThrow(/lowercase/);
    expect(() => trainingJobName({ ...properties, JobNamePrefix: 'x'.repeat(51) })).toThrow(/at most 50/);
  });
});

describe('create', () => {
  test('starts the job with the whole request under the derived name', async () => {
    sagemaker.on(CreateTrainingJobCommand).resolves({ TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${JOB}` });
    const response = await onEvent(createEvent);
    expect(response).toEqual({ PhysicalResourceId: JOB, Data: { TrainingJobName: JOB } });
    const [call] = sagemaker.commandCalls(CreateTrainingJobCommand);
    expect(call.args[0].input).toEqual({ ...request, TrainingJobName: JOB });
    expect(call.args[0].input).toMatchObject({ EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true });
  });

  test('a retried create follows the job that already exists with that name', async () => {
    sagemaker.on(CreateTrainingJobCommand).rejects(new ResourceInUse({ message: 'Training job names must be unique', $metadata: {} }));
    await expect(onEvent(createEvent)).resolves.toEqual({ PhysicalResourceId: JOB, Data: { TrainingJobName: JOB } });
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
    await expect(onEvent(updateEvent({}))).resolves.toEqual({ PhysicalResourceId: JOB, Data: { TrainingJobName: JOB } });
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
      Data: { TrainingJobName: JOB, ModelArtifacts: model },
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
