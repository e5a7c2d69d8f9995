import type { JobRequests } from '../../lambda/sagemaker-job/properties';
import { PREFIXES, type SafeRolloutStack } from '../../lib/labs/safe-rollout/stack';
import { SAFE_ROLLOUT_SAFETY } from '../../lib/labs/safe-rollout/safety';
import { GUARDRAIL, HOSTING_INSTANCE_TYPE, MONITOR_NAMESPACE, PEAK_ENDPOINT_INSTANCES, SCALING } from '../../lib/labs/safe-rollout/rollout';
import { expectGeneratedNames, expectNothingRetained } from '../helpers/controls';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';
import { labFindings } from '../helpers/shared-synth';
import { sageMakerNetworkChecks } from '../helpers/sagemaker-network-checks';

const lab = synthLab('safe-rollout', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('safe-rollout');
const stack = lab.stack as SafeRolloutStack;
const resolve = (value: unknown) => stack.resolve(value) as unknown;

const KEY_ARN = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
const SG_ID = { 'Fn::GetAtt': [logicalId(stack.securityGroup), 'GroupId'] };
const SUBNETS = stack.vpc.isolatedSubnets.map((s) => resolve(s.subnetId));
const BUCKET = logicalId(stack.data);
const ENDPOINT = 'lab08saferollout-endpoint';
const network = sageMakerNetworkChecks(lab, stack);

const actionsOf = (s: PolicyStatement): string[] => [s.Action].flat();
const statementsIn = (policy: { Properties?: Record<string, unknown> }) => (policy.Properties!.PolicyDocument as { Statement: PolicyStatement[] }).Statement;
const propsOf = (id: string) => lab.json.Resources[id].Properties ?? {};
function roleOf(prefix: string): string {
  const [id] = resourcesOfType(lab, 'AWS::IAM::Role').find(([id]) => id.startsWith(prefix)) ?? [];
  if (!id) throw new Error(`No role with a logical id starting with ${prefix}`);
  return id;
}
const statementsOf = (prefix: string) => roleStatements(lab, roleOf(prefix));
const trainingJobs = () => stack.trainingJobs.map((j) => [j.node.id, stack.resolve(j.request) as JobRequests['training']] as const);
/** An S3 URI built by `bucket.s3UrlForObject(key)`, as `s3://<bucket logical id>/<key>`. */
function s3Uri(value: unknown): string {
  const join = value as { 'Fn::Join': [string, unknown[]] };
  return join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : (part as { Ref: string }).Ref)).join('');
}

