/**
 * `npm run lab -- <lab> deploy [--learner alice] [-c key=value ...]`: the preflight first (labs/shared/
 * preflight.ts), and `npx cdk deploy` only when it says ready: no ✖, and the credentials and Region confirmed.
 * A `?` line elsewhere (a throttled or unreachable API) does not stop the deploy. Exit code: 1 when the
 * preflight stops it, else the CDK's. Plain `npx cdk deploy` still works and skips the preflight.
 */
import type { LabDefinition } from '../../lib/labs/lab-definition';
import { type PreflightClients, preflightVerdict } from '../../lib/safety/preflight';
import { parseScriptArgs, type ScriptSpec } from './args';
import { type ScriptAwsConfig, scriptAwsConfig } from './aws';
import { appBootstrapQualifier, type CdkRunner, cdkArgs, shownCommand, spawnCdk } from './cdk';
import { checkAndPrint, preflightClients } from './preflight';

export const SCRIPT: ScriptSpec = {
  script: 'deploy',
  summary: 'Runs the preflight, then npx cdk deploy for this lab copy when it is ready (passing -c lab, -c learner and your -c options on to the CDK).',
  learner: true,
  context: true,
  example: '--learner alice -c spot=true',
};

export interface DeployDeps {
  readonly aws: () => Promise<ScriptAwsConfig>;
  readonly preflight: (aws: ScriptAwsConfig) => PreflightClients;
  readonly cdk: CdkRunner;
  readonly print: (text: string) => void;
}

/** Deploys one lab copy after its preflight; resolves to the exit code. */
export async function deploy(lab: LabDefinition, argv: readonly string[], deps: DeployDeps): Promise<number> {
  const { stackName, learner, context } = parseScriptArgs(lab, SCRIPT, argv);
  const aws = await deps.aws();
  const target = { stackName, region: aws.region, bootstrapQualifier: appBootstrapQualifier(context) };
  const results = await checkAndPrint(lab, target, deps.preflight(aws), deps.print);
  const verdict = preflightVerdict(results);
  if (verdict !== 'ready') {
    deps.print(
      verdict === 'failed'
        ? `\n✖ Not deploying ${stackName}: fix each ✖ above as its → line says, then run this command again.`
        : `\n✖ Not deploying ${stackName}: the credentials and Region could not be confirmed (see the check: line above).`,
    );
    return 1;
  }
  if (results.some((r) => r.mark === 'unknown')) {
    deps.print('The ? lines could not be checked; they do not stop the deploy. If it fails, their check: lines say where to look.');
  }
  const args = cdkArgs('deploy', { labId: lab.id, stackName, learner }, { context });
  deps.print(`\n${shownCommand(args)}`);
  return deps.cdk(args);
}

export async function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  process.exitCode = await deploy(lab, argv, { aws: () => scriptAwsConfig(), preflight: preflightClients, cdk: spawnCdk(), print: console.log });
}
