/**
 * Changes the A/B weights of the Lab 08 endpoint without a redeploy:
 * `npm run lab -- safe-rollout shift --champion 0.5 --challenger 0.5`. Calls UpdateEndpointWeightsAndCapacities
 * (the same as the CLI command it prints), waits until the endpoint is InService again, and shows the weights
 * SageMaker reports. Weights are relative: each variant gets its weight divided by their sum
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeEndpointCommand, type DescribeEndpointCommandOutput, SageMakerClient, UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker';
import { SAFE_ROLLOUT_OUTPUTS } from '../../lib/labs/safe-rollout/outputs';
import { INITIAL_WEIGHTS, VARIANTS } from '../../lib/labs/safe-rollout/rollout';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { poll } from '../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { checkWeights } from './lib/traffic';

export const SCRIPT: ScriptSpec = {
  script: 'shift',
  summary: 'Sets the weights of the Champion and Challenger variants (A/B test) on the running endpoint, and waits until it is InService.',
  learner: true,
  options: {
    champion: { description: 'weight of the Champion variant', placeholder: '<weight>', min: 0, max: 1, integer: false, default: INITIAL_WEIGHTS.Champion },
    challenger: { description: 'weight of the Challenger variant', placeholder: '<weight>', min: 0, max: 1, integer: false, default: INITIAL_WEIGHTS.Challenger },
  },
  example: '--champion 0.5 --challenger 0.5',
};

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly sagemaker: SageMakerClient;
}

/** The CLI command that does the same. */
export function shiftCommand(endpoint: string, weights: Readonly<Record<string, number>>): string {
  const desired = Object.entries(weights).map(([v, w]) => `VariantName=${v},DesiredWeight=${w}`).join(' ');
  return `aws sagemaker update-endpoint-weights-and-capacities --endpoint-name ${endpoint} --desired-weights-and-capacities ${desired}`;
}

export async function shiftWeights(
  clients: Clients,
  stackName: string,
  weights: Readonly<Record<string, number>>,
  options: { readonly log?: (line: string) => void; readonly sleep?: (ms: number) => Promise<void> } = {},
): Promise<DescribeEndpointCommandOutput> {
  const log = options.log ?? console.log;
  checkWeights(weights);
  const endpoint = requireOutput(await readStackOutputs(clients.cloudFormation, stackName), SAFE_ROLLOUT_OUTPUTS.endpoint);
  const before = await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
  const variants = (before.ProductionVariants ?? []).map((v) => v.VariantName ?? '');
  const unknown = Object.keys(weights).filter((v) => !variants.includes(v));
  if (unknown.length > 0) {
    throw new LabScriptError(
      `${endpoint} has no production variant ${unknown.join(', ')} (it has ${variants.join(', ') || 'none'}). ` +
        `With -c experiment=shadow the challenger is a shadow variant, which takes no weight: redeploy with -c experiment=ab for the A/B test.`,
    );
  }
  if (before.EndpointStatus !== 'InService') {
    throw new LabScriptError(`${endpoint} is ${before.EndpointStatus ?? 'in an unknown state'}; weights can be changed only while it is InService. Run status, then try again.`);
  }
  log(`Same as: ${shiftCommand(endpoint, weights)}`);
  await clients.sagemaker.send(
    new UpdateEndpointWeightsAndCapacitiesCommand({
      EndpointName: endpoint,
      DesiredWeightsAndCapacities: Object.entries(weights).map(([VariantName, DesiredWeight]) => ({ VariantName, DesiredWeight })),
    }),
  );
  const after = await poll({
    what: `endpoint ${endpoint}`,
    read: () => clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint })),
    // Right after the call the endpoint may still report InService with the old weights: wait for the new ones.
    done: (e) => e.EndpointStatus === 'InService' && Object.entries(weights).every(([v, w]) => e.ProductionVariants?.find((p) => p.VariantName === v)?.CurrentWeight === w),
    describe: (e) => e.EndpointStatus ?? '?',
    intervalMs: 10_000,
    timeoutMs: 10 * 60_000,
    log,
    sleep: options.sleep,
  });
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  for (const v of after.ProductionVariants ?? []) {
    log(`✔ ${v.VariantName}: weight ${v.CurrentWeight} (${Math.round(((v.CurrentWeight ?? 0) / total) * 100)} % of requests)`);
  }
  log(`The stack still says ${VARIANTS.champion} ${INITIAL_WEIGHTS.Champion}, ${VARIANTS.challenger} ${INITIAL_WEIGHTS.Challenger}; the endpoint keeps your weights across updates (RetainAllVariantProperties).`);
  return after;
}

export async function main(argv: string[] = []): Promise<void> {
  const { stackName, options } = parseScriptArgs(findLab('safe-rollout'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  await shiftWeights({ cloudFormation: new CloudFormationClient(aws), sagemaker: new SageMakerClient(aws) }, stackName, {
    [VARIANTS.champion]: options.champion,
    [VARIANTS.challenger]: options.challenger,
  });
}