describe('security controls', () => {
  test('the VPC has no internet gateway, no NAT gateway and isolated subnets only', () => {
    network.isolated();
    network.flowLogs();
    network.defaultGroupRestricted();
  });

  test('the S3 endpoint policy allows only the lab bucket, to this account', () => {
    network.endpointReachesOnly([BUCKET]);
  });

  test('the security group allows only itself, and HTTPS to S3', () => {
    network.selfOnlyIngress();
    network.selfAndS3Egress();
  });

  test('every training job runs in the VPC with network isolation and inter-container traffic encryption, and encrypts its volume and output with the lab key', () => {
    const jobs = trainingJobs();
    expect(jobs.map(([id]) => id)).toEqual(['ChampionTraining', 'ChallengerTraining']);
    for (const [, request] of jobs) {
      expect(request).toMatchObject({
        VpcConfig: { Subnets: SUBNETS, SecurityGroupIds: [SG_ID] },
        EnableNetworkIsolation: true,
        EnableInterContainerTrafficEncryption: true,
        ResourceConfig: { VolumeKmsKeyId: KEY_ARN },
        OutputDataConfig: { KmsKeyId: KEY_ARN },
      });
    }
  });

  test('the training handlers can only start isolated, encrypted training jobs with this lab\'s names', () => {
    for (const model of ['Champion', 'Challenger']) {
      const create = statementsOf(`${model}TrainingOnEventRole`).filter((s) => actionsOf(s).includes('sagemaker:CreateTrainingJob'));
      expect(create).toEqual([
        expect.objectContaining({
          Resource: `arn:aws:sagemaker:us-east-1:123456789012:training-job/lab08saferollout-xgb-${model.toLowerCase()}-*`,
          Condition: expect.objectContaining({ Bool: { 'sagemaker:NetworkIsolation': 'true', 'sagemaker:InterContainerTrafficEncryption': 'true' } }),
        }),
      ]);
    }
  });

  test('every model runs in the VPC with network isolation', () => {
    const models = resourcesOfType(lab, 'AWS::SageMaker::Model');
    expect(models).toHaveLength(2);
    for (const [, model] of models) {
      expect(model.Properties).toMatchObject({ EnableNetworkIsolation: true, VpcConfig: { SecurityGroupIds: [SG_ID], Subnets: SUBNETS } });
    }
  });

  test('the endpoint encrypts its volumes and its captured data with the lab key', () => {
    expect(propsOf(logicalId(stack.endpointConfig))).toMatchObject({ KmsKeyId: KEY_ARN, DataCaptureConfig: { KmsKeyId: KEY_ARN } });
  });

  test('the endpoint captures every request and response into the lab bucket', () => {
    const capture = propsOf(logicalId(stack.endpointConfig)).DataCaptureConfig as Record<string, unknown>;
    expect(capture).toMatchObject({ EnableCapture: true, InitialSamplingPercentage: 100, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] });
    expect(s3Uri(capture.DestinationS3Uri)).toBe(`s3://${BUCKET}/data-capture`);
  });

  test('every update of the endpoint is blue/green with a canary and rolls back on the error and latency alarms', () => {
    expect(propsOf(logicalId(stack.endpoint))).toMatchObject({
      RetainAllVariantProperties: true,
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: GUARDRAIL.canaryPercent }, WaitIntervalInSeconds: GUARDRAIL.waitIntervalSeconds },
        },
        AutoRollbackConfiguration: { Alarms: stack.rollbackAlarms.map((a) => ({ AlarmName: { Ref: logicalId(a) } })) },
      },
    });
    // The alarms watch the Champion variant of this endpoint: errors (any) and latency.
    const metrics = JSON.stringify(stack.rollbackAlarms.map((a) => propsOf(logicalId(a))));
    for (const name of ['Invocation4XXErrors', 'Invocation5XXErrors', 'ModelLatency', ENDPOINT, 'Champion']) {
      expect(metrics).toContain(name);
    }
  });

  test('the champion scales on invocations per instance between 1 and 2 instances', () => {
    expect(propsOf(logicalId(stack.scalableTarget))).toMatchObject({
      ServiceNamespace: 'sagemaker',
      ResourceId: `endpoint/${ENDPOINT}/variant/Champion`,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      MinCapacity: SCALING.minCapacity,
      MaxCapacity: SCALING.maxCapacity,
    });
    // No RoleARN: Application Auto Scaling uses its service-linked role, no role of the lab's.
    expect(propsOf(logicalId(stack.scalableTarget)).RoleARN).toBeUndefined();
    expect(SCALING.maxCapacity).toBe(2);
    expect(propsOf(logicalId(stack.scalingPolicy))).toMatchObject({
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: { Ref: logicalId(stack.scalableTarget) },
      TargetTrackingScalingPolicyConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } },
    });
    // Registered after the endpoint exists, so deregistered before it is deleted.
    expect(lab.json.Resources[logicalId(stack.scalableTarget)].DependsOn).toEqual(expect.arrayContaining([logicalId(stack.endpoint)]));
  });

  test('the drift monitor reads only the captured files and publishes only the lab\'s metrics', () => {
    const statements = statementsOf('DriftMonitorRole');
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(s3)).toContain(`/data-capture/${ENDPOINT}/*`);
    expect(s3.find((s) => actionsOf(s).includes('s3:ListBucket'))?.Condition).toEqual({ StringLike: { 's3:prefix': `data-capture/${ENDPOINT}/*` } });
    expect(statements.find((s) => actionsOf(s).includes('cloudwatch:PutMetricData'))?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': MONITOR_NAMESPACE } });
  });

  test('every alarm notifies the encrypted alarm topic, which only the lab\'s alarms may publish to over TLS', () => {
    const topic = logicalId(stack.alarmTopic.topic);
    expect(propsOf(topic).KmsMasterKeyId).toEqual(KEY_ARN);
    const alarms = resourcesOfType(lab, 'AWS::CloudWatch::Alarm').filter(([id]) => !id.startsWith('IdleDelete'));
    expect(alarms).toHaveLength(4);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: topic }]);
    }
    const [[, policy]] = resourcesOfType(lab, 'AWS::SNS::TopicPolicy');
    const statements = statementsIn(policy);
    const sources = statements.filter((s) => s.Effect === 'Allow').map((s) => JSON.stringify(s.Condition));
    expect(sources).toHaveLength(4);
    for (const [id] of alarms) expect(sources.some((c) => c.includes(id))).toBe(true);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('the execution role reads and writes only its prefixes of the lab bucket, and deletes nothing', () => {
    const statements = roleStatements(lab, logicalId(stack.executionRole));
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const resources = s3.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
    for (const r of resources) expect(r).toContain(`"${BUCKET}"`);
    const prefixes = new Set(resources.map((r) => /\/([a-z-]+\/)\*"/.exec(r)?.[1]).filter(Boolean));
    expect([...prefixes].sort()).toEqual(Object.values(PREFIXES).sort());
    expect(s3.flatMap(actionsOf).filter((a) => /Delete|^s3:\*$/.test(a))).toEqual([]);
  });

  test('the ENI cleanup runs after every SageMaker resource is deleted', () => {
    network.cleanupOnlyInVpc();
    network.cleanupOrdered(['AWS::SageMaker::Model', 'AWS::SageMaker::Endpoint', 'Custom::SageMakerTrainingJob']);
  });

  test('every log group is encrypted with the lab key and keeps events for a year', () => {
    lab.template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: KEY_ARN, RetentionInDays: 365 });
    // The endpoint's own group exists before the endpoint, under the name SageMaker writes to.
    expect(propsOf(logicalId(stack.endpointLogGroup)).LogGroupName).toBe(`/aws/sagemaker/Endpoints/${ENDPOINT}`);
  });

  test('no resource is retained on destroy', () => {
    expectNothingRetained(lab);
  });

  test('no physical name is hard-coded: the names services require derive from the stack name', () => {
    // The endpoint's name is the stack's (its log group must exist first under that name).
    expect(propsOf(logicalId(stack.endpoint)).EndpointName).toBe(ENDPOINT);
    expectGeneratedNames(lab, [
      ['AWS::SageMaker::EndpointConfig', 'EndpointConfigName'],
      ['AWS::SageMaker::Model', 'ModelName'],
      ['AWS::CloudWatch::Dashboard', 'DashboardName'],
    ]);
    // The lab's alarms get generated names; the idle alarm's is the stack's (IdleStackDelete).
    for (const alarm of [...stack.rollbackAlarms, stack.driftAlarm, stack.predictionAlarm]) {
      expect(propsOf(logicalId(alarm)).AlarmName).toBeUndefined();
    }
  });

  test('cdk-nag and Control Tower guard pass with acknowledged exceptions only', () => {
    expectNoFindings(findings);
  });
});

