import {
  CodePipelineClient,
  ListPipelineExecutionsCommand as ListDeliveriesCommand,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
  StartPipelineExecutionCommand as StartDeliveryCommand,
  StopPipelineExecutionCommand as StopDeliveryCommand,
} from '@aws-sdk/client-codepipeline';
import { GetObjectCommand, type GetObjectCommandOutput, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DeleteModelPackageCommand,
  DeleteProcessingJobCommand,
  DeleteTrainingJobCommand,
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
  ListEndpointConfigsCommand,
  ListModelPackagesCommand,
  ListModelsCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  SageMakerClient,
  StopPipelineExecutionCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { CodePipelineEvent, EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchLogsClient, DeleteLogStreamCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { cleanupPass } from '../../../lambda/mlops-pipeline/cleanup';
import { deploymentName, deployProgress, parseAction, smokeTestProblem } from '../../../lambda/mlops-pipeline/delivery';
import { handler as deliveryHandler } from '../../../lambda/mlops-pipeline/delivery-handler';
import { DELIVERY_ENV, TRIGGER_ENV, type CleanupProperties } from '../../../lambda/mlops-pipeline/env';
import { approvedVersion, handler as triggerHandler, type ModelPackageStateChange } from '../../../lambda/mlops-pipeline/trigger';

const sagemaker = mockClient(SageMakerClient);
const runtime = mockClient(SageMakerRuntimeClient);
const codepipeline = mockClient(CodePipelineClient);
const s3 = mockClient(S3Client);
const logs = mockClient(CloudWatchLogsClient);

const VERSION = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/lab07mlopspipeline-models/3';
const notFound = (what: string) => Object.assign(new Error(`Could not find ${what}`), { name: 'ValidationException' });

beforeEach(() => {
  for (const client of [sagemaker, runtime, codepipeline, s3, logs]) client.reset();
  for (const level of ['info', 'warn', 'error'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  Object.assign(process.env, {
    [DELIVERY_ENV.resourcePrefix]: 'lab07mlopspipeline-dlv',
    [DELIVERY_ENV.stagingEndpoint]: 'lab07mlopspipeline-staging',
    [DELIVERY_ENV.productionEndpoint]: 'lab07mlopspipeline-production',
    [DELIVERY_ENV.executionRoleArn]: 'arn:aws:iam::123456789012:role/execution',
    [DELIVERY_ENV.modelPackageGroup]: 'lab07mlopspipeline-models',
    [DELIVERY_ENV.bucket]: 'lab-data',
    [DELIVERY_ENV.smokeTestKey]: 'smoke-test/rows.csv',
    [DELIVERY_ENV.learner]: 'none',
    [DELIVERY_ENV.lab]: 'mlops-pipeline',
    [TRIGGER_ENV.deliveryPipeline]: 'delivery',
    [TRIGGER_ENV.sourceBucket]: 'lab-delivery',
    [TRIGGER_ENV.sourceKey]: 'delivery/approved-model.json',
    [TRIGGER_ENV.sourceAction]: 'ApprovalRecord',
  });
});

function job(userParameters: unknown, continuationToken?: string): CodePipelineEvent {
  return {
    'CodePipeline.job': {
      id: 'job-1',
      accountId: '123456789012',
      data: {
        actionConfiguration: { configuration: { FunctionName: 'delivery', UserParameters: JSON.stringify(userParameters) } },
        inputArtifacts: [],
        outputArtifacts: [],
        artifactCredentials: { accessKeyId: 'a', secretAccessKey: 's', sessionToken: 't' },
        ...(continuationToken && { continuationToken }),
      },
    },
  };
}
const deployStaging = { action: 'deploy', target: 'staging', modelPackageArn: VERSION };
/** A stand-in for the SDK's streaming body: the smoke test only calls transformToString. */
const body = (text: string) => ({ transformToString: () => Promise.resolve(text) }) as unknown as GetObjectCommandOutput['Body'];

describe('delivery actions', () => {
  test('a deploy of an approved version creates model and serverless configuration, creates the missing endpoint, and waits', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves({ ModelApprovalStatus: 'Approved' });
    sagemaker.on(DescribeEndpointCommand).rejects(notFound('endpoint'));
    await deliveryHandler(job(deployStaging));
    const [model] = sagemaker.commandCalls(CreateModelCommand).map((c) => c.args[0].input);
    expect(model).toMatchObject({ Containers: [{ ModelPackageName: VERSION }], ExecutionRoleArn: 'arn:aws:iam::123456789012:role/execution' });
    expect(model.ModelName).toMatch(/^lab07mlopspipeline-dlv-stag-v3-\d{14}$/);
    expect(model.VpcConfig).toBeUndefined();
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)[0].args[0].input.ProductionVariants).toEqual([
      { VariantName: 'AllTraffic', ModelName: model.ModelName, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 2 } },
    ]);
    expect(sagemaker.commandCalls(CreateEndpointCommand)[0].args[0].input).toMatchObject({ EndpointName: 'lab07mlopspipeline-staging', EndpointConfigName: model.ModelName });
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(0);
    const [success] = codepipeline.commandCalls(PutJobSuccessResultCommand).map((c) => c.args[0].input);
    expect(JSON.parse(success.continuationToken!)).toEqual({ endpoint: 'lab07mlopspipeline-staging', config: model.ModelName });
  });

  test('a deploy to an existing endpoint updates it (the previous model serves until the new one is in service)', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves({ ModelApprovalStatus: 'Approved' });
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: 'InService', EndpointConfigName: 'old' });
    await deliveryHandler(job({ ...deployStaging, target: 'production' }));
    expect(sagemaker.commandCalls(UpdateEndpointCommand)[0].args[0].input.EndpointName).toBe('lab07mlopspipeline-production');
    expect(sagemaker.commandCalls(CreateEndpointCommand)).toHaveLength(0);
  });

  test('a version that is not Approved (rejected after its approval) is not deployed', async () => {
    sagemaker.on(DescribeModelPackageCommand).resolves({ ModelApprovalStatus: 'Rejected' });
    await deliveryHandler(job(deployStaging));
    expect(sagemaker.commandCalls(CreateModelCommand)).toHaveLength(0);
    expect(codepipeline.commandCalls(PutJobFailureResultCommand)[0].args[0].input.failureDetails?.message).toMatch(/is Rejected: only an Approved version is deployed/);
    expect(codepipeline.commandCalls(PutJobSuccessResultCommand)).toHaveLength(0);
  });

  test('a waiting deploy succeeds once the endpoint serves the new configuration, and fails when the update failed', async () => {
    const token = JSON.stringify({ endpoint: 'lab07mlopspipeline-staging', config: 'new' });
    sagemaker.on(DescribeEndpointCommand).resolvesOnce({ EndpointStatus: 'Updating', EndpointConfigName: 'old' }).resolvesOnce({ EndpointStatus: 'InService', EndpointConfigName: 'new' });
    await deliveryHandler(job(deployStaging, token));
    await deliveryHandler(job(deployStaging, token));
    const calls = codepipeline.commandCalls(PutJobSuccessResultCommand).map((c) => c.args[0].input);
    expect(calls[0].continuationToken).toBe(token);
    expect(calls[1]).toMatchObject({ executionDetails: { summary: 'lab07mlopspipeline-staging serves new' } });
    expect(calls[1].continuationToken).toBeUndefined();
    expect(deployProgress({ EndpointStatus: 'InService', EndpointConfigName: 'old', FailureReason: 'bad image' }, 'new')).toEqual({
      failed: 'The update failed and the endpoint kept its previous model: bad image',
    });
  });

  test('the smoke test passes on one probability per row and fails otherwise', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('1,2,3\n4,5,6\n') });
    runtime.on(InvokeEndpointCommand).resolvesOnce({ Body: new TextEncoder().encode('0.91\n0.12\n') as never }).resolvesOnce({ Body: new TextEncoder().encode('0.91\n') as never });
    await deliveryHandler(job({ action: 'smoke-test', target: 'staging' }));
    s3.on(GetObjectCommand).resolves({ Body: body('1,2,3\n4,5,6\n') });
    await deliveryHandler(job({ action: 'smoke-test', target: 'staging' }));
    expect(runtime.commandCalls(InvokeEndpointCommand)[0].args[0].input).toMatchObject({ EndpointName: 'lab07mlopspipeline-staging', ContentType: 'text/csv' });
    expect(codepipeline.commandCalls(PutJobSuccessResultCommand)[0].args[0].input.executionDetails?.summary).toMatch(/passed: 2 rows/);
    expect(codepipeline.commandCalls(PutJobFailureResultCommand)[0].args[0].input.failureDetails?.message).toMatch(/Sent 2 rows, got 1 answers/);
  });

  test('pure parts: action parsing refuses what is not a version ARN, names fit SageMaker, answers are checked', () => {
    expect(() => parseAction(JSON.stringify({ ...deployStaging, modelPackageArn: 'none' }))).toThrow(/needs the ARN of a model package version/);
    expect(() => parseAction('not json')).toThrow(/not JSON/);
    expect(() => parseAction(JSON.stringify({ action: 'smoke-test', target: 'production' }))).toThrow(/Unknown delivery action/);
    expect(deploymentName('p', 'production', 12, new Date('2026-12-02T11:50:00Z'))).toBe('p-prod-v12-20261202115000');
    expect(() => deploymentName('x'.repeat(50), 'staging', 1, new Date())).toThrow(/longer than SageMaker's 63/);
    expect(smokeTestProblem([], '')).toMatch(/no rows/);
    expect(smokeTestProblem(['a'], '1.5')).toMatch(/not a probability/);
    expect(smokeTestProblem(['a', 'b'], '0.1,0.9')).toBeUndefined();
  });
});

