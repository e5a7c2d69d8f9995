import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CodePipelineClient, GetPipelineStateCommand } from '@aws-sdk/client-codepipeline';
import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribePipelineExecutionCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  SageMakerClient,
  StartPipelineExecutionCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA_DIR, FILES, renderData } from '../../../labs/07-mlops-pipeline/generate-data';
import { type Clients, labNames, pipelineParameters, printStatus, runPipeline, setApproval, verifyLab } from '../../../labs/07-mlops-pipeline/lib/mlops';
import { main as runPipelineMain } from '../../../labs/07-mlops-pipeline/run-pipeline';
import { MLOPS_OUTPUTS } from '../../../lib/labs/mlops-pipeline/outputs';

const cfn = mockClient(CloudFormationClient);
const sagemaker = mockClient(SageMakerClient);
const runtime = mockClient(SageMakerRuntimeClient);
const codepipeline = mockClient(CodePipelineClient);
const s3 = mockClient(S3Client);
const clients: Clients = {
  cloudFormation: new CloudFormationClient({}),
  sagemaker: new SageMakerClient({}),
  runtime: new SageMakerRuntimeClient({}),
  codepipeline: new CodePipelineClient({}),
  s3: new S3Client({}),
};
const body = (text: string) => ({ transformToString: () => Promise.resolve(text) }) as unknown as GetObjectCommandOutput['Body'];
const GROUP = 'lab07mlopspipeline-models';
const V = (n: number) => `arn:aws:sagemaker:us-east-1:123456789012:model-package/${GROUP}/${n}`;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

beforeEach(() => {
  for (const c of [cfn, sagemaker, runtime, codepipeline, s3]) c.reset();
  lines.length = 0;
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'Lab07MlopsPipeline',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries({
          [MLOPS_OUTPUTS.pipeline]: 'lab07mlopspipeline-pipeline',
          [MLOPS_OUTPUTS.modelPackageGroup]: GROUP,
          [MLOPS_OUTPUTS.deliveryPipeline]: 'delivery',
          [MLOPS_OUTPUTS.stagingEndpoint]: 'staging',
          [MLOPS_OUTPUTS.productionEndpoint]: 'production',
          [MLOPS_OUTPUTS.dataBucket]: 'lab-data',
          [MLOPS_OUTPUTS.smokeTestKey]: 'smoke-test/rows.csv',
        }).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
});

test('the committed data files are what generate-data writes', () => {
  const expected = renderData();
  for (const key of Object.keys(FILES) as (keyof typeof FILES)[]) {
    expect(fs.readFileSync(path.join(DATA_DIR, FILES[key]), 'utf8')).toBe(expected[key]);
  }
});

test('run-pipeline refuses a threshold outside its range before any AWS call', async () => {
  await expect(runPipelineMain(['--threshold', '1.5'])).rejects.toThrow('--threshold must be a number from 0.5 to 1, not "1.5".');
  await expect(runPipelineMain(['--maxDepth', '2.5'])).rejects.toThrow(/--maxDepth must be a whole number from 1 to 10/);
  expect(() => pipelineParameters({ threshold: 0.2, maxDepth: 4, numRound: 50 })).toThrow('Nothing was started: MetricThreshold must be between 0.5 and 1; got 0.2.');
  expect(cfn.calls()).toHaveLength(0);
  expect(sagemaker.calls()).toHaveLength(0);
});

test('run-pipeline starts with the parameters and follows the steps to the end', async () => {
  sagemaker.on(StartPipelineExecutionCommand).resolves({ PipelineExecutionArn: 'arn:exec' });
  sagemaker
    .on(ListPipelineExecutionStepsCommand)
    .resolvesOnce({ PipelineExecutionSteps: [{ StepName: 'Prepare', StepStatus: 'Executing' }] })
    .resolves({ PipelineExecutionSteps: [{ StepName: 'Prepare', StepStatus: 'Succeeded' }, { StepName: 'BelowThreshold', StepStatus: 'Failed', FailureReason: 'Test AUC below MetricThreshold 0.99' }] });
  sagemaker.on(DescribePipelineExecutionCommand).resolvesOnce({ PipelineExecutionStatus: 'Executing' }).resolves({ PipelineExecutionStatus: 'Failed', FailureReason: 'Step failure' });
  const names = await labNames(clients.cloudFormation, 'Lab07MlopsPipeline');
  const final = await runPipeline(clients, names, { threshold: 0.99, maxDepth: 4, numRound: 50 }, { log, sleep: () => Promise.resolve() });
  expect(final.PipelineExecutionStatus).toBe('Failed');
  expect(sagemaker.commandCalls(StartPipelineExecutionCommand)[0].args[0].input.PipelineParameters).toEqual([
    { Name: 'MetricThreshold', Value: '0.99' },
    { Name: 'MaxDepth', Value: '4' },
    { Name: 'NumRound', Value: '50' },
  ]);
  expect(lines).toEqual(expect.arrayContaining(['  step Prepare: Executing', '  step Prepare: Succeeded', '  step BelowThreshold: Failed – Test AUC below MetricThreshold 0.99', '✖ Execution Failed: Step failure.']));
});

