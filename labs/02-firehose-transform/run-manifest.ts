/**
 * What produce.ts sent, saved on this machine so that verify.ts can check the delivery against it.
 * Kept in the system temp folder, one file per stack: it describes a run, not the lab.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExpectedResult } from './sample';
import { LabScriptError } from '../shared/stack-outputs';

export interface RunManifest {
  readonly stackName: string;
  /** Prefix of every sensor id of the run: how verify finds its records among others. */
  readonly runId: string;
  readonly startedAt: string;
  readonly total: number;
  /** Records sent, by the result the transform should give them. */
  readonly expected: Record<ExpectedResult, number>;
}

export const DEFAULT_RUN_DIR = path.join(os.tmpdir(), 'ml-lab-kit');

function fileOf(stackName: string, dir: string): string {
  return path.join(dir, `${stackName}-firehose-last-run.json`);
}

export function saveRun(run: RunManifest, dir = DEFAULT_RUN_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = fileOf(run.stackName, dir);
  fs.writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

export function loadRun(stackName: string, dir = DEFAULT_RUN_DIR): RunManifest {
  const file = fileOf(stackName, dir);
  if (!fs.existsSync(file)) {
    throw new LabScriptError(
      `No produce run found for ${stackName} on this machine. Send records first: npm run lab -- firehose-transform produce`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunManifest;
}
