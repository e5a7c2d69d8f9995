/**
 * What lab 07's scripts do, with injected clients (the tests mock them): start the pipeline and follow its
 * steps, approve or reject a version, show the state of the pipeline, the registry and the endpoints, and
 * verify the whole chain. Every line says what was checked: ✔ checked and right, ✖ checked and wrong, ? could
 * not be checked (with how to check by hand).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { type CodePipelineClient, GetPipelineStateCommand, type GetPipelineStateCommandOutput, PutApprovalResultCommand } from '@aws-sdk/client-codepipeline';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribePipelineExecutionCommand,
  type DescribePipelineExecutionCommandOutput,
  ListModelPackagesCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  type ModelPackageSummary,
  type SageMakerClient,
  StartPipelineExecutionCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { smokeTestProblem } from '../../../lambda/mlops-pipeline/delivery';
import { MLOPS_OUTPUTS } from '../../../lib/labs/mlops-pipeline/outputs';
import { EVALUATION, numberParameterProblem, PARAMETERS } from '../../../lib/labs/mlops-pipeline/settings';
import { poll, type PollOptions } from '../../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../../shared/stack-outputs';
import { formatTable } from '../../shared/table';

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly sagemaker: SageMakerClient;
  readonly runtime: SageMakerRuntimeClient;
  readonly codepipeline: CodePipelineClient;
  readonly s3: S3Client;
}

export interface ScriptOptions {
  readonly log?: (line: string) => void;
  /** Injected in tests so they do not wait. */
  readonly sleep?: PollOptions<unknown>['sleep'];
}

/** The deployed lab's names, from its stack outputs. */
export interface LabNames {
  readonly pipeline: string;
  readonly group: string;
  readonly delivery: string;
  readonly staging: string;
  readonly production: string;
  readonly bucket: string;
  readonly smokeTestKey: string;
}

export async function labNames(cfn: CloudFormationClient, stackName: string): Promise<LabNames> {
  const outputs = await readStackOutputs(cfn, stackName);
  return {
    pipeline: requireOutput(outputs, MLOPS_OUTPUTS.pipeline),
    group: requireOutput(outputs, MLOPS_OUTPUTS.modelPackageGroup),
    delivery: requireOutput(outputs, MLOPS_OUTPUTS.deliveryPipeline),
    staging: requireOutput(outputs, MLOPS_OUTPUTS.stagingEndpoint),
    production: requireOutput(outputs, MLOPS_OUTPUTS.productionEndpoint),
    bucket: requireOutput(outputs, MLOPS_OUTPUTS.dataBucket),
    smokeTestKey: requireOutput(outputs, MLOPS_OUTPUTS.smokeTestKey),
  };
}

/** The pipeline parameters a learner sets, checked against their ranges before anything runs. */
export interface RunParameters {
  readonly threshold: number;
  readonly maxDepth: number;
  readonly numRound: number;
}

export function pipelineParameters(run: RunParameters): { Name: string; Value: string }[] {
  const checks: [(typeof PARAMETERS)['threshold' | 'maxDepth' | 'numRound'], number][] = [
    [PARAMETERS.threshold, run.threshold],
    [PARAMETERS.maxDepth, run.maxDepth],
    [PARAMETERS.numRound, run.numRound],
  ];
  const problems = checks.map(([p, v]) => numberParameterProblem(p, v)).filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    throw new LabScriptError(`Nothing was started: ${problems.join(' ')}`);
  }
  return checks.map(([p, v]) => ({ Name: p.name, Value: String(v) }));
}

const RUNNING = new Set(['Executing', 'Stopping']);

