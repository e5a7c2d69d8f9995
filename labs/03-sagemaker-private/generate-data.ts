/**
 * Writes the lab's data set: `npm run lab -- sagemaker-private generate-data`. The files are committed;
 * `cdk deploy` uploads data/channels (the train and validation channels of the training job) and
 * `verify` sends data/test to the endpoint. A test checks the committed files match this generator.
 */
import * as path from 'node:path';
import { findLab } from '../../lib/labs';
import { parseScriptArgs } from '../shared/args';
import { GENERATE_DATA_SCRIPT, renderSplits, SPLIT_FILES, writeSplitFiles } from '../shared/split-files';
import { generatePeople, splitPeople, SPLITS, toCsvLine } from './lib/dataset';

export const DATA_DIR = path.join(__dirname, 'data');

export { SPLIT_FILES };

/** The content of each split's file. */
export function renderDataSet(): Record<keyof typeof SPLITS, string> {
  return renderSplits(splitPeople(generatePeople(SPLITS.train + SPLITS.validation + SPLITS.test)), toCsvLine);
}

export const SCRIPT = GENERATE_DATA_SCRIPT;

export function main(argv: string[] = []): Promise<void> {
  parseScriptArgs(findLab('sagemaker-private'), SCRIPT, argv);
  return writeSplitFiles(DATA_DIR, SPLIT_FILES, SPLITS, renderDataSet);
}
