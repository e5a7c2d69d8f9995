/**
 * Starts a guarded update of the Lab 08 endpoint and says how it ended:
 * `npm run lab -- safe-rollout rollout -c release=broken [--learner alice]`. It runs `npx cdk deploy` with the
 * given `-c release` or `-c experiment` (the endpoint's DeploymentConfig makes the update blue/green with a
 * canary, rolled back automatically when a rollback alarm fires), then compares the endpoint before and after.
 * Send traffic meanwhile (the traffic script, in another terminal): without requests no alarm can fire.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { DescribeEndpointCommandOutput } from '@aws-sdk/client-sagemaker';
import { SAFE_ROLLOUT_OUTPUTS } from '../../lib/labs/safe-rollout/outputs';
import { EXPERIMENT, RELEASE } from '../../lib/labs/safe-rollout/options';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, ScriptArgumentError, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { type CdkRunner, cdkArgs, shownCommand, spawnCdk } from '../shared/cdk';
import { readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { describeEndpoint, variantLines } from './lib/endpoint';

export const SCRIPT: ScriptSpec = {
  script: 'rollout',
  summary:
    'Redeploys the lab with -c release=<champion|challenger|broken> or -c experiment=<ab|shadow> (a blue/green update with a canary and automatic rollback), then says whether the endpoint moved to the new configuration or rolled back.',
  learner: true,
  context: true,
  example: '-c release=broken',
};

export interface Deps {
  readonly cloudFormation: CloudFormationClient;
  readonly sagemaker: SageMakerClient;
  readonly cdk: CdkRunner;
  readonly log: (line: string) => void;
}

/** What `outcome` reads of DescribeEndpoint. */
export type EndpointState = Pick<DescribeEndpointCommandOutput, 'EndpointStatus' | 'EndpointConfigName' | 'FailureReason'>;

/** The outcome of an update, from the endpoint before and after and the deploy's exit code. */
export function outcome(before: EndpointState, after: EndpointState, exitCode: number): { readonly mark: '✔' | '✖' | '?'; readonly text: string } {
  const moved = after.EndpointConfigName !== before.EndpointConfigName;
  if (after.EndpointStatus !== 'InService') {
    return { mark: '?', text: `The endpoint is ${after.EndpointStatus ?? 'in an unknown state'}; run status until it is InService, then compare its config with ${before.EndpointConfigName}.` };
  }
  if (exitCode === 0 && moved) {
    return { mark: '✔', text: `Updated: all traffic now goes to the new fleet (config ${after.EndpointConfigName}).` };
  }
  if (exitCode === 0) {
    return { mark: '✔', text: 'Nothing to update: the endpoint\'s configuration did not change.' };
  }
  if (!moved) {
    return {
      mark: '✔',
      text: `Rolled back: the endpoint still serves config ${after.EndpointConfigName}${after.FailureReason ? ` (${after.FailureReason})` : ''}, and CloudFormation rolled the stack back.`,
    };
  }
  return { mark: '✖', text: `The deploy failed but the endpoint serves a new config (${after.EndpointConfigName}); see the CloudFormation events of the stack.` };
}

/** Reads the arguments, refusing a rollout without -c release or -c experiment, or with a value they do not take. */
export function parseRollout(argv: readonly string[]): ReturnType<typeof parseScriptArgs> {
  const args = parseScriptArgs(findLab('safe-rollout'), SCRIPT, argv);
  const options = [RELEASE, EXPERIMENT];
  const given = args.context.filter(([key]) => options.some((o) => o.key === key));
  if (given.length === 0) {
    throw new ScriptArgumentError('Say what to roll out: -c release=<champion|challenger|broken> or -c experiment=<ab|shadow>.');
  }
  for (const [key, value] of given) {
    const parsed = options.find((o) => o.key === key)?.parse(value);
    if (parsed && 'problem' in parsed) throw new ScriptArgumentError(parsed.problem);
  }
  return args;
}

export async function rollout(argv: readonly string[], deps: Deps): Promise<number> {
  const { stackName, learner, context } = parseRollout(argv);
  const endpoint = requireOutput(await readStackOutputs(deps.cloudFormation, stackName), SAFE_ROLLOUT_OUTPUTS.endpoint);
  const before = await describeEndpoint(deps.sagemaker, endpoint);
  deps.log(`Before: ${endpoint} serves ${before.EndpointConfigName ?? '?'}`);
  for (const line of variantLines(before)) deps.log(`  ${line}`);
  const args = cdkArgs('deploy', { labId: 'safe-rollout', stackName, learner }, { context });
  deps.log(`\n${shownCommand(args)}\n(status in another terminal shows the canary; traffic sends the requests the alarms need)`);
  const exitCode = await deps.cdk(args);
  const after = await describeEndpoint(deps.sagemaker, endpoint);
  const result = outcome(before, after, exitCode);
  deps.log(`\n${result.mark} ${result.text}`);
  for (const line of variantLines(after)) deps.log(`  ${line}`);
  return result.mark === '✖' ? 1 : 0;
}

export async function main(argv: string[] = []): Promise<void> {
  // Bad arguments are refused before any AWS call (the Region check included).
  parseRollout(argv);
  const aws = await scriptAwsConfig();
  process.exitCode = await rollout(argv, {
    cloudFormation: new CloudFormationClient(aws),
    sagemaker: new SageMakerClient(aws),
    cdk: spawnCdk(),
    log: console.log,
  });
}
