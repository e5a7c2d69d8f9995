/** The `-c` options only lab 05 reads (no aws-cdk-lib import). */
import { flag } from '../../context-options';

export const SPOT = flag(
  'spot',
  'Runs the tuning job\'s training jobs on managed spot capacity (cheaper; a job may wait for capacity, and an interrupted job starts over: no checkpoints, see the lab guide).',
);
