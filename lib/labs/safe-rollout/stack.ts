import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import type { Construct } from 'constructs';
import { DRIFT_ENV } from '../../../lambda/drift-monitor/env';
import { TRAINING_LOG_GROUP } from '../../../lambda/sagemaker-job/properties';
import { contextOption } from '../../config';
import { AlarmTopic } from '../../constructs/alarm-topic';
import { IdleStackDelete } from '../../constructs/idle-stack-delete';
import { LabFunction } from '../../constructs/lab-function';
import { LabLogGroup } from '../../constructs/lab-log-group';
import type { PrivateVpc } from '../../constructs/private-vpc';
import { SageMakerExecutionRole } from '../../constructs/sagemaker-execution-role';
import { SageMakerJob } from '../../constructs/sagemaker-job';
import { SageMakerNetwork } from '../../constructs/sagemaker-network';
import { SampleData } from '../../constructs/sample-data';
import { SecureBucket } from '../../constructs/secure-bucket';
import { csvChannels, type XGBoostImage, xgboostImage } from '../../constructs/xgboost-image';
import { IDLE_HOURS } from '../../safety/idle';
import { acknowledgeCaptureReads, acknowledgeFunctionOutsideVpc, acknowledgeSageMakerExecutionRole } from '../../validation/acknowledgements';
import { LabStack, type LabStackProps } from '../lab-stack';
import { CHANNELS_FOLDER, trainingBaseline } from './baseline';
import { EXPERIMENT, RELEASE } from './options';
import { SAFE_ROLLOUT_OUTPUTS } from './outputs';
import {
  DRIFT_THRESHOLD,
  GUARDRAIL,
  HOSTING_INSTANCE_TYPE,
  INITIAL_WEIGHTS,
  MONITOR_METRICS,
  MONITOR_NAMESPACE,
  SCALING,
  TRAINING_INSTANCE_TYPE,
  VARIANTS,
} from './rollout';

/** Lab 03's rows with only three of the eight features, for the deliberately broken model (`-c release=broken`). */
export const BROKEN_CHANNEL_FOLDER = 'labs/08-safe-rollout/data/broken';

/** The bucket prefixes, one per purpose. */
export const PREFIXES = { channels: 'input/', broken: 'broken-input/', trainingOutput: 'training-output/', capture: 'data-capture/' } as const;

/** Two XGBoost models of the same data that differ in their trees: the champion and the challenger. */
export const HYPERPARAMETERS: Readonly<Record<'champion' | 'challenger', Readonly<Record<string, string>>>> = {
  champion: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '60', max_depth: '4', eta: '0.2', subsample: '0.8' },
  challenger: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '120', max_depth: '6', eta: '0.1', subsample: '0.8' },
};

/** How often the drift monitor runs. */
export const MONITOR_MINUTES = 5;

/**
 * Lab 08: safe rollout and monitoring of a real-time endpoint in the private network of lab 03. `cdk deploy`
 * trains a champion and a challenger model, serves them from one endpoint as an A/B test (or, with
 * `-c experiment=shadow`, the challenger as a shadow variant), scales the champion with target tracking,
 * captures requests and responses, and watches them: CloudWatch alarms on errors, latency, feature drift and
 * the prediction distribution, a dashboard, and a scheduled drift monitor. Every later change of the endpoint
 * (`-c release`, `-c experiment`) is a blue/green update with canary traffic shifting that rolls back by itself
 * when an alarm fires.
 */
