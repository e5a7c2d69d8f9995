import { CustomResource, Duration } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import type { Construct } from 'constructs';
import { DELIVERY_ENV, MODEL_PACKAGE_VARIABLE, TRIGGER_ENV, type CleanupProperties } from '../../../lambda/mlops-pipeline/env';
import { LabFunction } from '../../constructs/lab-function';
import { LabLogGroup } from '../../constructs/lab-log-group';
import { LabProvider } from '../../constructs/lab-provider';
import { type PrivateVpc } from '../../constructs/private-vpc';
import { SageMakerExecutionRole } from '../../constructs/sagemaker-execution-role';
import { SageMakerNetwork } from '../../constructs/sagemaker-network';
import { SampleData } from '../../constructs/sample-data';
import { SecureBucket } from '../../constructs/secure-bucket';
import { xgboostImage } from '../../constructs/xgboost-image';
import { acknowledgeMlopsPipeline, acknowledgeSageMakerExecutionRole } from '../../validation/acknowledgements';
import { contextOption } from '../../config';
import { LabStack, type LabStackProps } from '../lab-stack';
import { NO_STEP_CACHE } from './options';
import { MLOPS_OUTPUTS } from './outputs';
import { pipelineDefinition, type PipelineDefinition } from './pipeline-definition';
import { PREFIXES, PROCESSING_INSTANCE_TYPE, SERVERLESS, TRAINING_INSTANCE_TYPES } from './settings';

/** Folders uploaded at deploy time: the processing scripts, the raw data, the smoke-test rows. */
export const FOLDERS = {
  code: 'labs/07-mlops-pipeline/code',
  raw: 'labs/07-mlops-pipeline/data/raw',
  smokeTest: 'labs/07-mlops-pipeline/data/smoke-test',
} as const;
/** The smoke-test rows the staging endpoint must answer. */
export const SMOKE_TEST_KEY = `${PREFIXES.smokeTest}rows.csv`;
/** The delivery pipeline's source object: the approval that started it. */
export const APPROVAL_RECORD_KEY = 'delivery/approved-model.json';
export const SOURCE_ACTION = 'ApprovalRecord';
/** SageMaker names a pipeline's jobs `pipelines-<execution id>-<step>-<hash>`; their log streams start with it. */
export const PIPELINE_JOB_PREFIX = 'pipelines';
const PROCESSING_LOG_GROUP = '/aws/sagemaker/ProcessingJobs';
const TRAINING_LOG_GROUP = '/aws/sagemaker/TrainingJobs';

/**
 * Lab 07: MLOps. A SageMaker pipeline (prepare, train, evaluate, check a threshold, register) runs every job in
 * the private network of labs 03 and 05; the model registry holds its versions, pending a person's approval; an
 * approval starts a CodePipeline (V2) delivery: deploy to a staging serverless endpoint, smoke-test it, wait for
 * a manual approval, deploy to production. Nothing bills by the hour: jobs, serverless endpoints and the
 * delivery's actions bill per use. `cdk destroy` removes what the pipelines created at run time first.
 */
