/**
 * Runs a lab script: `npm run lab -- <lab-id> <script> [--learner alice] [--option value ...]`,
 * for example `npm run lab -- data-lake verify`. Each script is `labs/<folder>/<script>.ts` and exports
 * `main(argv)`. Errors are printed as one message and exit code 1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findLab, LAB_CATALOG } from '../lib/labs/catalog';

async function run(argv: string[]): Promise<void> {
  const [labId, script, ...rest] = argv;
  if (!labId || !script) {
    throw new Error(`Usage: npm run lab -- <lab> <script> [--learner name]. Labs: ${LAB_CATALOG.map((l) => l.id).join(', ')}.`);
  }
  const lab = findLab(labId);
  const file = path.join(__dirname, '..', lab.folder, `${script}.ts`);
  if (!/^[a-z-]+$/.test(script) || !fs.existsSync(file)) {
    const scripts = fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    throw new Error(`Lab ${lab.id} has no script "${script}". Scripts: ${scripts.join(', ')}.`);
  }
  const module = (await import(file)) as { main: (argv: string[]) => Promise<void> };
  await module.main(rest);
}

run(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`\n✖ ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
