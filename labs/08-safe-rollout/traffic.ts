/**
 * Sends traffic to the Lab 08 endpoint: `npm run lab -- safe-rollout traffic [--rate 2] [--seconds 120] [--drift 0]`.
 * Steady traffic is lab 03's held-out rows; `--drift 2` shifts every feature by two training standard
 * deviations (the drift alarm fires within two drift-monitor runs); a high `--rate` is a burst that makes the
 * champion scale out. Prints progress and which variant answered each request.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { trainingBaseline } from '../../lib/labs/safe-rollout/baseline';
import { SAFE_ROLLOUT_OUTPUTS } from '../../lib/labs/safe-rollout/outputs';
import { MAX_DURATION_SECONDS, MAX_REQUESTS_PER_SECOND } from '../../lib/labs/safe-rollout/rollout';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { sleep as realSleep } from '../shared/poll';
import { readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { plan, readTestRows, shiftRow, toCsv } from './lib/traffic';

export const SCRIPT: ScriptSpec = {
  script: 'traffic',
  summary: `Sends requests to the lab endpoint at a steady rate (at most ${MAX_REQUESTS_PER_SECOND} per second), optionally drifted, and counts the answers per variant.`,
  learner: true,
  options: {
    rate: { description: 'requests per second; a high rate is a burst that scales the champion out', placeholder: '<per-second>', min: 0.1, max: MAX_REQUESTS_PER_SECOND, integer: false, default: 2 },
    seconds: { description: 'how long to send', placeholder: '<seconds>', min: 1, max: MAX_DURATION_SECONDS, integer: true, default: 120 },
    drift: { description: 'shift every feature by this many training standard deviations (0: no drift)', placeholder: '<deviations>', min: 0, max: 5, integer: false, default: 0 },
  },
  example: '--rate 5 --seconds 300 --drift 2',
};

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly runtime: SageMakerRuntimeClient;
}

export interface TrafficResult {
  readonly sent: number;
  readonly errors: number;
  /** Answers per production variant (InvokeEndpoint's InvokedProductionVariant). */
  readonly byVariant: Readonly<Record<string, number>>;
}

export async function sendTraffic(
  clients: Clients,
  stackName: string,
  settings: { readonly rate: number; readonly seconds: number; readonly drift: number },
  options: { readonly log?: (line: string) => void; readonly sleep?: (ms: number) => Promise<void>; readonly rows?: number[][] } = {},
): Promise<TrafficResult> {
  const log = options.log ?? console.log;
  const wait = options.sleep ?? realSleep;
  const { requests, intervalMs } = plan(settings.rate, settings.seconds);
  const outputs = await readStackOutputs(clients.cloudFormation, stackName);
  const endpoint = requireOutput(outputs, SAFE_ROLLOUT_OUTPUTS.endpoint);
  const baseline = trainingBaseline();
  const rows = (options.rows ?? readTestRows()).map((r) => shiftRow(r, baseline, settings.drift));
  log(`Sending ${requests} requests to ${endpoint}, ${settings.rate}/s for ${settings.seconds} s${settings.drift > 0 ? `, every feature shifted by ${settings.drift} standard deviations` : ''}.`);
  const byVariant: Record<string, number> = {};
  let errors = 0;
  for (let i = 0; i < requests; i++) {
    try {
      const answer = await clients.runtime.send(new InvokeEndpointCommand({ EndpointName: endpoint, ContentType: 'text/csv', Body: toCsv(rows[i % rows.length]) }));
      const variant = answer.InvokedProductionVariant ?? 'unknown';
      byVariant[variant] = (byVariant[variant] ?? 0) + 1;
    } catch (e) {
      errors++;
      if (errors <= 3) log(`  ✖ request ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if ((i + 1) % 50 === 0 || i + 1 === requests) {
      log(`  … ${i + 1}/${requests} sent, ${errors} errors; answered by ${Object.entries(byVariant).map(([v, n]) => `${v} ${n}`).join(', ') || 'none yet'}`);
    }
    if (i + 1 < requests) await wait(intervalMs);
  }
  return { sent: requests, errors, byVariant };
}

export async function main(argv: string[] = []): Promise<void> {
  const { stackName, options } = parseScriptArgs(findLab('safe-rollout'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  const result = await sendTraffic(
    { cloudFormation: new CloudFormationClient(aws), runtime: new SageMakerRuntimeClient(aws) },
    stackName,
    { rate: options.rate, seconds: options.seconds, drift: options.drift },
  );
  if (result.errors > 0) process.exitCode = 1;
}
