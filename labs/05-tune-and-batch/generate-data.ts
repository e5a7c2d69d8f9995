/**
 * Writes the lab's data set: `npm run lab -- tune-and-batch generate-data`. The files are committed;
 * `cdk deploy` uploads data/channels (the tuning job's train and validation channels) and data/test (the
 * batch transform's input, label first: the transform's input filter drops it for the model and the
 * output keeps it next to the prediction). A test checks the committed files match this generator.
 */
import * as path from 'node:path';
import { findLab } from '../../lib/labs';
import { parseScriptArgs } from '../shared/args';
import { GENERATE_DATA_SCRIPT, renderSplits, SPLIT_FILES, writeSplitFiles } from '../shared/split-files';
import { generateDays, splitDays, SPLITS, toCsvLine } from './lib/dataset';

export const DATA_DIR = path.join(__dirname, 'data');

export { SPLIT_FILES };

/** The content of each split's file. */
export function renderDataSet(): Record<keyof typeof SPLITS, string> {
  return renderSplits(splitDays(generateDays(SPLITS.train + SPLITS.validation + SPLITS.test)), toCsvLine);
}

export const SCRIPT = GENERATE_DATA_SCRIPT;

export function main(argv: string[] = []): Promise<void> {
  parseScriptArgs(findLab('tune-and-batch'), SCRIPT, argv);
  return writeSplitFiles(DATA_DIR, SPLIT_FILES, SPLITS, renderDataSet);
}