/** Starts an execution with the parameters and follows its steps until it ends; returns its final state. */
export async function runPipeline(clients: Clients, names: LabNames, run: RunParameters, options: ScriptOptions = {}): Promise<DescribePipelineExecutionCommandOutput> {
  const log = options.log ?? console.log;
  const parameters = pipelineParameters(run);
  const started = await clients.sagemaker.send(
    new StartPipelineExecutionCommand({ PipelineName: names.pipeline, PipelineParameters: parameters, PipelineExecutionDisplayName: `run-${Date.now()}` }),
  );
  const arn = started.PipelineExecutionArn!;
  log(`Started ${arn} with ${parameters.map((p) => `${p.Name}=${p.Value}`).join(', ')}.`);
  const seen = new Map<string, string>();
  const final = await poll<DescribePipelineExecutionCommandOutput>({
    what: `execution of ${names.pipeline}`,
    read: async () => {
      await logSteps(clients.sagemaker, arn, seen, log);
      return clients.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
    },
    done: (e) => !RUNNING.has(e.PipelineExecutionStatus ?? ''),
    describe: (e) => e.PipelineExecutionStatus ?? '?',
    intervalMs: 30_000,
    timeoutMs: 60 * 60_000,
    log,
    sleep: options.sleep,
  });
  await logSteps(clients.sagemaker, arn, seen, log);
  const ok = final.PipelineExecutionStatus === 'Succeeded';
  log(`${ok ? '✔' : '✖'} Execution ${final.PipelineExecutionStatus}${final.FailureReason ? `: ${final.FailureReason}` : ''}.`);
  return final;
}

/** Prints each step once per new status. */
async function logSteps(sagemaker: SageMakerClient, arn: string, seen: Map<string, string>, log: (line: string) => void): Promise<void> {
  const steps = (await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: 'Ascending' }))).PipelineExecutionSteps ?? [];
  for (const step of steps) {
    const status = `${step.StepStatus ?? '?'}${step.CacheHitResult?.SourcePipelineExecutionArn ? ' (cache hit)' : ''}`;
    if (seen.get(step.StepName ?? '') !== status) {
      seen.set(step.StepName ?? '', status);
      log(`  step ${step.StepName}: ${status}${step.FailureReason ? ` – ${step.FailureReason}` : ''}`);
    }
  }
}

/** The group's versions, newest first. */
export async function versions(sagemaker: SageMakerClient, group: string): Promise<ModelPackageSummary[]> {
  const out = await sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: group, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 }));
  return out.ModelPackageSummaryList ?? [];
}

/** Sets a version's approval: `version` 0 means the newest version waiting for approval. */
export async function setApproval(
  clients: Clients,
  names: LabNames,
  version: number,
  status: 'Approved' | 'Rejected',
  log: (line: string) => void = console.log,
): Promise<string> {
  const all = await versions(clients.sagemaker, names.group);
  const chosen =
    version === 0 ? all.find((v) => v.ModelApprovalStatus === 'PendingManualApproval') : all.find((v) => v.ModelPackageVersion === version);
  if (!chosen?.ModelPackageArn) {
    throw new LabScriptError(
      version === 0
        ? `No version of ${names.group} is waiting for approval. Run the pipeline first (npm run lab -- mlops-pipeline run-pipeline), or name one with --version.`
        : `${names.group} has no version ${version}. Versions: ${all.map((v) => v.ModelPackageVersion).join(', ') || 'none'}.`,
    );
  }
  await clients.sagemaker.send(
    new UpdateModelPackageCommand({ ModelPackageArn: chosen.ModelPackageArn, ModelApprovalStatus: status, ApprovalDescription: `${status} with the lab script` }),
  );
  log(`✔ Version ${chosen.ModelPackageVersion} of ${names.group} is now ${status} (was ${chosen.ModelApprovalStatus}).`);
  log(`  The same with the CLI: aws sagemaker update-model-package --model-package-arn ${chosen.ModelPackageArn} --model-approval-status ${status}`);
  if (status === 'Approved') {
    log(`  The approval event starts the delivery pipeline ${names.delivery}; follow it with: npm run lab -- mlops-pipeline status`);
  }
  return chosen.ModelPackageArn;
}

