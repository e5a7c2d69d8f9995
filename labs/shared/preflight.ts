/**
 * `npm run lab -- <lab> preflight [--learner alice]`: checks, before a deploy, what the lab needs from the
 * account and Region (lib/safety/preflight.ts) and prints a checklist. Exit code 0 only when it is ready to
 * deploy (no ✖, credentials and Region confirmed), so an instructor can script it for a class. `deploy` runs
 * the same checks first (labs/shared/deploy.ts).
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { partitionOf } from '../../lib/aws-region';
import type { LabDefinition } from '../../lib/labs/lab-definition';
import { regionSupport } from '../../lib/labs/regions';
import {
  type CheckResult,
  globalInfrastructureRegion,
  type PreflightClients,
  preflightVerdict,
  renderChecklist,
  runPreflight,
} from '../../lib/safety/preflight';
import { copyScript, parseScriptArgs } from './args';
import { type ScriptAwsConfig, scriptAwsConfig } from './aws';
import { appBootstrapQualifier } from './cdk';

export const SCRIPT = copyScript(
  'preflight',
  'Checks before a deploy what the lab needs from your account and Region: the Region, credentials, CDK bootstrap, services, quotas and models. Exit code 0 only when it is ready to deploy.',
);

/** Clients for the CDK's Region and the environment's credentials. */
export function preflightClients({ region }: ScriptAwsConfig): PreflightClients {
  const serviceRegion = globalInfrastructureRegion(region, partitionOf(region));
  return {
    sts: new STSClient({ region }),
    ssm: new SSMClient({ region }),
    serviceSsm: serviceRegion ? new SSMClient({ region: serviceRegion }) : undefined,
    quotas: new ServiceQuotasClient({ region }),
    bedrock: new BedrockClient({ region }),
    bedrockIn: (other) => new BedrockClient({ region: other }),
  };
}

/** Runs the lab's checks for one copy and prints the checklist; the results tell whether it is ready. */
export async function checkAndPrint(
  lab: LabDefinition,
  target: { readonly stackName: string; readonly region: string; readonly bootstrapQualifier: string },
  clients: PreflightClients,
  print: (text: string) => void,
): Promise<CheckResult[]> {
  const support = regionSupport(lab, target.region);
  const results = await runPreflight({
    ...target,
    regionProblem: support.supported ? undefined : support.message,
    preflight: lab.safety.preflight,
    clients,
  });
  print(renderChecklist(lab.title, results));
  return results;
}

export async function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  const { stackName } = parseScriptArgs(lab, SCRIPT, argv);
  const aws = await scriptAwsConfig();
  const results = await checkAndPrint(lab, { stackName, region: aws.region, bootstrapQualifier: appBootstrapQualifier() }, preflightClients(aws), console.log);
  if (preflightVerdict(results) !== 'ready') {
    process.exitCode = 1;
  }
}
