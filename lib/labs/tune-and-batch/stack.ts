import { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import type { Construct } from 'constructs';
import { TRAINING_LOG_GROUP, TRANSFORM_LOG_GROUP } from '../../../lambda/sagemaker-job/properties';
import { contextOption } from '../../config';
import type { PrivateVpc } from '../../constructs/private-vpc';
import { SageMakerExecutionRole } from '../../constructs/sagemaker-execution-role';
import { SageMakerJob } from '../../constructs/sagemaker-job';
import { SageMakerNetwork } from '../../constructs/sagemaker-network';
import { SampleData } from '../../constructs/sample-data';
import { SecureBucket } from '../../constructs/secure-bucket';
import { csvChannels, xgboostImage } from '../../constructs/xgboost-image';
import { acknowledgeSageMakerExecutionRole } from '../../validation/acknowledgements';
import { LabStack, type LabStackProps } from '../lab-stack';
import { TUNE_AND_BATCH_OUTPUTS } from './outputs';
import { SPOT } from './options';
import {
  BUDGET,
  MAX_RUNTIME_SECONDS,
  OBJECTIVE,
  RANGES,
  SPOT_MAX_WAIT_SECONDS,
  STATIC_HYPERPARAMETERS,
  TRAINING_INSTANCE_TYPE,
  TRANSFORM_INSTANCE_TYPE,
  TUNING_MAX_RUNTIME_SECONDS,
  TUNING_TIMEOUT_MINUTES,
} from './tuning';

/** The train and validation channels, uploaded to `input/`. */
export const CHANNELS_FOLDER = 'labs/05-tune-and-batch/data/channels';
/** The held-out test rows (label first), uploaded to `batch-input/` for the batch transform. */
export const TEST_FOLDER = 'labs/05-tune-and-batch/data/test';

/** The bucket prefixes, one per purpose, so the execution role gets each only for what it does. */
export const PREFIXES = {
  channels: 'input/',
  tuningOutput: 'tuning-output/',
  batchInput: 'batch-input/',
  batchOutput: 'batch-output/',
} as const;

/**
 * Lab 05: automatic model tuning and batch transform in the private network of lab 03. `cdk deploy`
 * uploads the data, runs a Bayesian hyperparameter tuning job (every training job in the VPC, isolated,
 * encrypted), turns the best training job into a model, and scores the held-out test set with a batch
 * transform job whose output joins each input row to its prediction. No endpoint: nothing costs by the
 * hour while the stack exists.
 */
export class TuneAndBatchStack extends LabStack {
  readonly vpc: PrivateVpc;
  readonly securityGroup: ec2.SecurityGroup;
  readonly executionRole: iam.Role;
  readonly data: SecureBucket;
  readonly tuningJob: SageMakerJob<'tuning'>;
  readonly model: sagemaker.CfnModel;
  readonly transformJob: SageMakerJob<'transform'>;
  /** True with `-c spot=true`: the tuning job's training jobs use managed spot capacity. */
  readonly spot: boolean;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const image = xgboostImage(this.region, this.urlSuffix);
    this.spot = contextOption(this, SPOT);

    this.data = new SecureBucket(this, 'Data', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    const data = this.data;

    // Channels, model artifacts and batch data: the lab bucket is all the S3 endpoint reaches
    // (https://docs.aws.amazon.com/sagemaker/latest/dg/batch-vpc.html has the same advice for transforms).
    const network = new SageMakerNetwork(this, {
      encryptionKey: this.key,
      buckets: [data],
      endpointStatementId: 'ThisLabsBucketOnly',
      securityGroupDescription: 'SageMaker tuning and batch transform: self traffic and HTTPS to S3 only',
    });
    this.vpc = network.vpc;
    this.securityGroup = network.securityGroup;
    const { vpcConfig } = network;

    // A tuning job's name is at most 32 characters and its training jobs add "-<NNN>-<hash>": the prefix
    // is short, with the learner first. It contains a hyphen, which learner names cannot, so no other
    // learner's prefix starts with this one (the handler's role is scoped to `<prefix>-*`).
    const tuningPrefix = `${this.learner ? `${this.learner}-` : ''}l05-tune`;
    const transformPrefix = this.uniqueName('transform', { style: 'kebab', maxLength: 50 });

    this.executionRole = new SageMakerExecutionRole(this, 'ExecutionRole', {
      description: 'SageMaker execution role of the lab tuning job, model and batch transform',
      encryptionKey: this.key,
      vpc: this.vpc,
      image,
      sharedLogs: [
        { logGroupName: TRAINING_LOG_GROUP, streamPrefix: tuningPrefix },
        { logGroupName: TRANSFORM_LOG_GROUP, streamPrefix: transformPrefix },
      ],
    });
    // Training reads the channels and writes models; the transform reads the model and the test rows and
    // writes the scored rows. Reads and writes without deletes: nothing the jobs do removes objects (no
    // checkpoints, see the training definition below).
    data.grantRead(this.executionRole, `${PREFIXES.channels}*`);
    data.grantRead(this.executionRole, `${PREFIXES.tuningOutput}*`);
    data.grantPut(this.executionRole, `${PREFIXES.tuningOutput}*`);
    data.grantRead(this.executionRole, `${PREFIXES.batchInput}*`);
    data.grantPut(this.executionRole, `${PREFIXES.batchOutput}*`);
    acknowledgeSageMakerExecutionRole(
      this.executionRole,
      Object.values(PREFIXES).map((p) => `/${p}*`),
    );

    const channels = new SampleData(this, 'TrainingData', { source: CHANNELS_FOLDER, destinationBucket: data, destinationKeyPrefix: PREFIXES.channels });
    const testRows = new SampleData(this, 'TestData', { source: TEST_FOLDER, destinationBucket: data, destinationKeyPrefix: PREFIXES.batchInput });
    const tags = [
      { Key: 'project', Value: 'ml-lab-kit' },
      { Key: 'lab', Value: this.lab.id },
      { Key: 'learner', Value: this.learner ?? 'none' },
    ];

    this.tuningJob = SageMakerJob.tuning(this, 'TuningJob', {
      jobNamePrefix: tuningPrefix,
      role: this.executionRole,
      encryptionKey: this.key,
      instanceType: TRAINING_INSTANCE_TYPE,
      vpcConfig,
      dataFingerprint: channels.fingerprint,
      // Longer than the tuning job can run (ResourceLimits below), shorter than CloudFormation's hour: see
      // tuning.ts and test/labs/05-tune-and-batch/worst-case.test.ts.
      timeout: Duration.minutes(TUNING_TIMEOUT_MINUTES),
      request: {
        HyperParameterTuningJobConfig: {
          Strategy: 'Bayesian',
          HyperParameterTuningJobObjective: OBJECTIVE,
          ResourceLimits: {
            MaxNumberOfTrainingJobs: BUDGET.maxJobs,
            MaxParallelTrainingJobs: BUDGET.parallelJobs,
            MaxRuntimeInSeconds: TUNING_MAX_RUNTIME_SECONDS,
          },
          ParameterRanges: { ...RANGES },
          // SageMaker stops training jobs that are unlikely to beat the best one so far.
          TrainingJobEarlyStoppingType: 'Auto',
        },
        TrainingJobDefinition: {
          AlgorithmSpecification: { TrainingImage: image.uri, TrainingInputMode: 'File' },
          StaticHyperParameters: { ...STATIC_HYPERPARAMETERS },
          InputDataConfig: csvChannels((key) => data.s3UrlForObject(key), PREFIXES.channels),
          outputPath: data.s3UrlForObject(PREFIXES.tuningOutput),
          volumeSizeInGB: 5,
          ...(this.spot
            ? {
                // Managed spot training: MaxWaitTimeInSeconds (waiting for capacity plus training) must be
                // at least MaxRuntimeInSeconds
                // (https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html).
                //
                // No CheckpointConfig, on purpose. A tuning job has one training definition, so every one of
                // its training jobs would get the same checkpoint S3 URI; SageMaker copies what is there into
                // each new job's container at start (https://docs.aws.amazon.com/sagemaker/latest/dg/model-checkpoints.html),
                // and nothing in the API reference, the developer guide or the SageMaker Python SDK (which
                // passes checkpoint_s3_uri through unchanged) says a tuning job adds a per-job sub-path. The
                // XGBoost container resumes from the newest checkpoint it finds (load_checkpoint in
                // aws/sagemaker-xgboost-container, src/sagemaker_xgboost_container/checkpointing.py), so a
                // later job could continue an earlier job's model under other hyperparameters. A job here
                // trains for a few minutes, and a built-in algorithm without checkpoints may wait up to
                // 3600 seconds for spot capacity (model-managed-spot-training.html): an interrupted job
                // starts over, at most SPOT_MAX_WAIT_SECONDS after it was created.
                EnableManagedSpotTraining: true,
                StoppingCondition: { MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS, MaxWaitTimeInSeconds: SPOT_MAX_WAIT_SECONDS },
              }
            : { StoppingCondition: { MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS } }),
        },
        Tags: tags,
      },
    });
    this.tuningJob.startsAfter(channels);

    this.model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: this.executionRole.roleArn,
      primaryContainer: { image: image.uri, modelDataUrl: this.tuningJob.modelArtifacts },
      vpcConfig: { subnets: vpcConfig.subnets, securityGroupIds: vpcConfig.securityGroupIds },
      enableNetworkIsolation: true,
    });
    this.model.node.addDependency(this.executionRole);

    this.transformJob = SageMakerJob.transform(this, 'TransformJob', {
      jobNamePrefix: transformPrefix,
      encryptionKey: this.key,
      instanceType: TRANSFORM_INSTANCE_TYPE,
      dataFingerprint: testRows.fingerprint,
      request: {
        ModelName: this.model.attrModelName,
        // Many CSV lines per request (up to MaxPayloadInMB), split on line breaks; the output is
        // assembled line by line, so row i of the output belongs to row i of the input.
        BatchStrategy: 'MultiRecord',
        MaxPayloadInMB: 6,
        TransformInput: {
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: data.s3UrlForObject(PREFIXES.batchInput) } },
          ContentType: 'text/csv',
          CompressionType: 'None',
          SplitType: 'Line',
        },
        TransformOutput: { S3OutputPath: data.s3UrlForObject(PREFIXES.batchOutput), Accept: 'text/csv', AssembleWith: 'Line' },
        // The model gets every column but the first (the label); the output joins the whole input row,
        // label included, to the prediction, so `verify` evaluates it without another join
        // (https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform-data-processing.html).
        DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input' },
        Tags: tags,
      },
    });
    this.transformJob.startsAfter(testRows, this.model);

    network.cleanUpAfter([this.tuningJob, this.model, this.transformJob]);
    // The tuning job's training jobs write models, the transform job its output: destroy
    // deletes them and the execution role's permissions before it empties the bucket (else BucketNotEmpty).
    data.emptiedAfter(this.tuningJob.customResource, this.model, this.transformJob.customResource, this.executionRole);

    this.addOutputs(TUNE_AND_BATCH_OUTPUTS, {
      tuningJob: this.tuningJob.jobName,
      bestTrainingJob: this.tuningJob.bestTrainingJobName,
      model: this.model.attrModelName,
      transformJob: this.transformJob.jobName,
      transformOutput: this.transformJob.outputPath,
      dataBucket: data.bucketName,
      vpc: this.vpc.vpcId,
      securityGroup: this.securityGroup.securityGroupId,
    });
  }
}
