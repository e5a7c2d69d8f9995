/**
 * The lab postures kept in the snapshot of test/posture/labs.test.ts. That test keeps them equal to what
 * the labs synthesize, so other tests (the docs test) read them here instead of synthesizing every lab again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const SNAPSHOT = path.join(__dirname, '__snapshots__', 'labs.test.ts.snap');

/** The posture text of each lab in the snapshot file, by lab id (`test('posture')` in `describe('lab <id>')`). */
export function readPostureSnapshots(): ReadonlyMap<string, string> {
  const exports: Record<string, string> = {};
  if (fs.existsSync(SNAPSHOT)) {
    // A snapshot file is a CommonJS module of template literals; a string snapshot is stored in double quotes.
    vm.runInNewContext(fs.readFileSync(SNAPSHOT, 'utf8'), { exports });
  }
  const labs = Object.entries(exports).flatMap(([name, value]) => {
    const match = /^lab (\S+) posture 1$/.exec(name);
    return match ? [[match[1], value.trim().replace(/^"|"$/g, '')] as const] : [];
  });
  return new Map(labs);
}
