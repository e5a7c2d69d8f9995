/**
 * Sets a model package version to Rejected: `npm run lab -- mlops-pipeline reject [--version <n>] [--learner alice]`.
 * Without --version, the newest version waiting for approval. A rejected version is never delivered.
 */
import { approvalScript } from './lib/approval-script';

const reject = approvalScript('reject', 'Rejected', 'Sets a version of the lab model package group to Rejected, so it is never delivered.');

export const SCRIPT = reject.SCRIPT;

export function main(argv: readonly string[]): Promise<void> {
  return reject.main(argv);
}