export class SafeRolloutStack extends LabStack {
  readonly vpc: PrivateVpc;
  readonly securityGroup: ec2.SecurityGroup;
  readonly executionRole: iam.Role;
  readonly data: SecureBucket;
  readonly endpoint: sagemaker.CfnEndpoint;
  readonly endpointConfig: sagemaker.CfnEndpointConfig;
  readonly endpointLogGroup: logs.LogGroup;
  readonly models: Readonly<Record<'champion' | 'challenger', sagemaker.CfnModel>> & { readonly broken?: sagemaker.CfnModel };
  /** The champion's and the challenger's training jobs (and the broken model's with `-c release=broken`). */
  readonly trainingJobs: readonly SageMakerJob<'training'>[];
  readonly scalableTarget: appscaling.CfnScalableTarget;
  readonly scalingPolicy: appscaling.CfnScalingPolicy;
  /** The alarms that roll a guarded update back. */
  readonly rollbackAlarms: readonly cloudwatch.Alarm[];
  readonly driftAlarm: cloudwatch.Alarm;
  readonly predictionAlarm: cloudwatch.Alarm;
  readonly monitor: LabFunction;
  readonly alarmTopic: AlarmTopic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly experiment: 'ab' | 'shadow';
  readonly release: 'champion' | 'challenger' | 'broken';

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const image = xgboostImage(this.region, this.urlSuffix);
    this.experiment = contextOption(this, EXPERIMENT);
    this.release = contextOption(this, RELEASE);