describe('approval trigger', () => {
  const event = (detail: ModelPackageStateChange) =>
    ({ id: 'event-1', time: '2026-12-02T12:00:00Z', detail }) as EventBridgeEvent<string, ModelPackageStateChange>;

  test('an approved version of the group is recorded and starts the delivery with its ARN and the record\'s version', async () => {
    process.env[TRIGGER_ENV.modelPackageGroup] = 'lab07mlopspipeline-models';
    s3.on(PutObjectCommand).resolves({ VersionId: 'v-1' });
    codepipeline.on(StartDeliveryCommand).resolves({ pipelineExecutionId: 'exec-1' });
    await expect(
      triggerHandler(event({ ModelPackageGroupName: 'lab07mlopspipeline-models', ModelApprovalStatus: 'Approved', ModelPackageArn: VERSION })),
    ).resolves.toBe('exec-1');
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({ Bucket: 'lab-delivery', Key: 'delivery/approved-model.json' });
    expect(codepipeline.commandCalls(StartDeliveryCommand)[0].args[0].input).toEqual({
      name: 'delivery',
      variables: [{ name: 'ModelPackageArn', value: VERSION }],
      sourceRevisions: [{ actionName: 'ApprovalRecord', revisionType: 'S3_OBJECT_VERSION_ID', revisionValue: 'v-1' }],
      clientRequestToken: 'event-1',
    });
  });

  test('a rejected version, or another group\'s, starts nothing', async () => {
    process.env[TRIGGER_ENV.modelPackageGroup] = 'lab07mlopspipeline-models';
    await expect(triggerHandler(event({ ModelPackageGroupName: 'lab07mlopspipeline-models', ModelApprovalStatus: 'Rejected', ModelPackageArn: VERSION }))).resolves.toBe('skipped');
    expect(approvedVersion({ ModelPackageGroupName: 'other', ModelApprovalStatus: 'Approved', ModelPackageArn: VERSION }, 'lab07mlopspipeline-models')).toEqual({ skip: 'another group (other)' });
    expect(codepipeline.commandCalls(StartDeliveryCommand)).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

describe('run-time clean-up', () => {
  const props: CleanupProperties = {
    PipelineName: 'lab07mlopspipeline-pipeline',
    DeliveryPipelineName: 'delivery',
    ModelPackageGroupName: 'lab07mlopspipeline-models',
    ResourcePrefix: 'lab07mlopspipeline-dlv',
    Endpoints: ['lab07mlopspipeline-staging', 'lab07mlopspipeline-production'],
  };
  const EXECUTION = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/lab07mlopspipeline-pipeline/execution/abc';

  test('stops running executions first and deletes nothing else in that pass', async () => {
    sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [{ PipelineExecutionArn: EXECUTION, PipelineExecutionStatus: 'Executing' }] });
    codepipeline.on(ListDeliveriesCommand).resolves({ pipelineExecutionSummaries: [{ pipelineExecutionId: 'd-1', status: 'InProgress' }] });
    const { remaining } = await cleanupPass(props);
    expect(remaining).toEqual([`pipeline execution ${EXECUTION} (Executing)`, 'delivery d-1']);
    expect(sagemaker.commandCalls(StopPipelineExecutionCommand)[0].args[0].input.PipelineExecutionArn).toBe(EXECUTION);
    expect(codepipeline.commandCalls(StopDeliveryCommand)[0].args[0].input).toMatchObject({ pipelineExecutionId: 'd-1', abandon: true });
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
  });

  test('deletes the endpoints and waits for them before the configurations, models, versions and jobs', async () => {
    sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [{ PipelineExecutionArn: EXECUTION, PipelineExecutionStatus: 'Succeeded' }] });
    codepipeline.on(ListDeliveriesCommand).resolves({ pipelineExecutionSummaries: [] });
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'lab07mlopspipeline-staging' }).resolves({ EndpointStatus: 'InService' });
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'lab07mlopspipeline-production' }).rejects(notFound('endpoint'));
    const first = await cleanupPass(props);
    expect(first.remaining).toEqual(['endpoint lab07mlopspipeline-staging (InService)']);
    expect(sagemaker.commandCalls(DeleteEndpointCommand).map((c) => c.args[0].input.EndpointName)).toEqual(['lab07mlopspipeline-staging']);
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand)).toHaveLength(0);

    sagemaker.on(DescribeEndpointCommand).rejects(notFound('endpoint'));
    sagemaker.on(ListEndpointConfigsCommand).resolves({ EndpointConfigs: [{ EndpointConfigName: 'lab07mlopspipeline-dlv-stag-v1-1', EndpointConfigArn: 'a', CreationTime: new Date() }, { EndpointConfigName: 'lab07mlopspipeline-dlvx', EndpointConfigArn: 'b', CreationTime: new Date() }] });
    sagemaker.on(ListModelsCommand).resolves({ Models: [{ ModelName: 'lab07mlopspipeline-dlv-stag-v1-1', ModelArn: 'm', CreationTime: new Date() }] });
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [{ ModelPackageArn: VERSION, ModelPackageStatus: 'Completed', CreationTime: new Date() }] });
    sagemaker.on(ListPipelineExecutionStepsCommand).resolves({
      PipelineExecutionSteps: [
        { StepName: 'Prepare', Metadata: { ProcessingJob: { Arn: 'arn:aws:sagemaker:us-east-1:123456789012:processing-job/pipelines-abc-prepare-1' } } },
        { StepName: 'Train', Metadata: { TrainingJob: { Arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/pipelines-abc-train-1' } } },
      ],
    });
    logs.on(DescribeLogStreamsCommand).resolves({ logStreams: [{ logStreamName: 'pipelines-abc-prepare-1/algo-1-1700000000' }] });
    const second = await cleanupPass(props);
    expect(second.remaining).toEqual([]);
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand).map((c) => c.args[0].input.EndpointConfigName)).toEqual(['lab07mlopspipeline-dlv-stag-v1-1']);
    expect(sagemaker.commandCalls(DeleteModelCommand).map((c) => c.args[0].input.ModelName)).toEqual(['lab07mlopspipeline-dlv-stag-v1-1']);
    expect(sagemaker.commandCalls(DeleteModelPackageCommand).map((c) => c.args[0].input.ModelPackageName)).toEqual([VERSION]);
    expect(sagemaker.commandCalls(DeleteProcessingJobCommand)[0].args[0].input.ProcessingJobName).toBe('pipelines-abc-prepare-1');
    expect(sagemaker.commandCalls(DeleteTrainingJobCommand)[0].args[0].input.TrainingJobName).toBe('pipelines-abc-train-1');
    expect(logs.commandCalls(DescribeLogStreamsCommand).map((c) => [c.args[0].input.logGroupName, c.args[0].input.logStreamNamePrefix])).toEqual([
      ['/aws/sagemaker/ProcessingJobs', 'pipelines-abc-prepare-1/'],
      ['/aws/sagemaker/TrainingJobs', 'pipelines-abc-train-1/'],
    ]);
    expect(logs.commandCalls(DeleteLogStreamCommand)[0].args[0].input).toEqual({ logGroupName: '/aws/sagemaker/ProcessingJobs', logStreamName: 'pipelines-abc-prepare-1/algo-1-1700000000' });
  });
});
