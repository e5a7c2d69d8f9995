/**
 * Sets a model package version to Approved: `npm run lab -- mlops-pipeline approve [--version <n>] [--learner alice]`.
 * Without --version, the newest version waiting for approval. The approval event starts the delivery pipeline.
 */
import { approvalScript } from './lib/approval-script';

const approve = approvalScript('approve', 'Approved', 'Sets a version of the lab model package group to Approved, which starts the delivery to staging.');

export const SCRIPT = approve.SCRIPT;

export function main(argv: readonly string[]): Promise<void> {
  return approve.main(argv);
}
