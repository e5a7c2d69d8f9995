import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cdkArgs, REPOSITORY_ROOT, type Spawn, spawnCdk } from '../../../labs/shared/cdk';

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