test('approve picks the newest pending version; a missing version is a clear error', async () => {
  sagemaker.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: [
      { ModelPackageArn: V(3), ModelPackageVersion: 3, ModelApprovalStatus: 'PendingManualApproval', ModelPackageStatus: 'Completed', CreationTime: new Date() },
      { ModelPackageArn: V(2), ModelPackageVersion: 2, ModelApprovalStatus: 'Approved', ModelPackageStatus: 'Completed', CreationTime: new Date() },
    ],
  });
  const names = await labNames(clients.cloudFormation, 'Lab07MlopsPipeline');
  await expect(setApproval(clients, names, 0, 'Approved', log)).resolves.toBe(V(3));
  expect(sagemaker.commandCalls(UpdateModelPackageCommand)[0].args[0].input).toMatchObject({ ModelPackageArn: V(3), ModelApprovalStatus: 'Approved' });
  await expect(setApproval(clients, names, 9, 'Rejected', log)).rejects.toThrow(`${GROUP} has no version 9. Versions: 3, 2.`);
});

describe('verify', () => {
  const serving = (endpoint: string, version: string) => {
    sagemaker.on(DescribeEndpointCommand, { EndpointName: endpoint }).resolves({ EndpointStatus: 'InService', EndpointConfigName: `${endpoint}-config` });
    sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: `${endpoint}-config` }).resolves({ ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: `${endpoint}-model` }] });
    sagemaker.on(DescribeModelCommand, { ModelName: `${endpoint}-model` }).resolves({ Containers: [{ ModelPackageName: version }] });
  };
  beforeEach(() => {
    sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [{ PipelineExecutionArn: 'arn:x/execution/abc', PipelineExecutionStatus: 'Succeeded' }] });
    s3.on(GetObjectCommand).resolves({ Body: body('1,2\n3,4\n') });
    runtime.on(InvokeEndpointCommand).resolves({ Body: new TextEncoder().encode('0.2\n0.7\n') as never });
  });

  test('all good: ✔ for each check, and ? when no rejected version exists to check', async () => {
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [{ ModelPackageArn: V(1), ModelPackageVersion: 1, ModelApprovalStatus: 'Approved', ModelPackageStatus: 'Completed', CreationTime: new Date() }] });
    serving('staging', V(1));
    serving('production', V(1));
    const names = await labNames(clients.cloudFormation, 'Lab07MlopsPipeline');
    expect(await verifyLab(clients, names, log)).toEqual(['✔', '✔', '✔', '✔', '✔', '✔', '?']);
  });

  test('a rejected version serving is ✖; a missing production endpoint is ✖, not ✔', async () => {
    sagemaker.on(ListModelPackagesCommand).resolves({
      ModelPackageSummaryList: [
        { ModelPackageArn: V(2), ModelPackageVersion: 2, ModelApprovalStatus: 'Rejected', ModelPackageStatus: 'Completed', CreationTime: new Date() },
        { ModelPackageArn: V(1), ModelPackageVersion: 1, ModelApprovalStatus: 'Approved', ModelPackageStatus: 'Completed', CreationTime: new Date() },
      ],
    });
    serving('staging', V(2));
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'production' }).rejects(new Error('Could not find endpoint "production".'));
    const names = await labNames(clients.cloudFormation, 'Lab07MlopsPipeline');
    const marks = await verifyLab(clients, names, log);
    expect(marks.filter((m) => m === '✖')).toHaveLength(2);
    expect(lines).toEqual(expect.arrayContaining([`✖ staging serves ${V(2)}, which is Rejected, not Approved`]));
    expect(lines.some((l) => l.startsWith('✔ no endpoint serves a Rejected version'))).toBe(false);
  });
});

test('status shows each version\'s AUC from its report, and says so when a report cannot be read', async () => {
  sagemaker.on(ListPipelineExecutionsCommand).resolves({ PipelineExecutionSummaries: [] });
  sagemaker.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: [
      { ModelPackageArn: V(2), ModelPackageVersion: 2, ModelApprovalStatus: 'PendingManualApproval', ModelPackageStatus: 'Completed', CreationTime: new Date() },
      { ModelPackageArn: V(1), ModelPackageVersion: 1, ModelApprovalStatus: 'Approved', ModelPackageStatus: 'Completed', CreationTime: new Date() },
    ],
  });
  sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: V(2) }).resolves({ ModelMetrics: { ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: 's3://lab-data/pipeline-runs/x/evaluate/evaluation.json' } } } });
  sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: V(1) }).resolves({});
  s3.on(GetObjectCommand).resolves({ Body: body(JSON.stringify({ binary_classification_metrics: { auc: { value: 0.8123 } } })) });
  sagemaker.on(DescribeEndpointCommand).rejects(new Error('Could not find endpoint "x".'));
  codepipeline.on(GetPipelineStateCommand).resolves({ stageStates: [{ stageName: 'Source', latestExecution: { status: 'Succeeded', pipelineExecutionId: 'e' } }] });
  const names = await labNames(clients.cloudFormation, 'Lab07MlopsPipeline');
  await printStatus(clients, names, log);
  const text = lines.join('\n');
  expect(text).toMatch(/2\s+\|?\s*PendingManualApproval\s+\|?\s*0\.812/);
  expect(text).toContain('? (report unreadable)');
  expect(text).toContain('staging: not deployed (no approved version delivered yet)');
  expect(text).toContain('Delivery delivery: Source Succeeded');
});