describe('the lab', () => {
  test('serves the champion and the challenger as an A/B test, 90 % and 10 %, on the smallest hosting instance', () => {
    expect(stack.experiment).toBe('ab');
    const config = propsOf(logicalId(stack.endpointConfig));
    expect(config.ProductionVariants).toEqual([
      expect.objectContaining({ VariantName: 'Champion', ModelName: { 'Fn::GetAtt': [logicalId(stack.models.champion), 'ModelName'] }, InitialVariantWeight: 0.9, InstanceType: HOSTING_INSTANCE_TYPE }),
      expect.objectContaining({ VariantName: 'Challenger', ModelName: { 'Fn::GetAtt': [logicalId(stack.models.challenger), 'ModelName'] }, InitialVariantWeight: 0.1, InstanceType: HOSTING_INSTANCE_TYPE }),
    ]);
    expect(config.ShadowProductionVariants).toBeUndefined();
  });

  test('the two models differ in their hyperparameters and train on the uploaded channels', () => {
    const [[, champion], [, challenger]] = trainingJobs();
    expect(champion.HyperParameters).not.toEqual(challenger.HyperParameters);
    for (const [, request] of trainingJobs()) {
      expect(request.InputDataConfig?.map((c) => c.ChannelName)).toEqual(['train', 'validation']);
    }
    expect(stack.models.broken).toBeUndefined();
  });

  test('the drift monitor runs on a schedule with the training baseline and the capture prefix', () => {
    const env = (propsOf(logicalId(stack.monitor)).Environment as { Variables: Record<string, unknown> }).Variables;
    const baseline = JSON.parse(env.BASELINE as string) as { means: number[]; stds: number[] };
    expect(baseline.means).toHaveLength(8);
    expect(baseline.stds.every((s) => s > 0)).toBe(true);
    expect(env.CAPTURE_PREFIX).toBe(`data-capture/${ENDPOINT}/`);
    lab.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
  });

  test('the dashboard shows invocations, latency, errors, drift, predictions and cost drivers per variant', () => {
    const body = JSON.stringify(propsOf(logicalId(stack.dashboard)).DashboardBody);
    for (const text of ['Invocations', 'ModelLatency', 'Invocation5XXErrors', 'FeatureDrift', 'PredictedPositiveRate', 'CPUUtilization', 'Challenger']) {
      expect(body).toContain(text);
    }
  });

  test('the preflight counts every endpoint instance the lab can run at once, the blue/green fleet included', () => {
    // Champion up to its maximum plus the challenger, twice during an update.
    expect(PEAK_ENDPOINT_INSTANCES).toBe(2 * (SCALING.maxCapacity + 1));
    expect(SAFE_ROLLOUT_SAFETY.preflight.sagemaker).toContainEqual({ usage: 'endpoint', instanceType: HOSTING_INSTANCE_TYPE, count: PEAK_ENDPOINT_INSTANCES });
  });

  test('deletes itself when idle, watching the champion', () => {
    lab.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'EndpointName', Value: { 'Fn::GetAtt': [logicalId(stack.endpoint), 'EndpointName'] } }, { Name: 'VariantName', Value: 'Champion' }],
    });
  });
});
