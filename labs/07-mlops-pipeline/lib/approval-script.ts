/**
 * The approve and reject scripts: the same option and the same steps, one approval status each
 * (`npm run lab -- mlops-pipeline approve|reject [--version <n>] [--learner alice]`).
 */
import { MLOPS_PIPELINE } from '../../../lib/labs/mlops-pipeline/lab';
import { parseScriptArgs, type ScriptSpec } from '../../shared/args';
import { scriptClients } from './clients';
import { labNames, setApproval } from './mlops';

export function approvalScript(
  script: string,
  status: 'Approved' | 'Rejected',
  summary: string,
): { readonly SCRIPT: ScriptSpec; readonly main: (argv: readonly string[]) => Promise<void> } {
  const SCRIPT: ScriptSpec = {
    script,
    summary,
    learner: true,
    options: {
      version: { description: 'the version number (0: the newest version waiting for approval)', placeholder: '<n>', min: 0, max: 100_000, integer: true, default: 0 },
    },
    example: '--version 2',
  };
  const main = async (argv: readonly string[]): Promise<void> => {
    const { stackName, options } = parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
    const clients = await scriptClients();
    await setApproval(clients, await labNames(clients.cloudFormation, stackName), options.version, status);
  };
  return { SCRIPT, main };
}
