/**
 * Checks a deployed Lab 03 end to end: `npm run lab -- sagemaker-private verify [--learner alice]`.
 * 1. shows the training job's status and final metrics; 2. fails clearly unless the endpoint is
 * InService; 3. sends the held-out test rows (never seen in training) to the endpoint through the
 * SageMaker runtime API and prints predictions, the confusion matrix, accuracy, precision and recall.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeEndpointCommand, DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { cdkCommand } from '../../lib/config';
import { SAGEMAKER_OUTPUTS } from '../../lib/labs/sagemaker-private/outputs';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { idleNotice } from '../../lib/safety/idle';
import { formatTable } from '../shared/table';
import { FEATURES, parseCsvLine, type Person } from './lib/dataset';
import { DATA_DIR, SPLIT_FILES } from './generate-data';
import { classify, confusionMatrix, parsePredictions, scores, type ConfusionMatrix, type Scores } from './lib/metrics';

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly sagemaker: SageMakerClient;
  readonly runtime: SageMakerRuntimeClient;
}

export interface VerifyOptions {
  readonly log?: (line: string) => void;
  /** @default the committed test split, data/test/test.csv */
  readonly testRows?: readonly Person[];
  /** Rows per InvokeEndpoint request. @default 50 */
  readonly batchSize?: number;
  /** Probability at or above which a row is predicted "dogs". @default 0.5 */
  readonly threshold?: number;
}

export interface Evaluation {
  readonly matrix: ConfusionMatrix;
  readonly scores: Scores;
  readonly probabilities: readonly number[];
}

export async function verifySageMaker(clients: Clients, stackName: string, options: VerifyOptions = {}): Promise<Evaluation> {
  const log = options.log ?? console.log;
  const outputs = await readStackOutputs(clients.cloudFormation, stackName);
  const jobName = requireOutput(outputs, SAGEMAKER_OUTPUTS.trainingJob);
  const endpointName = requireOutput(outputs, SAGEMAKER_OUTPUTS.endpoint);

  await showTrainingJob(clients.sagemaker, jobName, log);
  await requireInService(clients.sagemaker, endpointName, stackName);

  const rows = options.testRows ?? readTestRows();
  const probabilities = await predict(clients.runtime, endpointName, rows, options.batchSize ?? 50);
  const predicted = classify(probabilities, options.threshold);
  log(`\nPredictions for the first 10 of ${rows.length} held-out rows (1 = prefers dogs, 0 = prefers cats):`);
  log(
    formatTable(
      rows.slice(0, 10).map((row, i) => ({
        ...Object.fromEntries(FEATURES.slice(0, 4).map((f) => [f, row.features[f]])),
        actual: row.label,
        probability: probabilities[i].toFixed(3),
        predicted: predicted[i],
      })),
    ),
  );
  log(`\n${idleNotice(outputs, stackName, new Date())}`);
  const matrix = confusionMatrix(rows.map((r) => r.label), predicted);
  const result = scores(matrix);
  log('\nConfusion matrix:');
  log(
    formatTable([
      { '': 'actual dogs (1)', 'predicted dogs': matrix.truePositives, 'predicted cats': matrix.falseNegatives },
      { '': 'actual cats (0)', 'predicted dogs': matrix.falsePositives, 'predicted cats': matrix.trueNegatives },
    ]),
  );
  const pct = (v: number) => (Number.isNaN(v) ? 'n/a' : `${(v * 100).toFixed(1)} %`);
  log('');
  log(
    formatTable([
      { metric: 'accuracy', value: pct(result.accuracy), meaning: 'share of all rows predicted right' },
      { metric: 'precision', value: pct(result.precision), meaning: 'of the rows predicted "dogs", share right' },
      { metric: 'recall (sensitivity)', value: pct(result.recall), meaning: 'of the real dog people, share found' },
      { metric: 'specificity', value: pct(result.specificity), meaning: 'of the real cat people, share found' },
      { metric: 'F1', value: pct(result.f1), meaning: 'harmonic mean of precision and recall' },
    ]),
  );
  log(`\nEvery request above was captured (input and output) to the artifacts bucket, prefix data-capture/.`);
  return { matrix, scores: result, probabilities };
}

async function showTrainingJob(sagemaker: SageMakerClient, jobName: string, log: (line: string) => void): Promise<void> {
  const job = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
  log(
    `Training job ${jobName}: ${job.TrainingJobStatus} on ${job.ResourceConfig?.InstanceType ?? '?'}, ` +
      `${job.BillableTimeInSeconds ?? '?'} billable seconds; network isolation ${String(job.EnableNetworkIsolation)}, ` +
      `VPC subnets ${job.VpcConfig?.Subnets?.join(', ') ?? 'none'}`,
  );
  const metrics = job.FinalMetricDataList ?? [];
  if (metrics.length > 0) {
    log(formatTable(metrics.map((m) => ({ metric: m.MetricName, value: m.Value?.toFixed(4) }))));
  }
}

async function requireInService(sagemaker: SageMakerClient, endpointName: string, stackName: string): Promise<void> {
  let status: string | undefined;
  let reason: string | undefined;
  try {
    ({ EndpointStatus: status, FailureReason: reason } = await sagemaker.send(
      new DescribeEndpointCommand({ EndpointName: endpointName }),
    ));
  } catch (e) {
    if (e instanceof Error && /Could not find endpoint|not found/i.test(e.message)) {
      throw new LabScriptError(`Endpoint ${endpointName} does not exist. Redeploy it: ${cdkCommand('deploy', stackName)}`);
    }
    throw e;
  }
  if (status !== 'InService') {
    throw new LabScriptError(
      `Endpoint ${endpointName} is ${status ?? 'in an unknown state'}${reason ? ` (${reason})` : ''}, not InService. ` +
        `Wait for it if it is Creating or Updating; otherwise redeploy: ${cdkCommand('deploy', stackName)}`,
    );
  }
}

async function predict(
  runtime: SageMakerRuntimeClient,
  endpointName: string,
  rows: readonly Person[],
  batchSize: number,
): Promise<number[]> {
  const probabilities: number[] = [];
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    // Features only, in training order; the label column is what the model predicts.
    const body = batch.map((r) => FEATURES.map((f) => r.features[f]).join(',')).join('\n');
    const response = await runtime.send(
      new InvokeEndpointCommand({ EndpointName: endpointName, ContentType: 'text/csv', Accept: 'text/csv', Body: body }),
    );
    probabilities.push(...parsePredictions(new TextDecoder().decode(response.Body), batch.length));
  }
  return probabilities;
}

function readTestRows(): Person[] {
  const text = fs.readFileSync(path.join(DATA_DIR, SPLIT_FILES.test), 'utf8');
  return text.split('\n').filter((line) => line !== '').map(parseCsvLine);
}

export const SCRIPT: ScriptSpec = {
  script: 'verify',
  summary: 'Checks the deployed endpoint: sends the lab\'s test rows, prints the accuracy of its predictions, and when the lab deletes itself if idle.',
  learner: true,
  example: '--learner alice',
};

export async function main(argv: string[]): Promise<void> {
  const { stackName } = parseScriptArgs(findLab('sagemaker-private'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  await verifySageMaker({ cloudFormation: new CloudFormationClient(aws), sagemaker: new SageMakerClient(aws), runtime: new SageMakerRuntimeClient(aws) }, stackName);
}
