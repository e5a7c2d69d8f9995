/** The `generate-data` script of a lab with a seeded train/validation/test data set. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScriptSpec } from './args';

/** Where a SageMaker lab keeps each split, relative to its data folder: the two training channels and the test rows. */
export const SPLIT_FILES = {
  train: 'channels/train/train.csv',
  validation: 'channels/validation/validation.csv',
  test: 'test/test.csv',
} as const;

export type Split = keyof typeof SPLIT_FILES;

/** Each split's rows as the text of its file: one CSV line a row. */
export function renderSplits<R>(splits: Readonly<Record<Split, readonly R[]>>, toLine: (row: R) => string): Record<Split, string> {
  const render = (rows: readonly R[]) => rows.map(toLine).join('\n') + '\n';
  return { train: render(splits.train), validation: render(splits.validation), test: render(splits.test) };
}

/** The spec of a SageMaker lab's generate-data script (it takes no options). */
export const GENERATE_DATA_SCRIPT: ScriptSpec = {
  script: 'generate-data',
  summary: 'Writes the lab\'s seeded train, validation and test files under its data folder (the files are committed; learners need not run it).',
  learner: false,
};

/** Writes each split's rendered content to its file under `dataDir` (creating folders) and prints the row counts. */
export function writeSplitFiles<S extends string>(
  dataDir: string,
  files: Readonly<Record<S, string>>,
  rows: Readonly<Record<S, number>>,
  render: () => Record<S, string>,
): Promise<void> {
  const contents = render();
  for (const split of Object.keys(files) as S[]) {
    const file = path.join(dataDir, files[split]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents[split]);
    console.log(`${path.relative(process.cwd(), file)}: ${rows[split]} rows`);
  }
  return Promise.resolve();
}
