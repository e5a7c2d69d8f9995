/**
 * Sets a model package version to Approved: `npm run lab -- mlops-pipeline approve [--version <n>] [--learner alice]`.
 * Without --version, the newest version waiting for approval. The approval event starts the delivery pipeline.
 */
import { MLOPS_PIPELINE } from '../../lib/labs/mlops-pipeline/lab';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptClients } from './lib/clients';
import { labNames, setApproval } from './lib/mlops';

export const SCRIPT: ScriptSpec = {
  script: 'approve',
  summary: 'Sets a version of the lab model package group to Approved, which starts the delivery to staging.',
  learner: true,
  options: {
    version: { description: 'the version number (0: the newest version waiting for approval)', placeholder: '<n>', min: 0, max: 100_000, integer: true, default: 0 },
  },
  example: '--version 2',
};

export async function main(argv: readonly string[]): Promise<void> {
  const { stackName, options } = parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
  const clients = await scriptClients();
  await setApproval(clients, await labNames(clients.cloudFormation, stackName), options.version, 'Approved');
}
