/**
 * Checks a deployed Lab 05 end to end: `npm run lab -- tune-and-batch verify [--learner alice]`.
 * 1. the tuning job's status and every training job it ran, with its hyperparameters and objective value,
 * best first; 2. the batch transform job's status; 3. the transform output (each test row joined to its
 * prediction) evaluated against the labels: confusion matrix, per-class precision, recall and F1,
 * accuracy and macro-F1; 4. the best job against the worst.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeHyperParameterTuningJobCommand,
  type DescribeHyperParameterTuningJobResponse,
  DescribeTransformJobCommand,
  type DescribeTransformJobResponse,
  type HyperParameterTrainingJobSummary,
  paginateListTrainingJobsForHyperParameterTuningJob,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { cdkCommand } from '../../lib/config';
import { TUNE_AND_BATCH_OUTPUTS } from '../../lib/labs/tune-and-batch/outputs';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { poll, type PollOptions } from '../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { formatTable } from '../shared/table';
import { CLASSES, FEATURES } from './lib/dataset';
import { confusionMatrix, type Evaluation, evaluate, parseOutputLine } from './lib/metrics';

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly sagemaker: SageMakerClient;
  readonly s3: S3Client;
}

export interface VerifyOptions {
  readonly log?: (line: string) => void;
  /** Injected in tests so they do not wait. */
  readonly sleep?: PollOptions<unknown>['sleep'];
}

export interface VerifyResult {
  /** The tuning job's training jobs, best first. */
  readonly trainingJobs: readonly HyperParameterTrainingJobSummary[];
  readonly evaluation: Evaluation;
}

const RUNNING = new Set(['InProgress', 'Stopping']);

export async function verifyTuneAndBatch(clients: Clients, stackName: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const log = options.log ?? console.log;
  const outputs = await readStackOutputs(clients.cloudFormation, stackName);
  const tuningName = requireOutput(outputs, TUNE_AND_BATCH_OUTPUTS.tuningJob);
  const transformName = requireOutput(outputs, TUNE_AND_BATCH_OUTPUTS.transformJob);
  const bucket = requireOutput(outputs, TUNE_AND_BATCH_OUTPUTS.dataBucket);

  const tuning = await poll<DescribeHyperParameterTuningJobResponse>({
    what: `tuning job ${tuningName}`,
    read: () => clients.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: tuningName })),
    done: (job) => !RUNNING.has(job.HyperParameterTuningJobStatus ?? ''),
    describe: (job) => job.HyperParameterTuningJobStatus ?? '?',
    intervalMs: 30_000,
    timeoutMs: 60 * 60_000,
    log,
    sleep: options.sleep,
  });
  const config = tuning.HyperParameterTuningJobConfig;
  const objective = config?.HyperParameterTuningJobObjective;
  log(
    `Tuning job ${tuningName}: ${tuning.HyperParameterTuningJobStatus}` +
      `${tuning.FailureReason ? ` (${tuning.FailureReason})` : ''}; strategy ${config?.Strategy ?? '?'}, ` +
      `objective: ${objective?.Type ?? '?'} ${objective?.MetricName ?? '?'}, ` +
      `budget ${config?.ResourceLimits?.MaxNumberOfTrainingJobs ?? '?'} jobs, ${config?.ResourceLimits?.MaxParallelTrainingJobs ?? '?'} at a time`,
  );
  if (tuning.HyperParameterTuningJobStatus !== 'Completed') {
    throw new LabScriptError(`Tuning job ${tuningName} is ${tuning.HyperParameterTuningJobStatus ?? 'in an unknown state'}, not Completed. Redeploy: ${cdkCommand('deploy', stackName)}`);
  }

  const jobs = sortBestFirst(await listTrainingJobs(clients.sagemaker, tuningName), objective?.Type === 'Maximize');
  log(`\nTraining jobs, best first (${objective?.MetricName ?? 'objective'}):`);
  log(formatTable(jobs.map((job, i) => ({ rank: i + 1, ...jobRow(job) }))));
  const best = jobs[0];
  log(`\nBest training job: ${tuning.BestTrainingJob?.TrainingJobName ?? best?.TrainingJobName ?? 'none'}`);

  const transform = await poll<DescribeTransformJobResponse>({
    what: `transform job ${transformName}`,
    read: () => clients.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: transformName })),
    done: (job) => !RUNNING.has(job.TransformJobStatus ?? ''),
    describe: (job) => job.TransformJobStatus ?? '?',
    intervalMs: 30_000,
    timeoutMs: 30 * 60_000,
    log,
    sleep: options.sleep,
  });
  log(
    `\nTransform job ${transformName}: ${transform.TransformJobStatus}${transform.FailureReason ? ` (${transform.FailureReason})` : ''}; ` +
      `output ${transform.TransformOutput?.S3OutputPath ?? '?'}`,
  );
  if (transform.TransformJobStatus !== 'Completed') {
    throw new LabScriptError(`Transform job ${transformName} is ${transform.TransformJobStatus ?? 'in an unknown state'}, not Completed. Redeploy: ${cdkCommand('deploy', stackName)}`);
  }

  const rows = await readOutputRows(clients.s3, bucket, outputPrefix(transform, bucket));
  const evaluation = evaluate(confusionMatrix(rows.map((r) => r.label), rows.map((r) => r.prediction), CLASSES.length));
  logEvaluation(evaluation, rows.length, log);

  const worst = jobs.filter((j) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value !== undefined).at(-1);
  if (best && worst && best !== worst) {
    const value = (j: HyperParameterTrainingJobSummary) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value ?? Number.NaN;
    log(`\nBest vs worst training job (${objective?.MetricName ?? 'objective'}): ${value(best).toFixed(4)} vs ${value(worst).toFixed(4)}.`);
    log(formatTable([{ job: 'best', ...jobRow(best) }, { job: 'worst', ...jobRow(worst) }]));
  }
  return { trainingJobs: jobs, evaluation };
}

