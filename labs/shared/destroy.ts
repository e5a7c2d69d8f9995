/**
 * `npm run lab -- <lab> destroy [--learner alice]`: checks the credentials in the CDK's Region first (one line,
 * as deploy does; without them the CDK would run for many seconds and print its raw error), then
 * `npx cdk destroy --force` for that stack, then the leftovers scan (labs/shared/leftovers.ts), whatever the
 * CDK's result: after a failed destroy it shows what is still there. Exit code: the CDK's when it failed,
 * else the scan's (0 only when nothing billable remains). Plain `npx cdk destroy` still works; run
 * `leftovers` after it.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import type { LabDefinition } from '../../lib/labs/lab-definition';
import type { LeftoverClients } from '../../lib/safety/leftovers';
import { checkCredentials } from '../../lib/safety/preflight';
import { copyScript, parseScriptArgs } from './args';
import { type ScriptAwsConfig, scriptAwsConfig } from './aws';
import { type CdkRunner, cdkArgs, shownCommand, spawnCdk } from './cdk';
import { leftoverClients, scanAndPrint } from './leftovers';
import { preflightClients } from './preflight';

export const SCRIPT = copyScript(
  'destroy',
  'Runs npx cdk destroy --force for this lab copy (after checking the credentials), then lists what of it is still in the account and Region. Exit code 0 only when nothing billable remains.',
);

export interface DestroyDeps {
  readonly aws: () => Promise<ScriptAwsConfig>;
  readonly sts: (aws: ScriptAwsConfig) => STSClient;
  readonly leftovers: (aws: ScriptAwsConfig) => LeftoverClients;
  readonly cdk: CdkRunner;
  readonly print: (text: string) => void;
}

/** Destroys one lab copy and scans for its leftovers; resolves to the exit code. */
export async function destroy(lab: LabDefinition, argv: readonly string[], deps: DestroyDeps): Promise<number> {
  const copy = parseScriptArgs(lab, SCRIPT, argv);
  const aws = await deps.aws();
  const credentials = await checkCredentials(deps.sts(aws), aws.region, copy.stackName);
  if (credentials.account === undefined) {
    const { label, fix } = credentials.result;
    deps.print(`✖ Not destroying ${copy.stackName}: ${label}${fix ? `: ${fix}` : ''}`);
    return 1;
  }
  // --force: the learner asked for the destroy by running this; without it the CLI asks for confirmation
  // (https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-destroy.html).
  const args = cdkArgs('destroy', { labId: lab.id, stackName: copy.stackName, learner: copy.learner }, { flags: ['--force'] });
  deps.print(shownCommand(args));
  const cdkCode = await deps.cdk(args);
  deps.print(`\nLeftovers of ${copy.stackName}:`);
  const leftoversCode = await scanAndPrint(lab, copy, aws.region, deps.leftovers(aws), deps.print);
  deps.print(
    `\n${cdkCode === 0 ? '✔' : '✖'} cdk destroy exited with ${cdkCode}; ` +
      `${leftoversCode === 0 ? '✔ nothing billable is left' : '✖ the leftovers check did not pass (see above)'}.`,
  );
  return cdkCode !== 0 ? cdkCode : leftoversCode;
}

export async function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  process.exitCode = await destroy(lab, argv, {
    aws: () => scriptAwsConfig(),
    sts: (aws) => preflightClients(aws).sts,
    leftovers: leftoverClients,
    cdk: spawnCdk(),
    print: console.log,
  });
}