/** The test AUC of a version, from the metrics report attached to it; undefined when it cannot be read. */
export async function versionAuc(clients: Clients, arn: string): Promise<number | undefined> {
  const described = await clients.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
  const uri = described.ModelMetrics?.ModelQuality?.Statistics?.S3Uri;
  const match = uri ? /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) : null;
  if (!match) return undefined;
  try {
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
    const report = JSON.parse((await object.Body?.transformToString()) ?? '{}') as Record<string, unknown>;
    const value = EVALUATION.metricPath.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], report);
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** What an endpoint serves: the model package version behind its current configuration, or why not known. */
export async function servedVersion(sagemaker: SageMakerClient, endpoint: string): Promise<{ status: string; version?: string } | undefined> {
  let described;
  try {
    described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
  } catch (e) {
    if (e instanceof Error && /Could not find endpoint/i.test(e.message)) return undefined;
    throw e;
  }
  const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: described.EndpointConfigName }));
  const modelName = config.ProductionVariants?.[0]?.ModelName;
  const model = modelName ? await sagemaker.send(new DescribeModelCommand({ ModelName: modelName })) : undefined;
  return { status: described.EndpointStatus ?? '?', version: model?.Containers?.[0]?.ModelPackageName ?? model?.PrimaryContainer?.ModelPackageName };
}

/** Prints executions, versions with metrics and approval, and what each endpoint serves. */
export async function printStatus(clients: Clients, names: LabNames, log: (line: string) => void = console.log): Promise<void> {
  const executions = (await clients.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: names.pipeline, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 5 })))
    .PipelineExecutionSummaries ?? [];
  log(`Pipeline ${names.pipeline}: ${executions.length === 0 ? 'no executions yet' : 'latest executions'}`);
  if (executions.length > 0) {
    log(formatTable(executions.map((e) => ({ started: e.StartTime?.toISOString(), status: e.PipelineExecutionStatus, execution: e.PipelineExecutionArn?.split('/').pop() }))));
  }
  const all = await versions(clients.sagemaker, names.group);
  log(`\nModel package group ${names.group}: ${all.length} version(s)`);
  const rows = [];
  for (const v of all) {
    const auc = await versionAuc(clients, v.ModelPackageArn!);
    rows.push({ version: v.ModelPackageVersion, approval: v.ModelApprovalStatus, 'test AUC': auc === undefined ? '? (report unreadable)' : auc.toFixed(3), created: v.CreationTime?.toISOString() });
  }
  if (rows.length > 0) log(formatTable(rows));
  log('');
  for (const endpoint of [names.staging, names.production]) {
    const served = await servedVersion(clients.sagemaker, endpoint);
    log(served ? `${endpoint}: ${served.status}, serving ${served.version ?? '? (not a registry model)'}` : `${endpoint}: not deployed (no approved version delivered yet)`);
  }
  const state = await deliveryState(clients.codepipeline, names.delivery);
  log(`\nDelivery ${names.delivery}: ${(state.stageStates ?? []).map((s) => `${s.stageName} ${s.latestExecution?.status ?? '-'}`).join(' → ')}`);
}

export function deliveryState(codepipeline: CodePipelineClient, name: string): Promise<GetPipelineStateCommandOutput> {
  return codepipeline.send(new GetPipelineStateCommand({ name }));
}

/** Approves the delivery's manual approval, if it is waiting; returns whether it was. */
export async function approvePromotion(codepipeline: CodePipelineClient, name: string, summary: string): Promise<boolean> {
  const state = await deliveryState(codepipeline, name);
  const stage = state.stageStates?.find((s) => s.stageName === 'Approval');
  const action = stage?.actionStates?.find((a) => a.latestExecution?.status === 'InProgress' && a.latestExecution.token);
  if (!action?.latestExecution?.token) return false;
  await codepipeline.send(
    new PutApprovalResultCommand({
      pipelineName: name,
      stageName: 'Approval',
      actionName: action.actionName,
      token: action.latestExecution.token,
      result: { status: 'Approved', summary },
    }),
  );
  return true;
}

