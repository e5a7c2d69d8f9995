/**
 * Shows the lab's state: `npm run lab -- mlops-pipeline status [--learner alice]`: the latest pipeline executions,
 * every model package version with its test AUC and approval, what each endpoint serves, and the delivery's stages.
 */
import { MLOPS_PIPELINE } from '../../lib/labs/mlops-pipeline/lab';
import { copyScript, parseScriptArgs } from '../shared/args';
import { scriptClients } from './lib/clients';
import { labNames, printStatus } from './lib/mlops';

export const SCRIPT = copyScript('status', 'Shows the pipeline executions, the model package versions with their metrics and approval, what each endpoint serves, and the delivery.');

export async function main(argv: readonly string[]): Promise<void> {
  const { stackName } = parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
  const clients = await scriptClients();
  await printStatus(clients, await labNames(clients.cloudFormation, stackName));
}
