/**
 * Approves the delivery's manual approval, promoting the version that passed the staging smoke test to
 * production: `npm run lab -- mlops-pipeline promote [--learner alice]` (the same as "Review" in the CodePipeline
 * console, or `aws codepipeline put-approval-result`).
 */
import { MLOPS_PIPELINE } from '../../lib/labs/mlops-pipeline/lab';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { LabScriptError } from '../shared/stack-outputs';
import { scriptClients } from './lib/clients';
import { approvePromotion, labNames } from './lib/mlops';

export const SCRIPT: ScriptSpec = {
  script: 'promote',
  summary: 'Approves the waiting manual approval of the delivery pipeline, so the version in staging is deployed to production.',
  learner: true,
  example: '--learner alice',
};

export async function main(argv: readonly string[]): Promise<void> {
  const { stackName } = parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
  const clients = await scriptClients();
  const names = await labNames(clients.cloudFormation, stackName);
  if (!(await approvePromotion(clients.codepipeline, names.delivery, 'Promoted with the lab script'))) {
    throw new LabScriptError(`No approval is waiting in ${names.delivery}: a delivery waits there only after its smoke test passed (npm run lab -- mlops-pipeline status).`);
  }
  console.log(`✔ Promotion approved: ${names.delivery} now deploys to ${names.production}.`);
}
