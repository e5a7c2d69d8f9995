/**
 * Regenerates the lab's sample data in labs/01-data-lake/data from a fixed seed:
 * `npm run lab -- data-lake generate-data [--seed 20240501]`. The files are committed, so learners do not
 * need to run it; a test fails if they drift from what this script produces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { generateDataSet, renderDataFiles, SEED } from './sample-data';

export const DATA_DIR = path.join(__dirname, 'data');

export const SCRIPT: ScriptSpec = {
  script: 'generate-data',
  summary: 'Regenerates the lab\'s sample data in labs/01-data-lake/data from a seed (the files are committed; learners need not run it).',
  learner: false,
  options: { seed: { description: 'the random seed', placeholder: '<number>', min: 0, max: 2 ** 31 - 1, integer: true, default: SEED } },
  example: `--seed ${SEED}`,
};

export function main(argv: string[]): Promise<void> {
  const { options } = parseScriptArgs(findLab('data-lake'), SCRIPT, argv);
  const seed = options.seed;
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  for (const [file, content] of renderDataFiles(generateDataSet(seed))) {
    const target = path.join(DATA_DIR, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    console.log(`wrote ${path.relative(process.cwd(), target)} (${content.trimEnd().split('\n').length} lines)`);
  }
  return Promise.resolve();
}
