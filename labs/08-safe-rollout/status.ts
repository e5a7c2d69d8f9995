/**
 * Shows the Lab 08 endpoint: `npm run lab -- safe-rollout status [--learner alice]`: its status and the update
 * in progress, each variant (weight, instances, production or shadow), the guarded-update settings SageMaker
 * last used, and the state of every lab alarm and of the champion's scaling alarms.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SAFE_ROLLOUT_OUTPUTS } from '../../lib/labs/safe-rollout/outputs';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { alarmsByName, deploymentLine, describeEndpoint, type EndpointClients, scalingAlarms, scalingPolicyCommand, variantLines } from './lib/endpoint';

export const SCRIPT: ScriptSpec = {
  script: 'status',
  summary: 'Shows the endpoint, its variants, the guarded-update settings, and the state of the lab alarms and the scaling alarms.',
  learner: true,
};

export interface Clients extends EndpointClients {
  readonly cloudFormation: CloudFormationClient;
}

export async function showStatus(clients: Clients, stackName: string, log: (line: string) => void = console.log): Promise<void> {
  const outputs = await readStackOutputs(clients.cloudFormation, stackName);
  const endpoint = requireOutput(outputs, SAFE_ROLLOUT_OUTPUTS.endpoint);
  const e = await describeEndpoint(clients.sagemaker, endpoint);
  log(`Endpoint ${endpoint}: ${e.EndpointStatus ?? '?'}${e.FailureReason ? ` (${e.FailureReason})` : ''}, config ${e.EndpointConfigName ?? '?'}`);
  log(`Deployed with -c experiment=${outputs[SAFE_ROLLOUT_OUTPUTS.experiment] ?? '?'} -c release=${outputs[SAFE_ROLLOUT_OUTPUTS.release] ?? '?'}`);
  for (const line of variantLines(e)) log(`  ${line}`);
  if (e.PendingDeploymentSummary) {
    log(`  Update in progress to ${e.PendingDeploymentSummary.EndpointConfigName ?? '?'}: ${(e.PendingDeploymentSummary.ProductionVariants ?? []).map((v) => `${v.VariantName} ${v.VariantStatus?.map((s) => s.Status).join('/') ?? '?'}`).join(', ')}`);
  }
  log(`Guarded update: ${deploymentLine(e)}`);
  const names = [outputs[SAFE_ROLLOUT_OUTPUTS.driftAlarm], outputs[SAFE_ROLLOUT_OUTPUTS.predictionAlarm], ...(outputs[SAFE_ROLLOUT_OUTPUTS.rollbackAlarms] ?? '').split(',')].filter((n): n is string => !!n);
  for (const alarm of await alarmsByName(clients.cloudWatch, names)) {
    log(`  alarm ${alarm.AlarmName}: ${alarm.StateValue ?? '?'}`);
  }
  const resourceId = requireOutput(outputs, SAFE_ROLLOUT_OUTPUTS.scalingResource);
  const scaling = await scalingAlarms(clients.cloudWatch, resourceId);
  if (scaling.length === 0) {
    log(`? No target tracking alarm found for ${resourceId}; check the policy by hand: ${scalingPolicyCommand(resourceId)}`);
  }
  for (const alarm of scaling) {
    log(`  scaling alarm ${alarm.AlarmName}: ${alarm.StateValue ?? '?'}`);
  }
  log(`Dashboard: ${outputs[SAFE_ROLLOUT_OUTPUTS.dashboard] ?? '?'} (CloudWatch console, Dashboards)`);
}

export async function main(argv: string[] = []): Promise<void> {
  const { stackName } = parseScriptArgs(findLab('safe-rollout'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  await showStatus({ cloudFormation: new CloudFormationClient(aws), sagemaker: new SageMakerClient(aws), cloudWatch: new CloudWatchClient(aws) }, stackName);
}
