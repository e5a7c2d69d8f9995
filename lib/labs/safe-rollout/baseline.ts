/** Lab 08's training baseline, read by the stack (for the drift monitor) and the traffic script (no aws-cdk-lib import). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Baseline, baselineOf } from '../../../lambda/drift-monitor/drift';

/** The train and validation channels: lab 03's data set (label first, eight numeric features). */
export const CHANNELS_FOLDER = 'labs/03-sagemaker-private/data/channels';
const REPO_ROOT = path.join(__dirname, '..', '..', '..');

/** The per-feature mean and standard deviation of the training channel, rounded to 4 decimals. */
export function trainingBaseline(): Baseline {
  const text = fs.readFileSync(path.join(REPO_ROOT, CHANNELS_FOLDER, 'train', 'train.csv'), 'utf8');
  const rows = text.split('\n').filter((l) => l.trim()).map((l) => l.split(',').slice(1).map(Number));
  const { means, stds } = baselineOf(rows);
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { means: means.map(round), stds: stds.map(round) };
}
