/**
 * `npm run lab -- <lab> leftovers [--learner alice]`, after `npx cdk destroy`: lists everything of that lab
 * copy still in the account and Region (lib/safety/leftovers.ts). Exit code 0 only when nothing billable
 * remains; a one-line summary either way.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GlueClient } from '@aws-sdk/client-glue';
import { KMSClient } from '@aws-sdk/client-kms';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { LabInfo } from '../../lib/labs/catalog';
import { safetyOf } from '../../lib/safety/labs';
import { leftoversExitCode, renderLeftovers, scanLeftovers } from '../../lib/safety/leftovers';
import { parseLabArgs } from './args';

export async function main(lab: LabInfo, argv: readonly string[]): Promise<void> {
  const { stackName, options } = parseLabArgs(lab.id, argv);
  const unknown = Object.keys(options);
  if (unknown.length > 0) {
    throw new Error(`leftovers takes only --learner <name>, not --${unknown.join(', --')}.`);
  }
  const learner = argv.includes('--learner') ? argv[argv.indexOf('--learner') + 1] : undefined;
  const tagging = new ResourceGroupsTaggingAPIClient({});
  // Fails with the SDK's "Region is missing", which npm run lab turns into what to set.
  const region = await tagging.config.region();
  const scan = await scanLeftovers({
    labId: lab.id,
    copy: { stackName, learner },
    leftovers: safetyOf(lab.id).leftovers,
    clients: {
      tagging,
      logs: new CloudWatchLogsClient({}),
      sagemaker: new SageMakerClient({}),
      glue: new GlueClient({}),
      athena: new AthenaClient({}),
      kms: new KMSClient({}),
    },
  });
  console.log(renderLeftovers(stackName, region, scan));
  process.exitCode = leftoversExitCode(scan);
}
