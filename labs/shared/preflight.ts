/**
 * `npm run lab -- <lab> preflight [--learner alice]`: checks, before a deploy, everything the lab needs from
 * the account and Region (lib/safety/preflight.ts) and prints a checklist. Exit code 1 when a check fails,
 * so an instructor can script it for a class.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { LabInfo } from '../../lib/labs/catalog';
import { safetyOf } from '../../lib/safety/labs';
import { GLOBAL_INFRASTRUCTURE_REGION, renderChecklist, runPreflight } from '../../lib/safety/preflight';
import { parseLabArgs } from './args';

export async function main(lab: LabInfo, argv: readonly string[]): Promise<void> {
  const { stackName, options } = parseLabArgs(lab.id, argv);
  const unknown = Object.keys(options);
  if (unknown.length > 0) {
    throw new Error(`preflight takes only --learner <name>, not --${unknown.join(', --')}.`);
  }
  const results = await runPreflight({
    stackName,
    safety: safetyOf(lab.id),
    clients: {
      sts: new STSClient({}),
      ssm: new SSMClient({}),
      globalSsm: new SSMClient({ region: GLOBAL_INFRASTRUCTURE_REGION }),
      quotas: new ServiceQuotasClient({}),
      bedrock: new BedrockClient({}),
    },
  });
  console.log(renderChecklist(lab.title, results));
  if (results.some((r) => r.mark === 'fail')) {
    process.exitCode = 1;
  }
}
