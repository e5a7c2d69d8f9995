import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, SageMakerClient, UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type InvokeEndpointCommandOutput, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { SAFE_ROLLOUT_OUTPUTS as OUT } from '../../../lib/labs/safe-rollout/outputs';
import { findLab } from '../../../lib/labs';
import { parseScriptArgs } from '../../../labs/shared/args';
import { outcome, rollout } from '../../../labs/08-safe-rollout/rollout';
import { SCRIPT as SHIFT, shiftWeights } from '../../../labs/08-safe-rollout/shift';
import { showStatus } from '../../../labs/08-safe-rollout/status';
import { SCRIPT as TRAFFIC, sendTraffic } from '../../../labs/08-safe-rollout/traffic';
import { verifySafeRollout } from '../../../labs/08-safe-rollout/verify';
import { checkWeights, plan } from '../../../labs/08-safe-rollout/lib/traffic';

const cfn = mockClient(CloudFormationClient);
const sagemaker = mockClient(SageMakerClient);
const runtime = mockClient(SageMakerRuntimeClient);
const cloudWatch = mockClient(CloudWatchClient);
const clients = { cloudFormation: new CloudFormationClient({}), sagemaker: new SageMakerClient({}), runtime: new SageMakerRuntimeClient({}), cloudWatch: new CloudWatchClient({}) };
const lab = findLab('safe-rollout');
const STACK = 'Lab08SafeRollout';
const EP = 'lab08saferollout-endpoint';
const RESOURCE = `endpoint/${EP}/variant/Champion`;
const body = (text: string) => new TextEncoder().encode(text) as InvokeEndpointCommandOutput['Body'];
const noSleep = () => Promise.resolve();
const ROWS = [[1, 2, 3, 4, 5, 6, 7, 8]];

function stack(extra: Record<string, string> = {}) {
  const outputs: Record<string, string> = {
    [OUT.endpoint]: EP,
    [OUT.driftAlarm]: 'drift',
    [OUT.predictionAlarm]: 'prediction',
    [OUT.rollbackAlarms]: 'errors,latency',
    [OUT.scalingResource]: RESOURCE,
    [OUT.experiment]: 'ab',
    [OUT.release]: 'champion',
    IdleDeleteHours: '2',
    ...extra,
  };
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [{ StackName: STACK, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }],
  });
}

const AB = {
  EndpointName: EP,
  EndpointStatus: 'InService' as const,
  EndpointConfigName: 'config-1',
  ProductionVariants: [
    { VariantName: 'Champion', CurrentWeight: 0.9, CurrentInstanceCount: 1, DesiredInstanceCount: 1 },
    { VariantName: 'Challenger', CurrentWeight: 0.1, CurrentInstanceCount: 1, DesiredInstanceCount: 1 },
  ],
};
const SHADOW = { ...AB, ProductionVariants: [AB.ProductionVariants[0]], ShadowProductionVariants: [{ VariantName: 'Shadow', CurrentInstanceCount: 1 }] };

beforeEach(() => {
  cfn.reset();
  sagemaker.reset();
  runtime.reset();
  cloudWatch.reset();
});

describe('bad input is refused with a clear message', () => {
  test('a rate above the cap, before any AWS call', () => {
    expect(() => parseScriptArgs(lab, TRAFFIC, ['--rate', '50'])).toThrow(/--rate.*10/);
    expect(() => plan(11, 10)).toThrow('at most 10 requests per second');
  });

  test('weights out of range or all zero', () => {
    expect(() => parseScriptArgs(lab, SHIFT, ['--champion', '2'])).toThrow(/--champion/);
    expect(() => checkWeights({ Champion: 0, Challenger: 0 })).toThrow('at least one weight must be above 0');
    expect(() => checkWeights({ Champion: -1, Challenger: 0.5 })).toThrow('the weight of Champion must be from 0 to 1');
  });

  test('an unknown variant: shifting weights on the shadow experiment names the variants it has', async () => {
    stack({ [OUT.experiment]: 'shadow' });
    sagemaker.on(DescribeEndpointCommand).resolves(SHADOW);
    await expect(shiftWeights(clients, STACK, { Champion: 0.5, Challenger: 0.5 }, { log: () => undefined })).rejects.toThrow(/no production variant Challenger \(it has Champion\)/);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toHaveLength(0);
  });

  test('a rollout without a release or experiment, or with an unknown one', async () => {
    const deps = { cloudFormation: clients.cloudFormation, sagemaker: clients.sagemaker, cdk: jest.fn(), log: () => undefined };
    await expect(rollout([], deps)).rejects.toThrow('Say what to roll out');
    await expect(rollout(['-c', 'release=worse'], deps)).rejects.toThrow(/release="worse" is not allowed/);
    expect(deps.cdk).not.toHaveBeenCalled();
  });
});

describe('traffic', () => {
  test('sends the planned requests and counts the answers per variant', async () => {
    stack();
    runtime.on(InvokeEndpointCommand).resolvesOnce({ Body: body('0.9'), InvokedProductionVariant: 'Champion' }).resolves({ Body: body('0.1'), InvokedProductionVariant: 'Challenger' });
    const result = await sendTraffic(clients, STACK, { rate: 2, seconds: 2, drift: 0 }, { log: () => undefined, sleep: noSleep, rows: ROWS });
    expect(result).toEqual({ sent: 4, errors: 0, byVariant: { Champion: 1, Challenger: 3 } });
    expect(runtime.commandCalls(InvokeEndpointCommand)[0].args[0].input).toMatchObject({ EndpointName: EP, ContentType: 'text/csv', Body: '1,2,3,4,5,6,7,8' });
  });

  test('drifted traffic shifts every feature', async () => {
    stack();
    runtime.on(InvokeEndpointCommand).resolves({ Body: body('0.5'), InvokedProductionVariant: 'Champion' });
    await sendTraffic(clients, STACK, { rate: 1, seconds: 1, drift: 2 }, { log: () => undefined, sleep: noSleep, rows: ROWS });
    const sent = (runtime.commandCalls(InvokeEndpointCommand)[0].args[0].input.Body as string).split(',').map(Number);
    sent.forEach((v, j) => expect(v).toBeGreaterThan(ROWS[0][j]));
  });
});

