/**
 * Writes the lab's data: `npm run lab -- mlops-pipeline generate-data`. The files are committed; `cdk deploy`
 * uploads data/raw (the rows the pipeline's Prepare step splits) and data/smoke-test (the rows the delivery's
 * smoke test sends to the staging endpoint: features only, no label). A test checks the committed files match.
 * The rows are lab 03's synthetic people (label first, then the features), drawn with this lab's seed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MLOPS_PIPELINE } from '../../lib/labs/mlops-pipeline/lab';
import { FEATURES, generatePeople, toCsvLine } from '../03-sagemaker-private/lib/dataset';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';

export const DATA_DIR = path.join(__dirname, 'data');
export const FILES = { raw: 'raw/people.csv', smokeTest: 'smoke-test/rows.csv' } as const;
export const ROWS = { raw: 1000, smokeTest: 5 } as const;
const SEED = 20_261_202;

/** The content of each file. */
export function renderData(): Record<keyof typeof FILES, string> {
  const people = generatePeople(ROWS.raw + ROWS.smokeTest, SEED);
  const raw = people.slice(0, ROWS.raw).map(toCsvLine);
  const smoke = people.slice(ROWS.raw).map((p) => FEATURES.map((f) => p.features[f]).join(','));
  return { raw: raw.join('\n') + '\n', smokeTest: smoke.join('\n') + '\n' };
}

export const SCRIPT: ScriptSpec = {
  script: 'generate-data',
  summary: 'Writes the lab\'s raw rows and smoke-test rows under its data folder (the files are committed; learners need not run it).',
  learner: false,
};

export function main(argv: readonly string[] = []): Promise<void> {
  parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
  const contents = renderData();
  for (const key of Object.keys(FILES) as (keyof typeof FILES)[]) {
    const file = path.join(DATA_DIR, FILES[key]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents[key]);
    console.log(`${path.relative(process.cwd(), file)}: ${ROWS[key]} rows`);
  }
  return Promise.resolve();
}
