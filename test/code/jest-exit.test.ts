/**
 * `npm test` used to end with "A worker process has failed to exit gracefully" on every run. No handle was left
 * open: both workers exited on their own, but Node.js frees a worker's heap (1 to 2 GB after the lab synths) as
 * it exits (measured from its 'exit' event to its end: 1.1 to 1.3 s, for 300 MB of heap and the code of every
 * test file it ran), and jest kills a worker that takes longer than 500 ms (its `workerGracefulExitTimeout`
 * default) and prints that warning. jest.config.js gives it longer; this runs jest with that configuration over
 * two fixture files, one of which leaves its worker busy for 0.8 s after the run (over the
 * 500 ms after which jest would kill it).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the configuration is a CommonJS file
const config = require(path.join(REPO_ROOT, 'jest.config.js')) as { transform: unknown; workerGracefulExitTimeout?: number };

test('jest waits for a worker that takes 0.8 s to exit instead of killing it', async () => {
  const fixture = {
    rootDir: REPO_ROOT,
    roots: ['<rootDir>/test/fixtures/jest-exit'],
    testMatch: ['**/*.fixture.ts'],
    transform: config.transform,
    maxWorkers: 2,
    workerGracefulExitTimeout: config.workerGracefulExitTimeout,
  };
  const jest = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const run = await promisify(execFile)(process.execPath, [jest, '--ci', '--config', JSON.stringify(fixture)], { cwd: REPO_ROOT }).then(
    ({ stderr }) => ({ exitCode: 0, stderr }),
    (err: { code?: number; stderr?: string }) => ({ exitCode: err.code ?? 1, stderr: err.stderr ?? '' }),
  );
  expect(run).toEqual({ exitCode: 0, stderr: expect.stringContaining('Tests:       2 passed, 2 total') });
  expect(run.stderr).not.toContain('failed to exit gracefully');
}, 120_000);
