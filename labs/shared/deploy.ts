/**
 * `npm run lab -- <lab> deploy [--learner alice] [-c key=value ...]`: the preflight first (labs/shared/
 * preflight.ts), and `npx cdk deploy` only when no check failed (✖). A `?` line (could not check) does not
 * stop the deploy: a throttled or unreachable API says nothing against it. Exit code: 1 when the preflight
 * stops it, else the CDK's. Plain `npx cdk deploy` still works and skips the preflight.
 */
import type { LabDefinition } from '../../lib/labs/lab-definition';
import type { PreflightClients } from '../../lib/safety/preflight';
import { parseDeployArgs } from './args';
import { type CdkRunner, cdkArgs, shownCommand, spawnCdk } from './cdk';
import { anyFailed, checkAndPrint, preflightClients } from './preflight';

export interface DeployDeps {
  readonly preflight: PreflightClients;
  readonly cdk: CdkRunner;
  readonly print: (text: string) => void;
}

/** Deploys one lab copy after its preflight; resolves to the exit code. */
export async function deploy(lab: LabDefinition, argv: readonly string[], deps: DeployDeps): Promise<number> {
  const { stackName, learner, context } = parseDeployArgs(lab.id, argv);
  const results = await checkAndPrint(lab, stackName, deps.preflight, deps.print);
  if (anyFailed(results)) {
    deps.print(`\n✖ Not deploying ${stackName}: fix each ✖ above as its → line says, then run this command again.`);
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
  process.exitCode = await deploy(lab, argv, { preflight: preflightClients(), cdk: spawnCdk(), print: console.log });
}
