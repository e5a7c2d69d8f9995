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

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}
