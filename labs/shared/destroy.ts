/**
 * `npm run lab -- <lab> destroy [--learner alice]`: `npx cdk destroy --force` for that stack, then the
 * leftovers scan (labs/shared/leftovers.ts), whatever the CDK's result: after a failed destroy it shows what
 * is still there. Exit code: the CDK's when it failed, else the scan's (0 only when nothing billable remains).
 * Plain `npx cdk destroy` still works; run `leftovers` after it.
 */
import type { LabDefinition } from '../../lib/labs/lab-definition';
import type { LeftoverClients } from '../../lib/safety/leftovers';
import { parseLearnerOnly } from './args';
import { type CdkRunner, cdkArgs, shownCommand, spawnCdk } from './cdk';
import { leftoverClients, scanAndPrint } from './leftovers';

export interface DestroyDeps {
  readonly leftovers: LeftoverClients;
  readonly cdk: CdkRunner;
  readonly print: (text: string) => void;
}

/** Destroys one lab copy and scans for its leftovers; resolves to the exit code. */
export async function destroy(lab: LabDefinition, argv: readonly string[], deps: DestroyDeps): Promise<number> {
  const copy = parseLearnerOnly('destroy', lab.id, argv);
  // --force: the learner asked for the destroy by running this; without it the CLI asks for confirmation
  // (https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-destroy.html).
  const args = cdkArgs('destroy', { labId: lab.id, ...copy }, { flags: ['--force'] });
  deps.print(shownCommand(args));
  const cdkCode = await deps.cdk(args);
  deps.print(`\nLeftovers of ${copy.stackName}:`);
  const leftoversCode = await scanAndPrint(lab, copy, deps.leftovers, deps.print);
  deps.print(
    `\n${cdkCode === 0 ? '✔' : '✖'} cdk destroy exited with ${cdkCode}; ` +
      `${leftoversCode === 0 ? '✔ nothing billable is left' : '✖ the leftovers check did not pass (see above)'}.`,
  );
  return cdkCode !== 0 ? cdkCode : leftoversCode;
}

export async function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  process.exitCode = await destroy(lab, argv, { leftovers: leftoverClients(), cdk: spawnCdk(), print: console.log });
}
