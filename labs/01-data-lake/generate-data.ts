/**
 * Regenerates the lab's sample data in labs/01-data-lake/data from a fixed seed:
 * `npm run lab -- data-lake generate-data [--seed 20240501]`. The files are committed, so learners do not
 * need to run it; a test fails if they drift from what this script produces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLabArgs } from '../shared/args';
import { generateDataSet, renderDataFiles, SEED } from './sample-data';

export const DATA_DIR = path.join(__dirname, 'data');

export function main(argv: string[]): Promise<void> {
  const { options } = parseLabArgs('data-lake', argv);
  const seed = options.seed === undefined ? SEED : Number(options.seed);
  if (!Number.isInteger(seed)) {
    throw new Error(`--seed must be an integer, not "${options.seed}".`);
  }
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  for (const [file, content] of renderDataFiles(generateDataSet(seed))) {
    const target = path.join(DATA_DIR, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    console.log(`wrote ${path.relative(process.cwd(), target)} (${content.trimEnd().split('\n').length} lines)`);
  }
  return Promise.resolve();
}
