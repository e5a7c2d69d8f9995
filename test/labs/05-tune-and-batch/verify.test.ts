import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeHyperParameterTuningJobCommand,
  type DescribeHyperParameterTuningJobResponse,
  DescribeTransformJobCommand,
  type DescribeTransformJobResponse,
  type HyperParameterTrainingJobSummary,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { LabScriptError } from '../../../labs/shared/stack-outputs';
import { sortBestFirst, verifyTuneAndBatch } from '../../../labs/05-tune-and-batch/verify';

const cfn = mockClient(CloudFormationClient);
const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const clients = { cloudFormation: new CloudFormationClient({}), sagemaker: new SageMakerClient({}), s3: new S3Client({}) };
const STACK = 'Lab05TuneAndBatch';
const TUNING = 'l05-tune-0a1b2c';

const job = (n: number, value: number | undefined, status: HyperParameterTrainingJobSummary['TrainingJobStatus'] = 'Completed') =>
  ({
    TrainingJobName: `${TUNING}-00${n}-deadbeef`,
    TrainingJobArn: 'arn',
    CreationTime: new Date(0),
    TrainingJobStatus: status,
    TunedHyperParameters: { eta: String(0.1 * n), max_depth: String(n + 2) },
    ...(value === undefined ? {} : { FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:merror', Value: value } }),
  }) satisfies HyperParameterTrainingJobSummary;

const tuning = (status: string) =>
  ({
    HyperParameterTuningJobStatus: status,
    HyperParameterTuningJobConfig: {
      Strategy: 'Bayesian',
      HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:merror' },
      ResourceLimits: { MaxNumberOfTrainingJobs: 6, MaxParallelTrainingJobs: 2 },
    },
    BestTrainingJob: { TrainingJobName: `${TUNING}-002-deadbeef` },
  }) as unknown as DescribeHyperParameterTuningJobResponse;
const transform = (status: string) =>
  ({ TransformJobStatus: status, TransformOutput: { S3OutputPath: 's3://lab-bucket/batch-output/' } }) as DescribeTransformJobResponse;
/** A stand-in for the SDK's streaming body: verify only calls transformToString. */
const body = (text: string) => ({ transformToString: () => Promise.resolve(text) }) as unknown as GetObjectCommandOutput['Body'];

function deployed() {
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: STACK,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: 'TuningJobName', OutputValue: TUNING },
          { OutputKey: 'TransformJobName', OutputValue: 'lab05tuneandbatch-transform-0123456789ab' },
          { OutputKey: 'DataBucket', OutputValue: 'lab-bucket' },
        ],
      },
    ],
  });
  sagemaker.on(ListTrainingJobsForHyperParameterTuningJobCommand).resolves({
    TrainingJobSummaries: [job(1, 0.31), job(2, 0.22), job(3, undefined, 'Stopped'), job(4, 0.27)],
  });
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'batch-output/test.csv.out' }, { Key: 'batch-output/other.txt' }] });
  // Rows: actual 2 → 2, 0 → 0, 1 → 2, 2 → 2.
  s3.on(GetObjectCommand, { Key: 'batch-output/test.csv.out' }).resolves({
    Body: body('2,1005.6,-1,62,13.8,11,18,5,2.0\n0,1032.4,0.6,68,14.7,10,31,6,0.0\n1,1010,0,70,10,5,60,3,2.0\n2,990,-4,90,8,30,90,11,2.0\n'),
  });
}

let lines: string[];
const log = (line: string) => lines.push(line);
const sleep = () => Promise.resolve();

beforeEach(() => {
  cfn.reset();
  sagemaker.reset();
  s3.reset();
  lines = [];
});

test('lists the training jobs best first, evaluates the joined transform output per class, and compares best and worst', async () => {
  deployed();
  sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Completed'));
  sagemaker.on(DescribeTransformJobCommand).resolves(transform('Completed'));
  const result = await verifyTuneAndBatch(clients, STACK, { log, sleep });
  expect(result.trainingJobs.map((j) => j.TrainingJobName?.slice(TUNING.length + 1, TUNING.length + 4))).toEqual(['002', '004', '001', '003']);
  expect(result.evaluation.matrix).toEqual([
    [1, 0, 0],
    [0, 0, 1],
    [0, 0, 2],
  ]);
  expect(result.evaluation.accuracy).toBeCloseTo(3 / 4);
  expect(result.evaluation.perClass[2].precision).toBeCloseTo(2 / 3);
  const text = lines.join('\n');
  expect(text).toContain('Best training job: l05-tune-0a1b2c-002-deadbeef');
  expect(text).toMatch(/Best vs worst training job \(validation:merror\): 0\.2200 vs 0\.3100/);
  expect(text).toMatch(/Stopped \(early stop\)/);
  expect(text).toMatch(/rainy\s+66\.7 %\s+100\.0 %/);
  expect(s3.commandCalls(ListObjectsV2Command)[0].args[0].input).toMatchObject({ Bucket: 'lab-bucket', Prefix: 'batch-output/' });
  expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
});

test('waits for a tuning job in progress, with progress lines', async () => {
  deployed();
  sagemaker.on(DescribeHyperParameterTuningJobCommand).resolvesOnce(tuning('InProgress')).resolves(tuning('Completed'));
  sagemaker.on(DescribeTransformJobCommand).resolves(transform('Completed'));
  await verifyTuneAndBatch(clients, STACK, { log, sleep });
  expect(lines[0]).toMatch(/… tuning job l05-tune-0a1b2c: InProgress/);
});

test('a failed transform job is a clear error with the redeploy command', async () => {
  deployed();
  sagemaker.on(DescribeHyperParameterTuningJobCommand).resolves(tuning('Completed'));
  sagemaker.on(DescribeTransformJobCommand).resolves({ ...transform('Failed'), FailureReason: 'ClientError' });
  const error = await verifyTuneAndBatch(clients, STACK, { log, sleep }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LabScriptError);
  expect((error as Error).message).toMatch(/is Failed, not Completed\. Redeploy: npx cdk deploy Lab05TuneAndBatch/);
});

test('sorts by the objective\'s direction, jobs without a value last', () => {
  const jobs = [job(1, 0.5), job(2, undefined), job(3, 0.9)];
  expect(sortBestFirst(jobs, true).map((j) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value)).toEqual([0.9, 0.5, undefined]);
  expect(sortBestFirst(jobs, false).map((j) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value)).toEqual([0.5, 0.9, undefined]);
});