describe('shift', () => {
  test('updates the weights, waits until SageMaker reports them, and prints the CLI command', async () => {
    stack();
    const updated = { ...AB, ProductionVariants: [{ ...AB.ProductionVariants[0], CurrentWeight: 0.5 }, { ...AB.ProductionVariants[1], CurrentWeight: 0.5 }] };
    sagemaker.on(DescribeEndpointCommand).resolvesOnce(AB).resolvesOnce({ ...AB, EndpointStatus: 'Updating' }).resolves(updated);
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).resolves({});
    const lines: string[] = [];
    await shiftWeights(clients, STACK, { Champion: 0.5, Challenger: 0.5 }, { log: (l) => lines.push(l), sleep: noSleep });
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)[0].args[0].input.DesiredWeightsAndCapacities).toEqual([
      { VariantName: 'Champion', DesiredWeight: 0.5 },
      { VariantName: 'Challenger', DesiredWeight: 0.5 },
    ]);
    expect(lines.join('\n')).toContain('aws sagemaker update-endpoint-weights-and-capacities --endpoint-name lab08saferollout-endpoint');
    expect(lines.join('\n')).toContain('✔ Challenger: weight 0.5 (50 % of requests)');
  });
});

describe('rollout', () => {
  test('says rolled back when the deploy failed and the endpoint kept its config', () => {
    expect(outcome(AB, AB, 1)).toMatchObject({ mark: '✔', text: expect.stringContaining('Rolled back') });
    expect(outcome(AB, { ...AB, EndpointConfigName: 'config-2' }, 0)).toMatchObject({ mark: '✔', text: expect.stringContaining('Updated') });
    expect(outcome(AB, { ...AB, EndpointConfigName: 'config-2' }, 1).mark).toBe('✖');
    expect(outcome(AB, { ...AB, EndpointStatus: 'Updating' }, 1).mark).toBe('?');
  });

  test('deploys with the release and compares the endpoint before and after', async () => {
    stack();
    sagemaker.on(DescribeEndpointCommand).resolves(AB);
    const cdk = jest.fn().mockResolvedValue(1);
    const lines: string[] = [];
    await expect(rollout(['-c', 'release=broken'], { cloudFormation: clients.cloudFormation, sagemaker: clients.sagemaker, cdk, log: (l) => lines.push(l) })).resolves.toBe(0);
    expect(cdk).toHaveBeenCalledWith(['deploy', '-c', 'lab=safe-rollout', '-c', 'release=broken', STACK]);
    expect(lines.join('\n')).toContain('✔ Rolled back');
  });
});

describe('status and verify', () => {
  test('status says ? with the command when no scaling alarm is found', async () => {
    stack();
    sagemaker.on(DescribeEndpointCommand).resolves(AB);
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    const lines: string[] = [];
    await showStatus(clients, STACK, (l) => lines.push(l));
    expect(lines).toContainEqual(expect.stringMatching(/^\? No target tracking alarm found .*describe-scaling-policies --service-namespace sagemaker --resource-id endpoint\/lab08saferollout-endpoint\/variant\/Champion/));
    expect(lines).toContain('  Challenger: production, weight 0.1, instances 1 (wanted 1)');
  });

  function alarms(drift: string) {
    cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[]; AlarmNamePrefix?: string }) => ({
      MetricAlarms: input.AlarmNamePrefix
        ? [{ AlarmName: `TargetTracking-${RESOURCE}-AlarmHigh-1`, StateValue: 'OK' }]
        : (input.AlarmNames ?? []).map((AlarmName) => ({ AlarmName, StateValue: AlarmName === 'drift' ? drift : 'OK' })),
    }));
  }

  test('verify: both variants answer, alarms in place, drift agrees with its alarm, scaling present', async () => {
    stack();
    sagemaker.on(DescribeEndpointCommand).resolves(AB);
    runtime.on(InvokeEndpointCommand).callsFake((input: { TargetVariant: string }) => ({ Body: body('0.7'), InvokedProductionVariant: input.TargetVariant }));
    alarms('ALARM');
    cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ Timestamp: new Date(), Maximum: 2.5 }] });
    const checks = await verifySafeRollout(clients, STACK, { log: () => undefined, rows: ROWS });
    expect(checks.map((c) => c.mark)).toEqual(['✔', '✔', '✔', '✔', '✔', '✔']);
    expect(runtime.commandCalls(InvokeEndpointCommand).map((c) => c.args[0].input.TargetVariant)).toEqual(['Champion', 'Challenger']);
    expect(checks[4].text).toContain('Drift 2.50');
  });

  test('verify: ? when there is no drift value yet, ✖ when a variant fails, never ✔ for the shadow without data', async () => {
    stack({ [OUT.experiment]: 'shadow' });
    sagemaker.on(DescribeEndpointCommand).resolves(SHADOW);
    runtime.on(InvokeEndpointCommand).rejects(new Error('ModelError'));
    alarms('OK');
    cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    const checks = await verifySafeRollout(clients, STACK, { log: () => undefined, rows: ROWS, sleep: noSleep });
    expect(checks.map((c) => c.mark)).toEqual(['✔', '✖', '?', '✔', '?', '✔']);
    expect(checks[2].text).toContain('No Invocations for Shadow yet');
  });
});
