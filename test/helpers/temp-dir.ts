/** Temporary directories for tests, removed after the test file (the run's teardown checks that nothing is left). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh directory for one test file (or one describe block), removed after its tests. */
export function testTempDir(prefix = 'ml-lab-kit-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