/** Sends the smoke-test rows to an endpoint; the problem, or undefined when it answers right. */
export async function endpointAnswers(clients: Clients, names: LabNames, endpoint: string): Promise<string | undefined> {
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: names.bucket, Key: names.smokeTestKey }));
  const rows = ((await object.Body?.transformToString()) ?? '').split('\n').filter((l) => l.trim() !== '');
  const out = await clients.runtime.send(new InvokeEndpointCommand({ EndpointName: endpoint, ContentType: 'text/csv', Accept: 'text/csv', Body: new TextEncoder().encode(rows.join('\n')) }));
  return smokeTestProblem(rows, new TextDecoder().decode(out.Body));
}

/** One verify line. */
export type Mark = '✔' | '✖' | '?';

/** The full check: the pipeline ran, versions are registered, approved versions are delivered and answer, no rejected one serves. */
export async function verifyLab(clients: Clients, names: LabNames, log: (line: string) => void = console.log): Promise<Mark[]> {
  const marks: Mark[] = [];
  const say = (mark: Mark, text: string) => {
    marks.push(mark);
    log(`${mark} ${text}`);
  };
  const executions = (await clients.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: names.pipeline, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 20 })))
    .PipelineExecutionSummaries ?? [];
  const succeeded = executions.find((e) => e.PipelineExecutionStatus === 'Succeeded');
  if (succeeded) say('✔', `the pipeline succeeded (${succeeded.PipelineExecutionArn?.split('/').pop()}, ${succeeded.StartTime?.toISOString() ?? '?'})`);
  else say('✖', `no execution of ${names.pipeline} succeeded yet (${executions.length} found): npm run lab -- mlops-pipeline run-pipeline`);

  const all = await versions(clients.sagemaker, names.group);
  if (all.length > 0) say('✔', `${all.length} version(s) registered in ${names.group}: ${all.map((v) => `v${v.ModelPackageVersion} ${v.ModelApprovalStatus}`).join(', ')}`);
  else say('✖', `no version registered in ${names.group}: an execution registers one when the test AUC reaches MetricThreshold`);
  const statusOf = new Map(all.map((v) => [v.ModelPackageArn, v.ModelApprovalStatus]));
  const servedRejected: string[] = [];
  let checkedEndpoints = 0;

  for (const [label, endpoint] of [['staging', names.staging], ['production', names.production]] as const) {
    const served = await servedVersion(clients.sagemaker, endpoint);
    if (!served) {
      checkedEndpoints++;
      say('✖', `the ${label} endpoint ${endpoint} does not exist: approve a version (approve), then ${label === 'production' ? 'promote it after the smoke test (promote)' : 'wait for the delivery'}`);
      continue;
    }
    const status = served.version ? statusOf.get(served.version) : undefined;
    if (status !== undefined) checkedEndpoints++;
    if (status === 'Rejected') servedRejected.push(endpoint);
    if (status === 'Approved') say('✔', `${endpoint} (${served.status}) serves ${served.version}, which is Approved`);
    else if (status === undefined) say('?', `${endpoint} serves ${served.version ?? 'a model not from the registry'}, which is not in ${names.group}; check with: aws sagemaker describe-endpoint --endpoint-name ${endpoint}`);
    else say('✖', `${endpoint} serves ${served.version}, which is ${status}, not Approved`);
    if (served.status === 'InService') {
      const problem = await endpointAnswers(clients, names, endpoint);
      say(problem ? '✖' : '✔', problem ? `${endpoint} answers wrong: ${problem}` : `${endpoint} answers the smoke-test rows with one probability each`);
    } else {
      say('?', `${endpoint} is ${served.status}, so it was not invoked; run verify again when it is InService`);
    }
  }

  const rejected = all.filter((v) => v.ModelApprovalStatus === 'Rejected');
  if (rejected.length > 0 && servedRejected.length === 0 && checkedEndpoints === 2) {
    say('✔', `no endpoint serves a Rejected version (${rejected.map((v) => `v${v.ModelPackageVersion}`).join(', ')})`);
  } else if (rejected.length === 0) {
    say('?', 'no version is Rejected, so "a rejected version is not deployed" was not checked: reject one (npm run lab -- mlops-pipeline reject --version <n>) and verify again');
  }
  return marks;
}
