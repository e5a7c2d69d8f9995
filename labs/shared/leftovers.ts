/**
 * `npm run lab -- <lab> leftovers [--learner alice]`, after `npx cdk destroy`: lists everything of that lab
 * copy still in the account and Region (lib/safety/leftovers.ts). Exit code 0 only when nothing billable
 * remains; a one-line summary either way. `destroy` runs it after the CDK (labs/shared/destroy.ts).
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GlueClient } from '@aws-sdk/client-glue';
import { KMSClient } from '@aws-sdk/client-kms';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { LabDefinition } from '../../lib/labs/lab-definition';
import type { LabCopy } from '../../lib/safety/lab-safety';
import { type LeftoverClients, leftoversExitCode, renderLeftovers, scanLeftovers } from '../../lib/safety/leftovers';
import { parseLearnerOnly } from './args';

/** Clients for the Region and credentials of the environment (AWS_REGION, AWS_PROFILE, ...). */
export function leftoverClients(): LeftoverClients {
  return {
    tagging: new ResourceGroupsTaggingAPIClient({}),
    logs: new CloudWatchLogsClient({}),
    sagemaker: new SageMakerClient({}),
    glue: new GlueClient({}),
    athena: new AthenaClient({}),
    kms: new KMSClient({}),
    bedrockAgent: new BedrockAgentClient({}),
    bedrock: new BedrockClient({}),
    s3vectors: new S3VectorsClient({}),
  };
}

/** Scans for one copy's leftovers, prints the report and returns the exit code (0: nothing billable remains). */
export async function scanAndPrint(
  lab: LabDefinition,
  copy: LabCopy,
  clients: LeftoverClients,
  print: (text: string) => void,
): Promise<number> {
  // Without a Region the scan says so itself, once (its first call fails with "Region is missing").
  const region = await clients.tagging.config.region().catch(() => 'no Region');
  const scan = await scanLeftovers({ labId: lab.id, copy, leftovers: lab.safety.leftovers, clients });
  print(renderLeftovers(copy.stackName, region, scan));
  return leftoversExitCode(scan);
}

export async function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  const copy = parseLearnerOnly('leftovers', lab.id, argv);
  process.exitCode = await scanAndPrint(lab, copy, leftoverClients(), console.log);
}
