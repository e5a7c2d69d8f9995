/**
 * Runs a lab script: `npm run lab -- <lab-id> <script> [--learner alice] [--option value ...]`,
 * for example `npm run lab -- data-lake verify`. Each script is `labs/<folder>/<script>.ts` and exports
 * `main(argv)`. Errors are printed as one message and exit code 1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findLab, LABS } from '../lib/labs';
import type { LabDefinition } from '../lib/labs/lab-definition';
import { ScriptHelp } from './shared/args';
import { unsupportedNode } from './shared/node-version';

/** Runs one script; resolves when it is done (its exit code in process.exitCode), rejects with a message. */
export async function run(argv: readonly string[], print: (text: string) => void = console.log): Promise<void> {
  try {
    await runScript(argv);
  } catch (e) {
    if (e instanceof ScriptHelp) {
      print(e.message);
      return;
    }
    throw e;
  }
}

async function runScript(argv: readonly string[]): Promise<void> {
  const [labId, script, ...rest] = argv;
  if (!labId || !script) {
    throw new Error(
      'Usage: npm run lab -- <lab> <script> [--learner <name>], where <name> is the one you deployed with -c learner=<name> ' +
        `(omit it for the shared copy). Labs: ${LABS.map((l) => l.id).join(', ')}.`,
    );
  }
  if (labId === '--help' || labId === '-h') {
    throw new ScriptHelp(`Usage: npm run lab -- <lab> <script> [options]; npm run lab -- <lab> <script> --help says what a script does. Labs: ${LABS.map((l) => l.id).join(', ')}.`);
  }
  const lab = findLab(labId);
  if (Object.hasOwn(KIT_SCRIPTS, script)) {
    await ((await import(path.join(__dirname, '..', KIT_SCRIPTS[script]))) as KitScript).main(lab, rest);
    return;
  }
  const file = path.join(__dirname, '..', lab.folder, `${script}.ts`);
  const module = /^[a-z-]+$/.test(script) && fs.existsSync(file) ? ((await import(file)) as Partial<LabScript>) : {};
  if (typeof module.main !== 'function') {
    throw new Error(`Lab ${lab.id} has no script "${script}". Scripts: ${labScripts(path.dirname(file)).join(', ')}.`);
  }
  await module.main(rest);
}

interface LabScript {
  main: (argv: readonly string[]) => Promise<void>;
}

/** Scripts every lab has, written once for the kit: name -> module (relative to the repository root). */
export const KIT_SCRIPTS: Readonly<Record<string, string>> = {
  posture: 'labs/shared/posture.ts',
  preflight: 'labs/shared/preflight.ts',
  leftovers: 'labs/shared/leftovers.ts',
  deploy: 'labs/shared/deploy.ts',
  destroy: 'labs/shared/destroy.ts',
};

interface KitScript {
  main: (lab: LabDefinition, argv: string[]) => Promise<void>;
}

/** The scripts of a lab: the files of its folder that export `main` (async or returning a promise), and the kit's. */
export function labScripts(folder: string): string[] {
  const own = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.ts') && /^export (async )?function main\(/m.test(fs.readFileSync(path.join(folder, f), 'utf8')))
    .map((f) => f.replace(/\.ts$/, ''));
  return [...own, ...Object.keys(KIT_SCRIPTS)];
}

/** The AWS SDK's messages for a missing Region or credentials, said in terms of what to do. */
export function explainError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (message === 'Region is missing') {
    return 'No AWS Region is configured: set AWS_REGION (or a profile with a region) to the Region you deployed the lab to.';
  }
  if (/Could not load credentials/.test(message)) {
    return 'No AWS credentials were found: run `aws configure` or `aws sso login`, or set AWS_PROFILE.';
  }
  return message;
}

if (require.main === module) {
  const nodeProblem = unsupportedNode(process.version);
  if (nodeProblem) {
    console.error(`\n✖ ${nodeProblem}`);
    process.exit(1);
  }
  run(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`\n✖ ${explainError(e)}`);
    process.exitCode = 1;
  });
}
