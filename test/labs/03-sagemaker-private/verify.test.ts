import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeEndpointCommand, DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type InvokeEndpointCommandOutput, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { generatePeople, type Person } from '../../../labs/03-sagemaker-private/lib/dataset';
import { verifySageMaker } from '../../../labs/03-sagemaker-private/verify';
import { LabScriptError } from '../../../labs/shared/stack-outputs';

const cfn = mockClient(CloudFormationClient);
const sagemaker = mockClient(SageMakerClient);
const runtime = mockClient(SageMakerRuntimeClient);
const clients = { cloudFormation: new CloudFormationClient({}), sagemaker: new SageMakerClient({}), runtime: new SageMakerRuntimeClient({}) };
const STACK = 'Lab03SageMakerPrivate';
const rows: Person[] = [
  ...generatePeople(4, 1).map((p) => ({ ...p, label: 1 as const })),
  ...generatePeople(2, 2).map((p) => ({ ...p, label: 0 as const })),
];
const body = (text: string) => new TextEncoder().encode(text) as InvokeEndpointCommandOutput['Body'];

function deployed(endpointStatus = 'InService') {
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: STACK,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: 'TrainingJobName', OutputValue: 'lab03sagemakerprivate-xgboost-0123456789ab' },
          { OutputKey: 'EndpointName', OutputValue: 'lab03sagemakerprivate-endpoint' },
        ],
      },
    ],
  });
  sagemaker.on(DescribeTrainingJobCommand).resolves({
    TrainingJobStatus: 'Completed',
    FinalMetricDataList: [{ MetricName: 'validation:auc', Value: 0.87 }],
  } as never);
  sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: endpointStatus } as never);
}

let lines: string[];
const log = (line: string) => lines.push(line);

beforeEach(() => {
  cfn.reset();
  sagemaker.reset();
  runtime.reset();
  lines = [];
});

test('sends the test rows without their label and scores the predictions', async () => {
  deployed();
  // Rows 1-4 are dog people (3 found), rows 5-6 cat people (1 found); batches of 4 and 2.
  runtime.on(InvokeEndpointCommand).resolvesOnce({ Body: body('0.9,0.8,0.7,0.2') }).resolvesOnce({ Body: body('0.6\n0.1\n') });
  const result = await verifySageMaker(clients, STACK, { log, testRows: rows, batchSize: 4 });
  expect(result.matrix).toEqual({ truePositives: 3, falseNegatives: 1, falsePositives: 1, trueNegatives: 1 });
  expect(result.scores.accuracy).toBeCloseTo(4 / 6);
  expect(result.scores.precision).toBeCloseTo(3 / 4);
  expect(result.scores.recall).toBeCloseTo(3 / 4);
  const calls = runtime.commandCalls(InvokeEndpointCommand).map((c) => c.args[0].input);
  expect(calls.map((c) => [c.EndpointName, c.ContentType])).toEqual([
    ['lab03sagemakerprivate-endpoint', 'text/csv'],
    ['lab03sagemakerprivate-endpoint', 'text/csv'],
  ]);
  const firstLine = (calls[0].Body as string).split('\n')[0];
  expect(firstLine.split(',')).toHaveLength(8);
  expect(firstLine).toBe(Object.values(rows[0].features).join(','));
  const output = lines.join('\n');
  expect(output).toContain('validation:auc');
  expect(output).toContain('Confusion matrix');
  expect(output).toMatch(/accuracy\s+66\.7 %/);
});

test('fails clearly when the endpoint is not InService', async () => {
  deployed('Creating');
  const run = verifySageMaker(clients, STACK, { log, testRows: rows });
  await expect(run).rejects.toThrow(LabScriptError);
  await expect(verifySageMaker(clients, STACK, { log, testRows: rows })).rejects.toThrow(
    /Endpoint lab03sagemakerprivate-endpoint is Creating, not InService/,
  );
  expect(runtime.calls()).toHaveLength(0);
});

test('fails with the deploy command when the stack is not deployed', async () => {
  cfn.on(DescribeStacksCommand).rejects(new Error(`Stack with id ${STACK} does not exist`));
  await expect(verifySageMaker(clients, STACK, { log })).rejects.toThrow(`npx cdk deploy ${STACK}`);
});

test('fails when the endpoint returns the wrong number of predictions', async () => {
  deployed();
  runtime.on(InvokeEndpointCommand).resolves({ Body: body('0.9') });
  await expect(verifySageMaker(clients, STACK, { log, testRows: rows })).rejects.toThrow(/Expected 6 probabilities/);
});

test('reads the committed test split by default', async () => {
  deployed();
  runtime.on(InvokeEndpointCommand).callsFake((input: { Body: string }) => ({
    Body: body(input.Body.split('\n').map(() => '0.5').join('\n')),
  }));
  const result = await verifySageMaker(clients, STACK, { log });
  expect(result.probabilities).toHaveLength(150);
  expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(3);
});