export class MlopsPipelineStack extends LabStack {
  readonly vpc: PrivateVpc;
  readonly securityGroup: ec2.SecurityGroup;
  readonly data: SecureBucket;
  readonly delivery: SecureBucket;
  readonly executionRole: iam.Role;
  readonly pipelineRole: iam.Role;
  readonly modelPackageGroup: sagemaker.CfnModelPackageGroup;
  readonly pipeline: sagemaker.CfnPipeline;
  /** The pipeline definition, before the stack resolves its tokens. */
  readonly definition: PipelineDefinition;
  readonly deliveryPipeline: codepipeline.Pipeline;
  readonly deliveryFunction: LabFunction;
  readonly trigger: LabFunction;
  readonly approvals: events.Rule;
  readonly cleanup: CustomResource;
  readonly names: { pipeline: string; group: string; staging: string; production: string; resourcePrefix: string };

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const image = xgboostImage(this.region, this.urlSuffix);
    const { partition, region, account } = this;
    const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${account}:${resource}`;
    this.names = {
      pipeline: this.uniqueName('pipeline', { style: 'kebab', maxLength: 256 }),
      group: this.uniqueName('models', { style: 'kebab', maxLength: 63 }),
      staging: this.uniqueName('staging', { style: 'kebab', maxLength: 63 }),
      production: this.uniqueName('production', { style: 'kebab', maxLength: 63 }),
      // Room for "-prod-v<version>-<yyyymmddhhmmss>" within SageMaker's 63 characters (delivery.ts).
      resourcePrefix: this.uniqueName('dlv', { style: 'kebab', maxLength: 36 }),
    };
    const names = this.names;
    const tags = [
      { Key: 'project', Value: 'ml-lab-kit' },
      { Key: 'lab', Value: this.lab.id },
      { Key: 'learner', Value: this.learner ?? 'none' },
    ];

    this.data = new SecureBucket(this, 'Data', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    this.delivery = new SecureBucket(this, 'Delivery', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    const data = this.data;

    const network = new SageMakerNetwork(this, {
      encryptionKey: this.key,
      buckets: [data],
      endpointStatementId: 'ThisLabsBucketOnly',
      securityGroupDescription: 'SageMaker pipeline jobs: self traffic and HTTPS to S3 only',
    });
    this.vpc = network.vpc;
    this.securityGroup = network.securityGroup;
    const { vpcConfig } = network;

    // The endpoints' log groups exist before the endpoints, so destroy removes them (after the endpoints).
    const endpointLogs = [names.staging, names.production].map(
      (name, i) =>
        new LabLogGroup(this, i === 0 ? 'StagingEndpointLogs' : 'ProductionEndpointLogs', {
          encryptionKey: this.key,
          logGroupName: `/aws/sagemaker/Endpoints/${name}`,
        }),
    );

    this.executionRole = new SageMakerExecutionRole(this, 'ExecutionRole', {
      description: 'SageMaker execution role of the lab pipeline jobs and the delivered models',
      encryptionKey: this.key,
      vpc: this.vpc,
      image,
      sharedLogs: [
        { logGroupName: PROCESSING_LOG_GROUP, streamPrefix: PIPELINE_JOB_PREFIX },
        { logGroupName: TRAINING_LOG_GROUP, streamPrefix: PIPELINE_JOB_PREFIX },
      ],
      ownLogGroups: endpointLogs,
    });
    // The jobs read the scripts, the raw data and earlier steps' outputs, and write their own outputs; the
    // hosted models read their artifact. Nothing deletes.
    data.grantRead(this.executionRole, `${PREFIXES.code}*`);
    data.grantRead(this.executionRole, `${PREFIXES.raw}*`);
    data.grantRead(this.executionRole, `${PREFIXES.runs}*`);
    data.grantPut(this.executionRole, `${PREFIXES.runs}*`);
    acknowledgeSageMakerExecutionRole(this.executionRole, [PREFIXES.code, PREFIXES.raw, PREFIXES.runs].map((p) => `/${p}*`));

    const code = new SampleData(this, 'Code', { source: FOLDERS.code, destinationBucket: data, destinationKeyPrefix: PREFIXES.code });
    const raw = new SampleData(this, 'RawData', { source: FOLDERS.raw, destinationBucket: data, destinationKeyPrefix: PREFIXES.raw });
    const smoke = new SampleData(this, 'SmokeTestData', { source: FOLDERS.smokeTest, destinationBucket: data, destinationKeyPrefix: PREFIXES.smokeTest });

    this.modelPackageGroup = new sagemaker.CfnModelPackageGroup(this, 'ModelPackageGroup', {
      modelPackageGroupName: names.group,
      modelPackageGroupDescription: `${id}: versions registered by the lab pipeline`,
    });

    // The role the pipeline service calls SageMaker with: it may start only isolated, encrypted jobs in the lab
    // VPC on the lab's instance types, and register only versions that wait for approval.
    this.pipelineRole = new iam.Role(this, 'PipelineRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'SageMaker Pipelines role of the lab pipeline: starts its jobs and registers its versions',
    });
    const secured = (instanceTypes: readonly string[]) => ({
      Bool: { 'sagemaker:NetworkIsolation': 'true', 'sagemaker:InterContainerTrafficEncryption': 'true' },
      'ForAllValues:StringEquals': {
        'sagemaker:VpcSubnets': vpcConfig.subnets,
        'sagemaker:VpcSecurityGroupIds': vpcConfig.securityGroupIds,
        'sagemaker:InstanceTypes': [...instanceTypes],
      },
      Null: { 'sagemaker:VpcSubnets': 'false', 'sagemaker:VpcSecurityGroupIds': 'false', 'sagemaker:InstanceTypes': 'false' },
      ArnEquals: { 'sagemaker:VolumeKmsKeyArn': this.key.keyArn, 'sagemaker:OutputKmsKeyArn': this.key.keyArn },
    });
    const processingJobs = arn('sagemaker', `processing-job/${PIPELINE_JOB_PREFIX}-*`);
    const trainingJobs = arn('sagemaker', `training-job/${PIPELINE_JOB_PREFIX}-*`);
    this.pipelineRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sagemaker:CreateProcessingJob'], resources: [processingJobs], conditions: secured([PROCESSING_INSTANCE_TYPE]) }),
    );
    this.pipelineRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sagemaker:CreateTrainingJob'], resources: [trainingJobs], conditions: secured(TRAINING_INSTANCE_TYPES) }),
    );
    this.pipelineRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sagemaker:DescribeProcessingJob', 'sagemaker:StopProcessingJob', 'sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob', 'sagemaker:AddTags'],
        resources: [processingJobs, trainingJobs],
      }),
    );
    const versions = arn('sagemaker', `model-package/${names.group}/*`);
    this.pipelineRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sagemaker:CreateModelPackage'],
        resources: [versions],
        conditions: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
      }),
    );
    this.pipelineRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sagemaker:DescribeModelPackage', 'sagemaker:AddTags'], resources: [versions] }),
    );
    this.pipelineRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.executionRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
    );
    // The condition step reads the evaluation report (the property file) from the run's outputs.
    data.grantRead(this.pipelineRole, `${PREFIXES.runs}*`);

    this.definition = pipelineDefinition({
      imageUri: image.uri,
      jobRoleArn: this.executionRole.roleArn,
      bucketName: data.bucketName,
      keyArn: this.key.keyArn,
      subnets: vpcConfig.subnets,
      securityGroupIds: vpcConfig.securityGroupIds,
      modelPackageGroupName: names.group,
      tags,
      stepCache: !contextOption(this, NO_STEP_CACHE),
    });
    this.pipeline = new sagemaker.CfnPipeline(this, 'Pipeline', {
      pipelineName: names.pipeline,
      pipelineDisplayName: names.pipeline,
      pipelineDescription: 'Lab 07: prepare, train, evaluate, check the AUC threshold, register for approval',
      roleArn: this.pipelineRole.roleArn,
      pipelineDefinition: { PipelineDefinitionBody: this.toJsonString(this.definition) },
      parallelismConfiguration: { MaxParallelExecutionSteps: 2 },
    });
    this.pipeline.node.addDependency(this.pipelineRole, this.executionRole, this.modelPackageGroup, code, raw);

    // Delivery: an approval event starts the CodePipeline; its Lambda actions deploy and test.
    this.deliveryFunction = new LabFunction(this, 'DeliveryActions', {
      entry: 'lambda/mlops-pipeline/delivery-handler.ts',
      description: 'Lab 07 delivery: deploys an approved model version to a serverless endpoint, smoke-tests staging',
      encryptionKey: this.key,
      timeout: Duration.seconds(60),
      environment: {
        [DELIVERY_ENV.resourcePrefix]: names.resourcePrefix,
        [DELIVERY_ENV.stagingEndpoint]: names.staging,
        [DELIVERY_ENV.productionEndpoint]: names.production,
        [DELIVERY_ENV.executionRoleArn]: this.executionRole.roleArn,
        [DELIVERY_ENV.modelPackageGroup]: names.group,
        [DELIVERY_ENV.bucket]: data.bucketName,
        [DELIVERY_ENV.smokeTestKey]: SMOKE_TEST_KEY,
        [DELIVERY_ENV.learner]: this.learner ?? 'none',
        [DELIVERY_ENV.lab]: this.lab.id,
      },
    });
    const fn = this.deliveryFunction;
    const deployed = [arn('sagemaker', `model/${names.resourcePrefix}-*`), arn('sagemaker', `endpoint-config/${names.resourcePrefix}-*`)];
    const endpoints = [names.staging, names.production].map((n) => arn('sagemaker', `endpoint/${n}`));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DescribeModelPackage'], resources: [versions] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:CreateModel', 'sagemaker:AddTags'], resources: [deployed[0]] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sagemaker:CreateEndpointConfig'],
        resources: [deployed[1]],
        conditions: {
          NumericLessThanEquals: { 'sagemaker:ServerlessMemorySize': SERVERLESS.memorySizeInMB, 'sagemaker:ServerlessMaxConcurrency': SERVERLESS.maxConcurrency },
        },
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:AddTags'], resources: [deployed[1], ...endpoints] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sagemaker:CreateEndpoint', 'sagemaker:UpdateEndpoint'], resources: [deployed[1], ...endpoints] }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DescribeEndpoint'], resources: endpoints }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:InvokeEndpoint'], resources: [endpoints[0]] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.executionRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
    );
    data.grantRead(fn, SMOKE_TEST_KEY);

    const sourceOutput = new codepipeline.Artifact('ApprovalRecord');
    const modelVariable = new codepipeline.Variable({
      variableName: MODEL_PACKAGE_VARIABLE,
      description: 'The approved model package version (set by the approval trigger)',
      defaultValue: 'none',
    });
    const step = (name: string, parameters: Record<string, string>, runOrder?: number) =>
      new actions.LambdaInvokeAction({ actionName: name, lambda: fn, userParameters: parameters, runOrder });
    this.deliveryPipeline = new codepipeline.Pipeline(this, 'DeliveryPipeline', {
      pipelineType: codepipeline.PipelineType.V2,
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket: this.delivery,
      variables: [modelVariable],
      restartExecutionOnUpdate: false,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.S3SourceAction({
              actionName: SOURCE_ACTION,
              // The source object lives in the data bucket, the artifacts in the delivery bucket: one bucket
              // each, so each role's grant on it is one statement of read or read-write actions.
              bucket: data,
              bucketKey: APPROVAL_RECORD_KEY,
              output: sourceOutput,
              trigger: actions.S3Trigger.NONE,
            }),
          ],
        },
        {
          stageName: 'Staging',
          actions: [
            step('DeployStaging', { action: 'deploy', target: 'staging', modelPackageArn: modelVariable.reference() }, 1),
            step('SmokeTest', { action: 'smoke-test', target: 'staging' }, 2),
          ],
        },
        {
          stageName: 'Approval',
          actions: [new actions.ManualApprovalAction({ actionName: 'PromoteToProduction', additionalInformation: 'Promote the version that passed the staging smoke test?' })],
        },
        {
          stageName: 'Production',
          actions: [step('DeployProduction', { action: 'deploy', target: 'production', modelPackageArn: modelVariable.reference() })],
        },
      ],
    });

    this.trigger = new LabFunction(this, 'ApprovalTrigger', {
      entry: 'lambda/mlops-pipeline/trigger.ts',
      description: 'Lab 07: records an approved model version and starts the delivery pipeline',
      encryptionKey: this.key,
      environment: {
        [TRIGGER_ENV.deliveryPipeline]: this.deliveryPipeline.pipelineName,
        [TRIGGER_ENV.sourceBucket]: data.bucketName,
        [TRIGGER_ENV.sourceKey]: APPROVAL_RECORD_KEY,
        [TRIGGER_ENV.sourceAction]: SOURCE_ACTION,
        [TRIGGER_ENV.modelPackageGroup]: names.group,
      },
    });
    data.grantPut(this.trigger, APPROVAL_RECORD_KEY);
    this.trigger.addToRolePolicy(new iam.PolicyStatement({ actions: ['codepipeline:StartPipelineExecution'], resources: [this.deliveryPipeline.pipelineArn] }));
    this.approvals = new events.Rule(this, 'Approvals', {
      description: 'An Approved version of the lab model package group starts the delivery',
      eventPattern: {
        source: ['aws.sagemaker'],
        detailType: ['SageMaker Model Package State Change'],
        detail: { ModelPackageGroupName: [names.group], ModelApprovalStatus: ['Approved'] },
      },
      targets: [new targets.LambdaFunction(this.trigger, { retryAttempts: 2 })],
    });

    // Destroy: run-time resources first (see lambda/mlops-pipeline/cleanup.ts).
    const cleanupOnEvent = new LabFunction(this, 'CleanupOnEvent', {
      entry: 'lambda/mlops-pipeline/cleanup-on-event.ts',
      description: 'Lab 07 clean-up: records what destroy removes',
      encryptionKey: this.key,
    });
    const cleanupIsComplete = new LabFunction(this, 'CleanupIsComplete', {
      entry: 'lambda/mlops-pipeline/cleanup-is-complete.ts',
      description: 'Lab 07 clean-up: on destroy, stops executions and deletes endpoints, models, versions and jobs',
      encryptionKey: this.key,
      timeout: Duration.minutes(5),
    });
    const c = cleanupIsComplete;
    const executions = arn('sagemaker', `pipeline/${names.pipeline}/execution/*`);
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:ListPipelineExecutions'], resources: [arn('sagemaker', `pipeline/${names.pipeline}`)] }));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:StopPipelineExecution', 'sagemaker:ListPipelineExecutionSteps'], resources: [executions] }));
    c.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['codepipeline:ListPipelineExecutions', 'codepipeline:StopPipelineExecution'], resources: [this.deliveryPipeline.pipelineArn] }),
    );
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DescribeEndpoint', 'sagemaker:DeleteEndpoint'], resources: endpoints }));
    // List calls have no resource-level permissions; the handler filters by the lab's prefix.
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:ListEndpointConfigs', 'sagemaker:ListModels'], resources: ['*'] }));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DeleteEndpointConfig'], resources: [deployed[1]] }));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DeleteModel'], resources: [deployed[0]] }));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:ListModelPackages'], resources: ['*'] }));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DeleteModelPackage'], resources: [versions] }));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DeleteProcessingJob'], resources: [processingJobs] }));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['sagemaker:DeleteTrainingJob'], resources: [trainingJobs] }));
    // The jobs' streams in SageMaker's shared log groups: listing in the two groups, deleting the pipeline jobs' streams.
    const jobLogGroups = [PROCESSING_LOG_GROUP, TRAINING_LOG_GROUP].map((g) => arn('logs', `log-group:${g}`));
    c.addToRolePolicy(new iam.PolicyStatement({ actions: ['logs:DescribeLogStreams'], resources: jobLogGroups.map((g) => `${g}:*`) }));
    c.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['logs:DeleteLogStream'], resources: jobLogGroups.map((g) => `${g}:log-stream:${PIPELINE_JOB_PREFIX}-*`) }),
    );
    const provider = new LabProvider(this, 'CleanupProvider', {
      onEvent: cleanupOnEvent,
      isComplete: cleanupIsComplete,
      encryptionKey: this.key,
      queryInterval: Duration.seconds(30),
      totalTimeout: Duration.minutes(45),
    });
    const cleanupProps: CleanupProperties = {
      PipelineName: names.pipeline,
      DeliveryPipelineName: this.deliveryPipeline.pipelineName,
      ModelPackageGroupName: names.group,
      ResourcePrefix: names.resourcePrefix,
      Endpoints: [names.staging, names.production],
    };
    this.cleanup = new CustomResource(this, 'RunTimeCleanup', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::MlopsRunTimeCleanup',
      properties: cleanupProps,
    });
    // Created after (so deleted before) everything the run-time resources use: the pipelines, the group, the
    // roles and functions that act, the endpoints' log groups, the buckets' contents.
    this.cleanup.node.addDependency(
      this.pipeline,
      this.modelPackageGroup,
      this.deliveryPipeline,
      this.approvals,
      this.pipelineRole,
      this.executionRole,
      fn,
      this.trigger,
      smoke,
      ...endpointLogs,
    );

    network.cleanUpAfter([this.pipeline]);
    data.emptiedAfter(this.cleanup, this.pipeline, this.executionRole, this.pipelineRole, fn, this.trigger);
    this.delivery.emptiedAfter(this.cleanup, this.deliveryPipeline);

    const pipelineRoles = this.deliveryPipeline.node.findAll().filter((c): c is iam.Role => c instanceof iam.Role);
    const invokeActionRoles = pipelineRoles.filter((r) => /\/(Staging|Production)\//.test(r.node.path));
    const sourceRole = pipelineRoles.find((r) => r.node.path.includes(`/Source/${SOURCE_ACTION}/`))!;
    const deliveryRole = this.deliveryPipeline.role as iam.Role;
    acknowledgeMlopsPipeline({
      grantRoles: [this.pipelineRole, fn.role!, this.trigger.role!, deliveryRole, sourceRole],
      invokeActionRoles,
      runTimeNameRoles: [this.pipelineRole, fn.role!, cleanupIsComplete.role!],
      artifactRoles: [deliveryRole, sourceRole].map((role) => ({ role, bucket: this.delivery })),
      invokedFunction: fn,
      functions: [
        { fn, calls: 'the SageMaker and SageMaker Runtime APIs, S3 and CodePipeline' },
        { fn: this.trigger, calls: 'S3 and CodePipeline' },
        { fn: cleanupOnEvent, calls: 'nothing (it only returns the resource id)' },
        { fn: cleanupIsComplete, calls: 'the SageMaker and CodePipeline APIs' },
      ],
    });

    this.addOutputs(MLOPS_OUTPUTS, {
      pipeline: names.pipeline,
      modelPackageGroup: names.group,
      deliveryPipeline: this.deliveryPipeline.pipelineName,
      stagingEndpoint: names.staging,
      productionEndpoint: names.production,
      dataBucket: data.bucketName,
      smokeTestKey: SMOKE_TEST_KEY,
    });
  }
}
