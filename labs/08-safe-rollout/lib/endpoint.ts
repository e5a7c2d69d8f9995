/** What the Lab 08 scripts read about the endpoint and its alarms, shared by status, rollout and verify. */
import { type CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, type DescribeEndpointCommandOutput, type SageMakerClient } from '@aws-sdk/client-sagemaker';

export interface EndpointClients {
  readonly sagemaker: SageMakerClient;
  readonly cloudWatch: CloudWatchClient;
}

export function describeEndpoint(sagemaker: SageMakerClient, endpoint: string): Promise<DescribeEndpointCommandOutput> {
  return sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
}

/** One line per variant: weight, instances now and wanted, and its role (production or shadow). */
export function variantLines(e: DescribeEndpointCommandOutput): string[] {
  const production = (e.ProductionVariants ?? []).map(
    (v) => `${v.VariantName}: production, weight ${v.CurrentWeight ?? '?'}, instances ${v.CurrentInstanceCount ?? '?'} (wanted ${v.DesiredInstanceCount ?? '?'})`,
  );
  const shadow = (e.ShadowProductionVariants ?? []).map(
    (v) => `${v.VariantName}: shadow (gets a copy of each request, answers none), instances ${v.CurrentInstanceCount ?? '?'}`,
  );
  return [...production, ...shadow];
}

/** The guarded-update settings SageMaker last used, in words. */
export function deploymentLine(e: DescribeEndpointCommandOutput): string {
  const config = e.LastDeploymentConfig;
  const routing = config?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration;
  if (!routing) return 'no guarded update yet (the first deploy creates the endpoint; later updates use the stack\'s DeploymentConfig)';
  const size = routing.CanarySize ?? routing.LinearStepSize;
  const alarms = (config?.AutoRollbackConfiguration?.Alarms ?? []).map((a) => a.AlarmName).join(', ');
  return `blue/green, ${routing.Type}${size ? ` ${size.Value} ${size.Type}` : ''}, bakes ${routing.WaitIntervalInSeconds ?? '?'} s; rolls back on ${alarms || 'no alarm'}`;
}

/** The alarms by name (DescribeAlarms takes up to 100 names). */
export async function alarmsByName(cloudWatch: CloudWatchClient, names: readonly string[]): Promise<MetricAlarm[]> {
  if (names.length === 0) return [];
  const { MetricAlarms } = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [...names] }));
  return MetricAlarms ?? [];
}

/**
 * The alarms a target tracking policy on this variant created. Application Auto Scaling names them
 * `TargetTracking-<resource id>-AlarmHigh-…` and `…-AlarmLow-…` (what DescribeScalingPolicies returns under
 * Alarms); when none is found the caller says how to check by hand.
 */
export async function scalingAlarms(cloudWatch: CloudWatchClient, resourceId: string): Promise<MetricAlarm[]> {
  const { MetricAlarms } = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `TargetTracking-${resourceId}` }));
  return MetricAlarms ?? [];
}

/** The command that shows the variant's scaling policies, for a check the script could not make. */
export function scalingPolicyCommand(resourceId: string): string {
  return `aws application-autoscaling describe-scaling-policies --service-namespace sagemaker --resource-id ${resourceId}`;
}