async function listTrainingJobs(sagemaker: SageMakerClient, tuningName: string): Promise<HyperParameterTrainingJobSummary[]> {
  const jobs: HyperParameterTrainingJobSummary[] = [];
  for await (const page of paginateListTrainingJobsForHyperParameterTuningJob({ client: sagemaker }, { HyperParameterTuningJobName: tuningName })) {
    jobs.push(...(page.TrainingJobSummaries ?? []));
  }
  return jobs;
}

/** Best objective first; jobs without a value (stopped early, failed) last. */
export function sortBestFirst(jobs: readonly HyperParameterTrainingJobSummary[], maximize: boolean): HyperParameterTrainingJobSummary[] {
  const value = (j: HyperParameterTrainingJobSummary) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value;
  return [...jobs].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === undefined || y === undefined) {
      return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
    }
    return maximize ? y - x : x - y;
  });
}

function jobRow(job: HyperParameterTrainingJobSummary): Record<string, string | number | undefined> {
  const value = job.FinalHyperParameterTuningJobObjectiveMetric?.Value;
  const hyperparameters = Object.fromEntries(
    Object.entries(job.TunedHyperParameters ?? {}).map(([k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(Number(v).toPrecision(3))]),
  );
  return {
    name: job.TrainingJobName,
    status: `${job.TrainingJobStatus ?? '?'}${job.TrainingJobStatus === 'Stopped' ? ' (early stop)' : ''}`,
    objective: value === undefined ? 'n/a' : value.toFixed(4),
    ...hyperparameters,
  };
}

/** The transform output prefix inside the bucket (s3://bucket/batch-output/ → batch-output/). */
function outputPrefix(transform: DescribeTransformJobResponse, bucket: string): string {
  const uri = transform.TransformOutput?.S3OutputPath ?? '';
  const prefix = `s3://${bucket}/`;
  if (!uri.startsWith(prefix)) {
    throw new LabScriptError(`The transform output ${uri || '(none)'} is not in the lab bucket ${bucket}.`);
  }
  const key = uri.slice(prefix.length);
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}

/** Every `.out` object of the transform (one per input file), parsed. */
async function readOutputRows(s3: S3Client, bucket: string, prefix: string) {
  const rows: ReturnType<typeof parseOutputLine>[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    for (const { Key: key } of (page.Contents ?? []).filter((o) => o.Key?.endsWith('.out'))) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const text = (await object.Body?.transformToString()) ?? '';
      rows.push(...text.split('\n').filter((line) => line.trim() !== '').map((line) => parseOutputLine(line, FEATURES.length, CLASSES.length)));
    }
  }
  if (rows.length === 0) {
    throw new LabScriptError(`No transform output (*.out) under s3://${bucket}/${prefix}.`);
  }
  return rows;
}

function logEvaluation(evaluation: Evaluation, count: number, log: (line: string) => void): void {
  const pct = (v: number) => (Number.isNaN(v) ? 'n/a' : `${(v * 100).toFixed(1)} %`);
  log(`\nConfusion matrix of the ${count} test rows (rows: actual, columns: predicted):`);
  log(
    formatTable(
      evaluation.matrix.map((row, actual) => ({
        '': `actual ${CLASSES[actual]}`,
        ...Object.fromEntries(row.map((n, predicted) => [`predicted ${CLASSES[predicted]}`, n])),
      })),
    ),
  );
  log('');
  log(
    formatTable(
      evaluation.perClass.map((s, c) => ({
        class: CLASSES[c],
        precision: pct(s.precision),
        recall: pct(s.recall),
        F1: pct(s.f1),
        rows: s.support,
      })),
    ),
  );
  log(`\nAccuracy ${pct(evaluation.accuracy)}, macro-F1 ${pct(evaluation.macroF1)} (the mean of the per-class F1: a small class counts as much as a large one).`);
}

export const SCRIPT: ScriptSpec = {
  script: 'verify',
  summary: 'Checks the tuning job and the batch transform of the deployed lab, and prints the best model\'s accuracy and macro-F1 on the test rows.',
  learner: true,
  example: '--learner alice',
};

export async function main(argv: string[]): Promise<void> {
  const { stackName } = parseScriptArgs(findLab('tune-and-batch'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  await verifyTuneAndBatch({ cloudFormation: new CloudFormationClient(aws), sagemaker: new SageMakerClient(aws), s3: new S3Client(aws) }, stackName);
}
