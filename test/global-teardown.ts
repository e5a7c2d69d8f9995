/**
 * Runs once after the test files: the run's temporary directory must be empty (every test removed the
 * cloud assemblies and run folders it created) and the repository must hold no new cdk.out folder.
 * Anything left fails the run with the list of what was left.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED_SYNTH_DIR, REPO_OUTDIRS_ENV, repoOutdirs, RUN_TMPDIR_ENV } from './global-setup';

export default function globalTeardown(): void {
  const dir = process.env[RUN_TMPDIR_ENV];
  if (!dir) {
    throw new Error('The global setup did not run: no temporary directory for this run.');
  }
  // Jest's cache and Node.js's module compile cache (node-compile-cache, which tools such as tsx enable) are
  // theirs to manage, and the synth results the test files share are the run's; none is a test's leftover.
  const left = fs.readdirSync(dir).filter((name) => !name.startsWith('jest_') && name !== 'node-compile-cache' && name !== SHARED_SYNTH_DIR);
  const before = JSON.parse(process.env[REPO_OUTDIRS_ENV] ?? '[]') as string[];
  const newOutdirs = repoOutdirs().filter((name) => !before.includes(name));
  fs.rmSync(dir, { recursive: true, force: true });
  const leftovers = [...left.map((name) => path.join(dir, name)), ...newOutdirs];
  if (leftovers.length > 0) {
    throw new Error(`The tests left files behind; remove them in the test that creates them:\n- ${leftovers.join('\n- ')}`);
  }
}
