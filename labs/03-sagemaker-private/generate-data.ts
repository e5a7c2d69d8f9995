/**
 * Writes the lab's data set: `npm run lab -- sagemaker-private generate-data`. The files are committed;
 * `cdk deploy` uploads data/channels (the train and validation channels of the training job) and
 * `verify` sends data/test to the endpoint. A test checks the committed files match this generator.
 */
import * as path from 'node:path';
import { writeSplitFiles } from '../shared/split-files';
import { generatePeople, splitPeople, SPLITS, toCsvLine } from './lib/dataset';

export const DATA_DIR = path.join(__dirname, 'data');

/** Each split's file, relative to data/. */
export const SPLIT_FILES = {
  train: 'channels/train/train.csv',
  validation: 'channels/validation/validation.csv',
  test: 'test/test.csv',
} as const;

/** The content of each split's file. */
export function renderDataSet(): Record<keyof typeof SPLITS, string> {
  const splits = splitPeople(generatePeople(SPLITS.train + SPLITS.validation + SPLITS.test));
  const render = (rows: readonly Parameters<typeof toCsvLine>[0][]) => rows.map(toCsvLine).join('\n') + '\n';
  return { train: render(splits.train), validation: render(splits.validation), test: render(splits.test) };
}

export function main(argv: string[] = []): Promise<void> {
  return writeSplitFiles(argv, DATA_DIR, SPLIT_FILES, SPLITS, renderDataSet);
}
