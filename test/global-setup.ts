/**
 * Runs once before the test files: gives the run its own temporary directory (TMPDIR, which os.tmpdir()
 * and the CDK read in every test worker), so the teardown can prove that the tests leave nothing behind.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const RUN_TMPDIR_ENV = 'ML_LAB_KIT_TEST_TMPDIR';
export const REPO_OUTDIRS_ENV = 'ML_LAB_KIT_TEST_REPO_OUTDIRS';
/** Where test files share synth results with the rest of the run (test/helpers/shared-synth.ts). */
export const SHARED_SYNTH_DIR = 'shared-synth';

/** The cdk.out folders in the repository root (a developer's own `npm run synth` output is not a test's). */
export function repoOutdirs(): string[] {
  return fs.readdirSync(path.join(__dirname, '..')).filter((name) => name.startsWith('cdk.out'));
}

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lab-kit-jest-'));
  process.env[RUN_TMPDIR_ENV] = dir;
  process.env.TMPDIR = dir;
  process.env[REPO_OUTDIRS_ENV] = JSON.stringify(repoOutdirs());
}
