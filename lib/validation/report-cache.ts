/**
 * Validation reports kept by content between runs, in the repository's ignored cache folder: a validator's report
 * on a template depends only on the template and the validator (its version and configuration), so the key is
 * the SHA-256 of all of them, and a template that changed in any byte is validated again.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The kit's cache folder: git ignores node_modules/, and `npm ci` starts it afresh. */
export const VALIDATION_CACHE_ROOT = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'ml-lab-kit');

/** Stands for a template's path in a cached report, which outlives the cloud assembly it was read from. */
const TEMPLATE_PLACEHOLDER = '<template>';

/** `R`: the plugin's report type (PolicyValidationPluginReport or its Beta1 form). */
export class ReportCache<R extends object> {
  constructor(private readonly dir: string) {}

  /** The key of a report: every part that decides it, in order (versions, configuration, template content). */
  key(parts: readonly (string | Buffer)[]): string {
    const hash = crypto.createHash('sha256');
    for (const part of parts) {
      hash.update(part).update('\0');
    }
    return hash.digest('hex').slice(0, 40);
  }

  /** The report kept under `key`, with `templatePath` where the template's path was. */
  read(key: string, templatePath: string): R | undefined {
    const file = this.file(key);
    if (!fs.existsSync(file)) {
      return undefined;
    }
    return JSON.parse(fs.readFileSync(file, 'utf8'), (name, value: unknown) =>
      name === 'templatePath' && value === TEMPLATE_PLACEHOLDER ? templatePath : value,
    ) as R;
  }

  /** Keeps `report` (on one template) under `key`: written whole and then renamed, so a reader beside it gets all or nothing. */
  write(key: string, report: R): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const partial = `${this.file(key)}.${process.pid}`;
    fs.writeFileSync(partial, JSON.stringify(report, (name, value: unknown) => (name === 'templatePath' ? TEMPLATE_PLACEHOLDER : value)));
    fs.renameSync(partial, this.file(key));
  }

  /**
   * The report kept under `key`, or the one `produce` makes, which is then kept. While another process is making
   * the same report (its lock file names it, and it is alive), this one waits for it instead of making it again:
   * two processes checking the same template at once (the tests do, with cold caches) would each take twice as
   * long on a 2-core machine, for one report. A lock left by a process that is gone is taken over.
   */
  readOrProduce(key: string, templatePath: string, produce: () => R): { readonly report: R; readonly cached: boolean } {
    const lock = `${this.file(key)}.lock`;
    let locked = false;
    for (const deadline = Date.now() + LOCK_WAIT_MS; ; ) {
      const cached = this.read(key, templatePath);
      if (cached) {
        return { report: cached, cached: true };
      }
      locked = takeLock(lock);
      // After the deadline this process makes the report without the lock, and leaves the other's lock alone.
      if (locked || Date.now() > deadline) {
        break;
      }
      sleep(50);
    }
    try {
      const report = produce();
      this.write(key, report);
      return { report, cached: false };
    } finally {
      if (locked) {
        fs.rmSync(lock, { force: true });
      }
    }
  }

  /** Where the report of `key` is kept; its lock is this path with `.lock` added. */
  file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

/** How long a process waits for another that makes the same report before making it itself. */
const LOCK_WAIT_MS = 5 * 60_000;

/** Creates `lock` with this process's id; false while a live process holds it. A lock of a dead process is removed. */
function takeLock(lock: string): boolean {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw e;
    }
  }
  const holder = Number(readOrEmpty(lock));
  if (holder > 0 && holder !== process.pid && !isAlive(holder)) {
    fs.rmSync(lock, { force: true });
  }
  return false;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Blocks this thread for `ms` milliseconds (validation plugins are synchronous). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
