/**
 * The whole project type-checks and lints clean, with the same TypeScript program for both
 * (scripts/check.ts). It runs in a child process, as `npm run build` and `npm run lint` would, while jest's
 * other worker runs the remaining test files.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { testTempDir } from '../helpers/temp-dir';

const REPO_ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// tsx keeps a cache in the temporary directory; this one is removed after the test.
const TMPDIR = testTempDir('check-');

test('type-checks and lints with no error', async () => {
  const run = await promisify(execFile)(process.execPath, [TSX, 'scripts/check.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, TMPDIR },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout }) => ({ exitCode: 0, report: stdout }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({ exitCode: err.code ?? 1, report: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
  );
  // On failure the assertion prints the report: every type error and lint finding with file and line.
  expect({ exitCode: run.exitCode, report: run.exitCode === 0 ? 'clean' : run.report }).toEqual({ exitCode: 0, report: 'clean' });
}, 300_000);
