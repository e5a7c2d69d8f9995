/**
 * Checks the deployed lab end to end: `npm run lab -- mlops-pipeline verify [--learner alice]`: the pipeline
 * succeeded, versions are registered, staging and production serve Approved versions and answer, and no
 * Rejected version serves. Exit code 1 when a check fails.
 */
import { MLOPS_PIPELINE } from '../../lib/labs/mlops-pipeline/lab';
import { copyScript, parseScriptArgs } from '../shared/args';
import { scriptClients } from './lib/clients';
import { labNames, verifyLab } from './lib/mlops';

export const SCRIPT = copyScript('verify', 'Checks that the pipeline succeeded, versions are registered, staging and production serve approved versions that answer, and no rejected version serves.');

export async function main(argv: readonly string[]): Promise<void> {
  const { stackName } = parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
  const clients = await scriptClients();
  const marks = await verifyLab(clients, await labNames(clients.cloudFormation, stackName));
  if (marks.includes('✖')) process.exitCode = 1;
}