    this.data = new SecureBucket(this, 'Data', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    const data = this.data;
    const network = new SageMakerNetwork(this, {
      encryptionKey: this.key,
      buckets: [data],
      endpointStatementId: 'ThisLabsBucketOnly',
      securityGroupDescription: 'SageMaker training and hosting of lab 08: self traffic and HTTPS to S3 only',
    });
    this.vpc = network.vpc;
    this.securityGroup = network.securityGroup;
    const { vpcConfig } = network;

    // SageMaker creates this group when the endpoint starts; creating it first, under a name fixed in advance,
    // makes it encrypted, gives it a retention period, and lets `cdk destroy` delete it (as in lab 03).
    const endpointName = this.uniqueName('endpoint', { style: 'kebab', maxLength: 63 });
    this.endpointLogGroup = new LabLogGroup(this, 'EndpointLogs', { encryptionKey: this.key, logGroupName: `/aws/sagemaker/Endpoints/${endpointName}` });

    // Each model's jobs get a prefix of their own (`<stack>-xgb-champion`, ...), so each job handler may touch its
    // own jobs only and no two jobs share a prefix; the execution role writes the logs of all of them (`<stack>-xgb`).
    // At most 16 + 1 + 16 + 15 characters with the longest learner name: within the construct's 50.
    const jobNamePrefix = this.uniqueName('xgb', { style: 'kebab', maxLength: 50 });
    this.executionRole = this.createExecutionRole(data, jobNamePrefix, image);

    const channels = new SampleData(this, 'TrainingData', { source: CHANNELS_FOLDER, destinationBucket: data, destinationKeyPrefix: PREFIXES.channels });
    const tags = [
      { Key: 'project', Value: 'ml-lab-kit' },
      { Key: 'lab', Value: this.lab.id },
      { Key: 'learner', Value: this.learner ?? 'none' },
    ];
    const train = (jobId: 'ChampionTraining' | 'ChallengerTraining' | 'BrokenTraining', hyperparameters: Readonly<Record<string, string>>, channelNames: readonly string[], prefix: string, fingerprint: string) =>
      SageMakerJob.training(this, jobId, {
        jobNamePrefix: `${jobNamePrefix}-${jobId.replace('Training', '').toLowerCase()}`,
        role: this.executionRole,
        encryptionKey: this.key,
        instanceType: TRAINING_INSTANCE_TYPE,
        vpcConfig,
        dataFingerprint: fingerprint,
        request: {
          AlgorithmSpecification: { TrainingImage: image.uri, TrainingInputMode: 'File' },
          HyperParameters: { ...hyperparameters },
          InputDataConfig: csvChannels((key) => data.s3UrlForObject(key), prefix, channelNames),
          outputPath: data.s3UrlForObject(PREFIXES.trainingOutput),
          volumeSizeInGB: 5,
          StoppingCondition: { MaxRuntimeInSeconds: 1800 },
          Tags: tags,
        },
      });
    const jobs: SageMakerJob<'training'>[] = [];
    const model = (modelId: string, job: SageMakerJob<'training'>) => {
      const m = new sagemaker.CfnModel(this, modelId, {
        executionRoleArn: this.executionRole.roleArn,
        primaryContainer: { image: image.uri, modelDataUrl: job.modelArtifacts },
        vpcConfig: { subnets: vpcConfig.subnets, securityGroupIds: vpcConfig.securityGroupIds },
        enableNetworkIsolation: true,
      });
      m.node.addDependency(this.executionRole);
      return m;
    };
    const championJob = train('ChampionTraining', HYPERPARAMETERS.champion, ['train', 'validation'], PREFIXES.channels, channels.fingerprint);
    const challengerJob = train('ChallengerTraining', HYPERPARAMETERS.challenger, ['train', 'validation'], PREFIXES.channels, channels.fingerprint);
    championJob.startsAfter(channels);
    challengerJob.startsAfter(channels);
    jobs.push(championJob, challengerJob);
    const champion = model('ChampionModel', championJob);
    const challenger = model('ChallengerModel', challengerJob);
    let broken: sagemaker.CfnModel | undefined;
    if (this.release === 'broken') {
      // Trained on three of the eight features: it loads and passes the health check (/ping answers 200), then
      // refuses every CSV request whose feature count differs from the model's with HTTP 400 (ScoringService.predict
      // and invocations() in aws/sagemaker-xgboost-container, src/sagemaker_xgboost_container/algorithm_mode/serve.py),
      // which SageMaker counts in Invocation4XXErrors: the error alarm fires during the canary.
      const brokenRows = new SampleData(this, 'BrokenData', { source: BROKEN_CHANNEL_FOLDER, destinationBucket: data, destinationKeyPrefix: PREFIXES.broken });
      const brokenJob = train('BrokenTraining', HYPERPARAMETERS.champion, ['train'], PREFIXES.broken, brokenRows.fingerprint);
      brokenJob.startsAfter(brokenRows);
      jobs.push(brokenJob);
      broken = model('BrokenModel', brokenJob);
    }
    this.models = { champion, challenger, broken };
    this.trainingJobs = jobs;
    const served = { champion, challenger, broken: broken ?? champion }[this.release];

    const variant = (name: string, m: sagemaker.CfnModel, weight: number): sagemaker.CfnEndpointConfig.ProductionVariantProperty => ({
      variantName: name,
      modelName: m.attrModelName,
      initialInstanceCount: 1,
      initialVariantWeight: weight,
      instanceType: HOSTING_INSTANCE_TYPE,
    });
    this.endpointConfig = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      kmsKeyId: this.key.keyArn,
      productionVariants:
        this.experiment === 'ab'
          ? [variant(VARIANTS.champion, served, INITIAL_WEIGHTS.Champion), variant(VARIANTS.challenger, challenger, INITIAL_WEIGHTS.Challenger)]
          : [variant(VARIANTS.champion, served, 1)],
      // One production variant and one shadow variant at most
      // (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html, ShadowProductionVariants).
      shadowProductionVariants: this.experiment === 'shadow' ? [variant(VARIANTS.shadow, challenger, 1)] : undefined,
      dataCaptureConfig: {
        enableCapture: true,
        initialSamplingPercentage: 100,
        destinationS3Uri: data.s3UrlForObject(PREFIXES.capture.slice(0, -1)),
        kmsKeyId: this.key.keyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
        captureContentTypeHeader: { csvContentTypes: ['text/csv'] },
      },
    });

    // The alarms that roll an update back: errors and latency of the Champion variant. SageMaker watches them
    // during each baking period of a blue/green update and returns all traffic to the blue fleet when one is in
    // ALARM (https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html).
    const variantMetric = (metricName: string, statistic: string, variantName: string = VARIANTS.champion) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SageMaker',
        metricName,
        dimensionsMap: { EndpointName: endpointName, VariantName: variantName },
        statistic,
        period: Duration.minutes(1),
      });
    const errors = new cloudwatch.MathExpression({
      expression: 'm4 + m5',
      usingMetrics: { m4: variantMetric('Invocation4XXErrors', cloudwatch.Stats.SUM), m5: variantMetric('Invocation5XXErrors', cloudwatch.Stats.SUM) },
      label: 'Champion errors (4XX + 5XX)',
      period: Duration.minutes(1),
    });
    const errorAlarm = new cloudwatch.Alarm(this, 'ErrorAlarm', {
      alarmDescription: 'Rolls a guarded update back: the Champion variant answered with errors',
      metric: errors,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const latencyAlarm = new cloudwatch.Alarm(this, 'LatencyAlarm', {
      alarmDescription: 'Rolls a guarded update back: the Champion variant\'s model latency p90 is above 500 ms',
      // ModelLatency is in microseconds (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html).
      metric: variantMetric('ModelLatency', 'p90'),
      threshold: 500_000,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.rollbackAlarms = [errorAlarm, latencyAlarm];
    // "Ensure that your IAM execution role has permission to perform the cloudwatch:DescribeAlarms action on the
    // auto-rollback alarms you specify" (deployment-guardrails-configuration.html): these two, no other.
    this.executionRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'ReadTheRollbackAlarms', actions: ['cloudwatch:DescribeAlarms'], resources: this.rollbackAlarms.map((a) => a.alarmArn) }),
    );

    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName,
      endpointConfigName: this.endpointConfig.attrEndpointConfigName,
      // Keeps the variant properties (instance counts set by auto scaling, weights set by `shift`) when an update
      // replaces the endpoint config (RetainAllVariantProperties,
      // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html).
      retainAllVariantProperties: true,
      deploymentConfig: {
        blueGreenUpdatePolicy: {
          trafficRoutingConfiguration: {
            type: 'CANARY',
            canarySize: { type: 'CAPACITY_PERCENT', value: GUARDRAIL.canaryPercent },
            waitIntervalInSeconds: GUARDRAIL.waitIntervalSeconds,
          },
          terminationWaitInSeconds: GUARDRAIL.terminationWaitSeconds,
          maximumExecutionTimeoutInSeconds: GUARDRAIL.maximumExecutionTimeoutSeconds,
        },
        autoRollbackConfiguration: { alarms: this.rollbackAlarms.map((a) => ({ alarmName: a.alarmName })) },
      },
    });
    this.endpoint.node.addDependency(this.endpointLogGroup, this.executionRole);

    // Target tracking on the Champion variant, at most SCALING.maxCapacity instances. Without RoleARN,
    // Application Auto Scaling uses its service-linked role for SageMaker, created on first registration
    // (https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-sagemaker.html).
    this.scalableTarget = new appscaling.CfnScalableTarget(this, 'ChampionScaling', {
      serviceNamespace: 'sagemaker',
      resourceId: `endpoint/${endpointName}/variant/${VARIANTS.champion}`,
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      minCapacity: SCALING.minCapacity,
      maxCapacity: SCALING.maxCapacity,
    });
    // The variant exists once the endpoint does; destroy deletes the target (and its policy) before the endpoint.
    this.scalableTarget.node.addDependency(this.endpoint);
    this.scalingPolicy = new appscaling.CfnScalingPolicy(this, 'ChampionInvocationsPolicy', {
      policyName: 'champion-invocations-per-instance',
      policyType: 'TargetTrackingScaling',
      scalingTargetId: this.scalableTarget.ref,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: SCALING.invocationsPerInstance,
        predefinedMetricSpecification: { predefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        scaleOutCooldown: SCALING.scaleOutCooldownSeconds,
        scaleInCooldown: SCALING.scaleInCooldownSeconds,
      },
    });

    // Monitoring without Model Monitor: a scheduled function turns captured data into metrics.
    const capturePrefix = `${PREFIXES.capture}${endpointName}/`;
    this.monitor = new LabFunction(this, 'DriftMonitor', {
      entry: 'lambda/drift-monitor/handler.ts',
      description: 'Feature drift and prediction distribution of the lab endpoint\'s captured data, as CloudWatch metrics',
      encryptionKey: this.key,
      timeout: Duration.minutes(2),
      environment: {
        [DRIFT_ENV.bucket]: data.bucketName,
        [DRIFT_ENV.prefix]: capturePrefix,
        [DRIFT_ENV.baseline]: JSON.stringify(trainingBaseline()),
        [DRIFT_ENV.endpointName]: endpointName,
        [DRIFT_ENV.namespace]: MONITOR_NAMESPACE,
      },
    });
    // Reads only the endpoint's captured files (no wildcard actions): list the prefix, get its objects, decrypt.
    this.monitor.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ListTheCapturedFiles',
        actions: ['s3:ListBucket'],
        resources: [data.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${capturePrefix}*` } },
      }),
    );
    this.monitor.addToRolePolicy(new iam.PolicyStatement({ sid: 'ReadTheCapturedFiles', actions: ['s3:GetObject'], resources: [data.arnForObjects(`${capturePrefix}*`)] }));
    this.key.grantDecrypt(this.monitor);
    if (this.monitor.role) {
      acknowledgeCaptureReads(this.monitor.role, data, capturePrefix);
    }
    this.monitor.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PublishTheLabMetrics',
        actions: ['cloudwatch:PutMetricData'],
        // PutMetricData has no resource-level permissions; the namespace condition key pins the lab's namespace
        // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html).
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': MONITOR_NAMESPACE } },
      }),
    );
    acknowledgeFunctionOutsideVpc(this.monitor, 'S3 (the lab bucket) and CloudWatch PutMetricData');
    new events.Rule(this, 'MonitorSchedule', {
      description: `Runs the drift monitor every ${MONITOR_MINUTES} minutes`,
      schedule: events.Schedule.rate(Duration.minutes(MONITOR_MINUTES)),
      // A missed run is made up by the next one: no retries, no dead-letter queue.
      targets: [new targets.LambdaFunction(this.monitor, { retryAttempts: 0, maxEventAge: Duration.minutes(MONITOR_MINUTES) })],
    });
    const monitorMetric = (metricName: string, dimensions: Record<string, string>) =>
      new cloudwatch.Metric({ namespace: MONITOR_NAMESPACE, metricName, dimensionsMap: dimensions, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(MONITOR_MINUTES) });
    this.driftAlarm = new cloudwatch.Alarm(this, 'DriftAlarm', {
      alarmDescription: `A feature of the captured requests moved more than ${DRIFT_THRESHOLD} training standard deviation(s) from its training mean`,
      metric: monitorMetric(MONITOR_METRICS.drift, { EndpointName: endpointName }),
      threshold: DRIFT_THRESHOLD,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.predictionAlarm = new cloudwatch.Alarm(this, 'PredictionAlarm', {
      alarmDescription: 'The Champion variant predicts positive for more than 80 % of the last hour\'s requests',
      metric: monitorMetric(MONITOR_METRICS.positiveRate, { EndpointName: endpointName, VariantName: VARIANTS.champion }),
      threshold: 0.8,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Every alarm notifies the lab's topic (subscribe to it: see the guide).
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { encryptionKey: this.key });
    for (const alarm of [errorAlarm, latencyAlarm, this.driftAlarm, this.predictionAlarm]) {
      this.alarmTopic.notify(alarm);
    }

    const productionVariants = this.experiment === 'ab' ? [VARIANTS.champion, VARIANTS.challenger] : [VARIANTS.champion, VARIANTS.shadow];
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'Invocations per variant', left: productionVariants.map((v) => variantMetric('Invocations', cloudwatch.Stats.SUM, v)), width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Model latency p90 (µs)', left: productionVariants.map((v) => variantMetric('ModelLatency', 'p90', v)), width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Errors', left: [errors], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Feature drift', left: [monitorMetric(MONITOR_METRICS.drift, { EndpointName: endpointName })], leftAnnotations: [{ value: DRIFT_THRESHOLD, label: 'alarm' }], width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'Predicted-positive rate per variant',
            left: productionVariants.map((v) => monitorMetric(MONITOR_METRICS.positiveRate, { EndpointName: endpointName, VariantName: v })),
            width: 8,
          }),
          // Cost drivers: instance-hours scale with the instances of each variant.
          new cloudwatch.GraphWidget({
            title: 'Cost drivers: CPU per variant (one line per instance fleet)',
            left: productionVariants.map(
              (v) =>
                new cloudwatch.Metric({ namespace: '/aws/sagemaker/Endpoints', metricName: 'CPUUtilization', dimensionsMap: { EndpointName: endpointName, VariantName: v }, statistic: 'Average', period: Duration.minutes(5) }),
            ),
            width: 8,
          }),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [errorAlarm, latencyAlarm, this.driftAlarm, this.predictionAlarm], width: 24 })],
      ],
    });

    // The endpoint bills by the hour: after -c idleHours (default 2) without an invocation of the champion the
    // lab deletes its own stack; -c idleHours=0 turns this off.
    const idleHours = contextOption(this, IDLE_HOURS);
    if (idleHours > 0) {
      new IdleStackDelete(this, 'IdleDelete', { endpointName: this.endpoint.attrEndpointName, variantName: VARIANTS.champion, idleHours, encryptionKey: this.key });
    }

    network.cleanUpAfter([...jobs, champion, challenger, ...(broken ? [broken] : []), this.endpoint], [this.endpointLogGroup]);
    // Training writes models, the endpoint captured data: destroy deletes them and the execution role's
    // permissions before it empties the bucket.
    data.emptiedAfter(...jobs.map((j) => j.customResource), champion, challenger, ...(broken ? [broken] : []), this.endpoint, this.executionRole);

    this.addOutputs(SAFE_ROLLOUT_OUTPUTS, {
      endpoint: this.endpoint.attrEndpointName,
      endpointLogGroup: this.endpointLogGroup.logGroupName,
      dataBucket: data.bucketName,
      capturePrefix,
      experiment: this.experiment,
      release: this.release,
      dashboard: this.dashboard.dashboardName,
      driftAlarm: this.driftAlarm.alarmName,
      predictionAlarm: this.predictionAlarm.alarmName,
      rollbackAlarms: this.rollbackAlarms.map((a) => a.alarmName).join(','),
      scalingResource: this.scalableTarget.resourceId,
      alarmTopic: this.alarmTopic.topic.topicArn,
    });
  }

  /** The role SageMaker assumes for the training jobs and the endpoint. */
  private createExecutionRole(data: SecureBucket, jobNamePrefix: string, image: XGBoostImage): iam.Role {
    const role = new SageMakerExecutionRole(this, 'ExecutionRole', {
      description: 'SageMaker execution role of the lab training jobs and endpoint',
      encryptionKey: this.key,
      vpc: this.vpc,
      image,
      sharedLogs: [{ logGroupName: TRAINING_LOG_GROUP, streamPrefix: jobNamePrefix }],
      ownLogGroups: [this.endpointLogGroup],
    });
    data.grantRead(role, `${PREFIXES.channels}*`);
    data.grantRead(role, `${PREFIXES.broken}*`);
    data.grantRead(role, `${PREFIXES.trainingOutput}*`);
    data.grantPut(role, `${PREFIXES.trainingOutput}*`);
    data.grantPut(role, `${PREFIXES.capture}*`);
    acknowledgeSageMakerExecutionRole(role, Object.values(PREFIXES).map((p) => `/${p}*`));
    return role;
  }
}
