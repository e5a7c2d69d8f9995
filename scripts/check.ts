/**
 * Type-checks and lints the whole project in one pass of the native TypeScript 7 compiler: oxlint runs the
 * type-aware rules (typescript-eslint's, ported to typescript-go by oxlint-tsgolint) and, with `typeCheck`, reports
 * every `tsc` diagnostic from the same program (.oxlintrc.json). Measured on the six labs: 10 CPU-s, against
 * 32 CPU-s for TypeScript 6 with type-aware ESLint sharing one program, and 40 for `tsc` 7 beside ESLint on
 * TypeScript 6 (issue 23). Prints what oxlint prints and exits with its status. `npm test` runs it beside the
 * other tests (test/code/check.test.ts); `npm run build` (tsc 7) and `npm run lint` run the parts alone.
 *
 * Usage: tsx scripts/check.ts [directory]  (default: the repository; a test points it at a small copy)
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO_ROOT = path.join(__dirname, '..');
const OXLINT = path.join(REPO_ROOT, 'node_modules', 'oxlint', 'bin', 'oxlint');

/** Runs oxlint over `root` with the repository's configuration; `ok` is false on any type error or lint error. */
export function check(root = REPO_ROOT): { readonly ok: boolean; readonly report: string } {
  // oxlint reads `root`'s .oxlintrc.json and tsconfig.json, and finds tsgolint in `root`'s node_modules.
  const run = spawnSync(process.execPath, [OXLINT, '--format', 'unix', '.'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    throw run.error;
  }
  return { ok: run.status === 0, report: `${run.stdout}${run.stderr}`.trim() };
}

if (require.main === module) {
  const { ok, report } = check(process.argv[2] ? path.resolve(process.argv[2]) : REPO_ROOT);
  if (report) {
    console.log(report);
  }
  process.exitCode = ok ? 0 : 1;
}
