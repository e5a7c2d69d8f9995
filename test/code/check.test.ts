/**
 * The whole project type-checks and lints clean in one pass of the native TypeScript compiler (scripts/check.ts:
 * oxlint with its type-aware rules and TypeScript's diagnostics), and that pass fails on a type error or a lint
 * error in a test-only file and in a lab-script file, so the suite cannot go green over them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check } from '../../scripts/check';
import { testTempDir } from '../helpers/temp-dir';

const REPO_ROOT = path.join(__dirname, '..', '..');

test('type-checks and lints with no error', () => {
  const run = check();
  // On failure the assertion prints the report: every type error and lint finding with file and line.
  expect(run.ok ? 'clean' : run.report).toBe('clean');
});

describe('a type error or a lint error fails the check', () => {
  // A copy of the project's configuration with one test-only file and one lab-script file, each with a type
  // error (TS2322), a floating promise (type-aware lint) and `==` (plain lint). Small, so the check takes a second.
  const root = testTempDir('check-proof-');
  for (const file of ['tsconfig.json', '.oxlintrc.json']) {
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(root, file));
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const broken = [
    "export const count: number = 'one';",
    'async function later(): Promise<number> { return Promise.resolve(1); }',
    'export function start(): void { later(); }',
    'export const same = (a: unknown, b: unknown): boolean => a == b;',
  ].join('\n');
  const files = { testOnly: 'test/proof/broken.test.ts', labScript: 'labs/99-proof/broken.ts' };
  for (const file of Object.values(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `${broken}\n`);
  }
  const run = check(root);

  test('the check fails', () => {
    expect(run.ok).toBe(false);
  });

  test.each(Object.entries(files))('in a %s file (%s): the type error, the type-aware rule and the plain rule', (_kind, file) => {
    const findings = run.report.split('\n').filter((line) => line.startsWith(`${file}:`));
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^[^:]+:1:\d+: .*\[Error\/typescript\(TS2322\)\]$/),
        expect.stringMatching(/^[^:]+:3:\d+: .*\[Error\/typescript\(no-floating-promises\)\]$/),
        expect.stringMatching(/^[^:]+:4:\d+: .*\[Error\/eslint\(eqeqeq\)\]$/),
      ]),
    );
  });
});
