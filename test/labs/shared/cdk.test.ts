import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { appBootstrapQualifier, cdkArgs, REPOSITORY_ROOT, type Spawn, spawnCdk } from '../../../labs/shared/cdk';
import { bootstrapVersionParameter } from '../../../lib/safety/preflight';
import { testApp } from '../../helpers/synth';
import { testTempDir } from '../../helpers/temp-dir';

/** A spawn that records its call and ends the way `end` says. */
function fakeSpawn(end: (child: EventEmitter) => void): { spawn: Spawn; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const spawn: Spawn = (command, args, options) => {
    calls.push([command, args, options]);
    const child = new EventEmitter();
    setImmediate(() => end(child));
    return child as ChildProcess;
  };
  return { spawn, calls };
}

describe('the CDK CLI runner', () => {
  test("runs the repository's pinned CDK with npx from the repository root, on the learner's terminal", async () => {
    const { spawn, calls } = fakeSpawn((child) => child.emit('close', 0, null));
    await expect(spawnCdk(spawn)(['deploy', 'Lab01DataLake'])).resolves.toBe(0);
    expect(calls).toEqual([['npx', ['--no-install', 'cdk', 'deploy', 'Lab01DataLake'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' }]]);
    expect(fs.existsSync(path.join(REPOSITORY_ROOT, 'cdk.json'))).toBe(true);
  });

  test("resolves to the CLI's exit code, and 128 + the signal number when it was stopped (Ctrl+C: 130)", async () => {
    await expect(spawnCdk(fakeSpawn((child) => child.emit('close', 1, null)).spawn)(['deploy'])).resolves.toBe(1);
    await expect(spawnCdk(fakeSpawn((child) => child.emit('close', null, 'SIGINT')).spawn)(['deploy'])).resolves.toBe(130);
  });

  test('a CLI that cannot start is one error that says to run npm ci', async () => {
    const { spawn } = fakeSpawn((child) => child.emit('error', Object.assign(new Error('spawn npx ENOENT'), { code: 'ENOENT' })));
    await expect(spawnCdk(spawn)(['deploy'])).rejects.toThrow(/^Could not start the CDK CLI \(npx cdk\): spawn npx ENOENT\. Run npm ci in /);
  });

  test('arguments: verb, flags, -c lab, -c learner only for a learner copy, other -c options, then the stack', () => {
    expect(cdkArgs('destroy', { labId: 'data-lake', stackName: 'Lab01DataLake' }, { flags: ['--force'] })).toEqual([
      'destroy', '--force', '-c', 'lab=data-lake', 'Lab01DataLake',
    ]);
    expect(cdkArgs('deploy', { labId: 'tune-and-batch', stackName: 'bob-Lab05TuneAndBatch', learner: 'bob' }, { context: [['spot', 'true']] })).toEqual([
      'deploy', '-c', 'lab=tune-and-batch', '-c', 'learner=bob', '-c', 'spot=true', 'bob-Lab05TuneAndBatch',
    ]);
  });
});

describe("the bootstrap qualifier preflight checks is the one the app synthesizes with", () => {
  const dir = testTempDir();
  const cdkJson = (context: Record<string, unknown>) => {
    const file = path.join(dir, `cdk-${Object.keys(context).length}.json`);
    fs.writeFileSync(file, JSON.stringify({ app: 'x', context }));
    return file;
  };

  test("cdk.json's qualifier, a -c one over it, else the synthesizer's default", () => {
    const custom = cdkJson({ '@aws-cdk/core:bootstrapQualifier': 'class1' });
    expect(appBootstrapQualifier([], custom)).toBe('class1');
    expect(appBootstrapQualifier([['@aws-cdk/core:bootstrapQualifier', 'class2']], custom)).toBe('class2');
    expect(appBootstrapQualifier([], cdkJson({}))).toBe(DefaultStackSynthesizer.DEFAULT_QUALIFIER);
  });

  test('the parameter preflight reads is the one a template synthesized with that qualifier declares', () => {
    const app = testApp({ outdir: dir, context: { '@aws-cdk/core:bootstrapQualifier': 'class1' } });
    const template = Template.fromStack(new Stack(app, 'Probe')).toJSON() as { Parameters: { BootstrapVersion: { Default: string } } };
    const qualifier = appBootstrapQualifier([], cdkJson({ '@aws-cdk/core:bootstrapQualifier': 'class1' }));
    expect(template.Parameters.BootstrapVersion.Default).toBe(bootstrapVersionParameter(qualifier));
  });
});
