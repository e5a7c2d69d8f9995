/**
 * `npm run lab -- <lab> leftovers [--learner alice]`, after `npx cdk destroy`: lists everything of that lab
 * copy still in the account and Region (lib/safety/leftovers.ts). Exit code 0 only when nothing billable
 * remains; a one-line summary either way. `destroy` runs it after the CDK (labs/shared/destroy.ts).
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GlueClient } from '@aws-sdk/client-glue';
import { KMSClient } from '@aws-sdk/client-kms';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { LabDefinition } from '../../lib/labs/lab-definition';
import type { LabCopy } from '../../lib/safety/lab-safety';
import { type LeftoverClients, leftoversExitCode, renderLeftovers, scanLeftovers } from '../../lib/safety/leftovers';
import { copyScript, parseScriptArgs } from './args';
import { type ScriptAwsConfig, scriptAwsConfig } from './aws';

export const SCRIPT = copyScript(
  'leftovers',
  'Lists what of this lab copy is still in the account and Region after a destroy (tagged resources confirmed with their service, and what its services created under names of their own). Exit code 0 only when nothing billable remains.',
);

/** Clients for the CDK's Region and the environment's credentials. */
export function leftoverClients(aws: ScriptAwsConfig): LeftoverClients {
  return {
    tagging: new ResourceGroupsTaggingAPIClient(aws),
    logs: new CloudWatchLogsClient(aws),
    sagemaker: new SageMakerClient(aws),
    glue: new GlueClient(aws),
    athena: new AthenaClient(aws),
    kms: new KMSClient(aws),
    bedrockAgent: new BedrockAgentClient(aws),
    bedrock: new BedrockClient(aws),
    s3vectors: new S3VectorsClient(aws),
    s3: new S3Client(aws),
    ec2: new EC2Client(aws),
    cloudwatch: new CloudWatchClient(aws),
  };
}

/** Scans for one copy's leftovers, prints the report and returns the exit code (0: nothing billable remains). */
export async function scanAndPrint(
  lab: LabDefinition,
  copy: LabCopy,
  region: string,
  clients: LeftoverClients,
  print: (text: string) => void,
): Promise<number> {
  const scan = await scanLeftovers({ labId: lab.id, copy, leftovers: lab.safety.leftovers, clients });
  print(renderLeftovers(copy.stackName, region, scan));
  return leftoversExitCode(scan);
}

export async function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  const { stackName, learner } = parseScriptArgs(lab, SCRIPT, argv);
  const aws = await scriptAwsConfig();
  process.exitCode = await scanAndPrint(lab, { stackName, learner }, aws.region, leftoverClients(aws), console.log);
}
