/**
 * Sets a model package version to Rejected: `npm run lab -- mlops-pipeline reject [--version <n>] [--learner alice]`.
 * Without --version, the newest version waiting for approval. A rejected version is never delivered.
 */
import { MLOPS_PIPELINE } from '../../lib/labs/mlops-pipeline/lab';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptClients } from './lib/clients';
import { labNames, setApproval } from './lib/mlops';

export const SCRIPT: ScriptSpec = {
  script: 'reject',
  summary: 'Sets a version of the lab model package group to Rejected, so it is never delivered.',
  learner: true,
  options: {
    version: { description: 'the version number (0: the newest version waiting for approval)', placeholder: '<n>', min: 0, max: 100_000, integer: true, default: 0 },
  },
  example: '--version 2',
};

export async function main(argv: readonly string[]): Promise<void> {
  const { stackName, options } = parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
  const clients = await scriptClients();
  await setApproval(clients, await labNames(clients.cloudFormation, stackName), options.version, 'Rejected');
}
