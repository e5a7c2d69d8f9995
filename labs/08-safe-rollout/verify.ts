/**
 * Checks a deployed Lab 08: `npm run lab -- safe-rollout verify [--learner alice]`.
 * 1. the endpoint is InService; 2. each production variant answers (InvokeEndpoint with TargetVariant);
 * 3. with -c experiment=shadow, the shadow variant receives copies (its Invocations metric); 4. the rollback
 * alarms exist and what the last guarded update did; 5. the drift alarm agrees with the latest drift value;
 * 6. the champion's target tracking policy has its alarms; 7. when the lab deletes itself.
 * ✔ only for what it checked, ? for what it could not (with the command to check by hand).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { SAFE_ROLLOUT_OUTPUTS } from '../../lib/labs/safe-rollout/outputs';
import { DRIFT_THRESHOLD, MONITOR_METRICS, MONITOR_NAMESPACE, VARIANTS } from '../../lib/labs/safe-rollout/rollout';
import { findLab } from '../../lib/labs';
import { idleNotice } from '../../lib/safety/idle';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { poll } from '../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { alarmsByName, deploymentLine, describeEndpoint, scalingAlarms, scalingPolicyCommand } from './lib/endpoint';
import { readTestRows, toCsv } from './lib/traffic';

export const SCRIPT: ScriptSpec = {
  script: 'verify',
  summary: 'Checks that each variant answers, the shadow gets copies, the rollback and drift alarms are in place and agree with their metrics, and the champion scales.',
  learner: true,
};

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly sagemaker: SageMakerClient;
  readonly runtime: SageMakerRuntimeClient;
  readonly cloudWatch: CloudWatchClient;
}

export type Mark = '✔' | '✖' | '?';
export interface Check {
  readonly mark: Mark;
  readonly text: string;
}

export interface VerifyOptions {
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: Date;
  readonly rows?: number[][];
}

async function latest(cw: CloudWatchClient, namespace: string, metric: string, dimensions: Record<string, string>, statistic: 'Sum' | 'Maximum', now: Date): Promise<number | undefined> {
  const { Datapoints } = await cw.send(
    new GetMetricStatisticsCommand({
      Namespace: namespace,
      MetricName: metric,
      Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
      StartTime: new Date(now.getTime() - 60 * 60_000),
      EndTime: now,
      Period: 300,
      Statistics: [statistic],
    }),
  );
  const newest = [...(Datapoints ?? [])].sort((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0))[0];
  return newest?.[statistic];
}

export async function verifySafeRollout(clients: Clients, stackName: string, options: VerifyOptions = {}): Promise<Check[]> {
  const log = options.log ?? console.log;
  const now = options.now ?? new Date();
  const checks: Check[] = [];
  const report = (mark: Mark, text: string) => {
    checks.push({ mark, text });
    log(`${mark} ${text}`);
  };
  const outputs = await readStackOutputs(clients.cloudFormation, stackName);
  const endpoint = requireOutput(outputs, SAFE_ROLLOUT_OUTPUTS.endpoint);
  const e = await describeEndpoint(clients.sagemaker, endpoint);
  if (e.EndpointStatus !== 'InService') {
    throw new LabScriptError(`Endpoint ${endpoint} is ${e.EndpointStatus ?? 'in an unknown state'}${e.FailureReason ? ` (${e.FailureReason})` : ''}, not InService; run status and try again when it is.`);
  }
  report('✔', `Endpoint ${endpoint} is InService (config ${e.EndpointConfigName ?? '?'})`);

  // 2. Each production variant answers a held-out row with a probability.
  const row = toCsv((options.rows ?? readTestRows())[0]);
  for (const variant of (e.ProductionVariants ?? []).map((v) => v.VariantName ?? '')) {
    try {
      const answer = await clients.runtime.send(new InvokeEndpointCommand({ EndpointName: endpoint, TargetVariant: variant, ContentType: 'text/csv', Body: row }));
      const score = Number(new TextDecoder().decode(answer.Body).trim());
      report(score >= 0 && score <= 1 ? '✔' : '✖', `${variant} answers: ${Number.isFinite(score) ? score.toFixed(3) : 'not a probability'} (answered by ${answer.InvokedProductionVariant ?? '?'})`);
    } catch (err) {
      report('✖', `${variant} does not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // 3. The shadow variant gets a copy of each request; SageMaker publishes its Invocations per variant.
  if ((e.ShadowProductionVariants ?? []).length > 0) {
    const dims = { EndpointName: endpoint, VariantName: VARIANTS.shadow };
    let copies: number | undefined;
    try {
      copies = await poll({
        what: 'the shadow variant\'s Invocations metric',
        read: () => latest(clients.cloudWatch, 'AWS/SageMaker', 'Invocations', dims, 'Sum', new Date()),
        done: (n) => (n ?? 0) > 0,
        describe: () => 'no data point yet (metrics arrive within a few minutes)',
        intervalMs: 30_000,
        timeoutMs: 5 * 60_000,
        log,
        sleep: options.sleep,
      });
    } catch {
      copies = undefined;
    }
    if (copies) report('✔', `${VARIANTS.shadow} received ${copies} copies in the last 5 minutes with data, and answered none of them to the caller`);
    else report('?', `No Invocations for ${VARIANTS.shadow} yet; send traffic, wait 5 minutes, then: aws cloudwatch get-metric-statistics --namespace AWS/SageMaker --metric-name Invocations --dimensions Name=EndpointName,Value=${endpoint} Name=VariantName,Value=${VARIANTS.shadow} --start-time $(date -u -d '-1 hour' +%FT%TZ) --end-time $(date -u +%FT%TZ) --period 300 --statistics Sum`);
  } else {
    log(`· No shadow variant in this experiment (deploy with -c experiment=shadow to test one).`);
  }

  // 4. Guarded updates: the rollback alarms exist; what the last update did.
  const rollbackNames = requireOutput(outputs, SAFE_ROLLOUT_OUTPUTS.rollbackAlarms).split(',');
  const rollbackAlarms = await alarmsByName(clients.cloudWatch, rollbackNames);
  report(rollbackAlarms.length === rollbackNames.length ? '✔' : '✖', `Rollback alarms: ${rollbackAlarms.map((a) => `${a.AlarmName} ${a.StateValue}`).join(', ') || 'none found'}`);
  log(`  Last guarded update: ${deploymentLine(e)}`);
  if (outputs[SAFE_ROLLOUT_OUTPUTS.release] !== 'broken') {
    log(`? A rollback is seen only by rolling out a broken model: npm run lab -- safe-rollout rollout -c release=broken (Steps).`);
  }

  // 5. The drift alarm agrees with the latest drift value.
  const driftName = requireOutput(outputs, SAFE_ROLLOUT_OUTPUTS.driftAlarm);
  const [driftAlarm] = await alarmsByName(clients.cloudWatch, [driftName]);
  const drift = await latest(clients.cloudWatch, MONITOR_NAMESPACE, MONITOR_METRICS.drift, { EndpointName: endpoint }, 'Maximum', now);
  if (!driftAlarm) {
    report('✖', `Drift alarm ${driftName} not found`);
  } else if (drift === undefined) {
    report('?', `No drift value in the last hour (alarm ${driftAlarm.StateValue}); send traffic, wait two drift-monitor runs (10 minutes), run verify again`);
  } else {
    const expected = drift > DRIFT_THRESHOLD ? 'ALARM' : 'OK';
    report(driftAlarm.StateValue === expected ? '✔' : '?', `Drift ${drift.toFixed(2)} (alarm above ${DRIFT_THRESHOLD}): alarm ${driftAlarm.StateValue}${driftAlarm.StateValue === expected ? '' : ` (expected ${expected}; the alarm evaluates every 5 minutes, run verify again)`}`);
  }

  // 6. The champion's target tracking policy: Application Auto Scaling creates its alarms.
  const resourceId = requireOutput(outputs, SAFE_ROLLOUT_OUTPUTS.scalingResource);
  const scaling = await scalingAlarms(clients.cloudWatch, resourceId);
  if (scaling.length > 0) report('✔', `Target tracking on ${resourceId}: ${scaling.map((a) => `${a.AlarmName} ${a.StateValue}`).join(', ')}`);
  else report('?', `No target tracking alarm found for ${resourceId}; check by hand: ${scalingPolicyCommand(resourceId)}`);

  log(`\n${idleNotice(outputs, stackName, now)}`);
  return checks;
}

export async function main(argv: string[] = []): Promise<void> {
  const { stackName } = parseScriptArgs(findLab('safe-rollout'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  const checks = await verifySafeRollout(
    { cloudFormation: new CloudFormationClient(aws), sagemaker: new SageMakerClient(aws), runtime: new SageMakerRuntimeClient(aws), cloudWatch: new CloudWatchClient(aws) },
    stackName,
  );
  if (checks.some((c) => c.mark === '✖')) process.exitCode = 1;
}
