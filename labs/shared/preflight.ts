/**
 * `npm run lab -- <lab> preflight [--learner alice]`: checks, before a deploy, what the lab needs from the
 * account and Region (lib/safety/preflight.ts) and prints a checklist. Exit code 1 when a check fails,
 * so an instructor can script it for a class. `deploy` runs the same checks first (labs/shared/deploy.ts).
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { LabDefinition } from '../../lib/labs/lab-definition';
import {
  type CheckResult,
  GLOBAL_INFRASTRUCTURE_REGION,
  type PreflightClients,
  renderChecklist,
  runPreflight,
} from '../../lib/safety/preflight';
import { parseLearnerOnly } from './args';

/** Clients for the Region and credentials of the environment (AWS_REGION, AWS_PROFILE, ...). */
export function preflightClients(): PreflightClients {
  return {
    sts: new STSClient({}),
    ssm: new SSMClient({}),
    globalSsm: new SSMClient({ region: GLOBAL_INFRASTRUCTURE_REGION }),
    quotas: new ServiceQuotasClient({}),
    bedrock: new BedrockClient({}),
  };
}

/** Runs the lab's checks for one copy and prints the checklist; the results tell whether a check failed. */
export async function checkAndPrint(
  lab: LabDefinition,
  stackName: string,
  clients: PreflightClients,
  print: (text: string) => void,
): Promise<CheckResult[]> {
  const results = await runPreflight({ stackName, safety: lab.safety, clients });
  print(renderChecklist(lab.title, results));
  return results;
}

export const anyFailed = (results: readonly CheckResult[]): boolean => results.some((r) => r.mark === 'fail');

export async function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  const { stackName } = parseLearnerOnly('preflight', lab.id, argv);
  const results = await checkAndPrint(lab, stackName, preflightClients(), console.log);
  if (anyFailed(results)) {
    process.exitCode = 1;
  }
}
