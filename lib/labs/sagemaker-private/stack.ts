import type { TrainingInstanceType } from '@aws-sdk/client-sagemaker';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import type { Construct } from 'constructs';
import { TRAINING_LOG_GROUP } from '../../../lambda/sagemaker-job/properties';
import { contextOption } from '../../config';
import { LabLogGroup } from '../../constructs/lab-log-group';
import type { PrivateVpc } from '../../constructs/private-vpc';
import { SampleData } from '../../constructs/sample-data';
import { SecureBucket } from '../../constructs/secure-bucket';
import { acknowledgeSageMakerExecutionRole } from '../../validation/acknowledgements';
import { LabStack, type LabStackProps } from '../lab-stack';
import { SAGEMAKER_OUTPUTS } from './outputs';
import { INTERFACE_ENDPOINTS } from './options';
import { IDLE_HOURS } from '../../safety/idle';
import { SageMakerJob } from '../../constructs/sagemaker-job';
import { SageMakerExecutionRole } from '../../constructs/sagemaker-execution-role';
import { SAGEMAKER_INTERFACE_ENDPOINTS, SageMakerNetwork } from '../../constructs/sagemaker-network';
import { csvChannels, type XGBoostImage, xgboostImage } from '../../constructs/xgboost-image';
import { IdleStackDelete } from '../../constructs/idle-stack-delete';

/** The train and validation channels, uploaded to `input/` (test rows stay local for `verify`). */
export const TRAINING_DATA_FOLDER = 'labs/03-sagemaker-private/data/channels';

/** ml.m5.large: the cheapest general-purpose training instance; EBS-only, so the volume takes the lab key. */
export const TRAINING_INSTANCE_TYPE: TrainingInstanceType = 'ml.m5.large';
/** ml.t2.medium: the cheapest real-time hosting instance; EBS-only, so KmsKeyId is accepted. */
export const HOSTING_INSTANCE_TYPE = 'ml.t2.medium';

/** XGBoost hyperparameters: a small boosted-tree model for a binary label. */
export const HYPERPARAMETERS: Readonly<Record<string, string>> = {
  objective: 'binary:logistic',
  eval_metric: 'auc',
  num_round: '60',
  max_depth: '4',
  eta: '0.2',
  min_child_weight: '2',
  subsample: '0.8',
};

/**
 * Lab 03: an XGBoost model trained and hosted by SageMaker inside a VPC that has no route to the
 * internet. `cdk deploy` generates nothing at run time by hand: it uploads the training data, trains
 * (a custom resource that waits for the training job), creates the model, and deploys a real-time
 * endpoint with data capture. Everything is encrypted with the lab key.
 */
export class SageMakerPrivateStack extends LabStack {
  readonly vpc: PrivateVpc;
  /** The security group of the training job's and the endpoint's network interfaces. */
  readonly securityGroup: ec2.SecurityGroup;
  readonly executionRole: iam.Role;
  readonly trainingJob: SageMakerJob<'training'>;
  readonly endpoint: sagemaker.CfnEndpoint;
  readonly endpointLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const image = xgboostImage(this.region, this.urlSuffix);
    const interfaceEndpoints = contextOption(this, INTERFACE_ENDPOINTS);

    const data = new SecureBucket(this, 'Data', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    const artifacts = new SecureBucket(this, 'Artifacts', {
      encryptionKey: this.key,
      accessLogsBucket: this.accessLogsBucket,
    });

    // Training data, model artifacts and captured requests: the lab's two buckets are all the S3 endpoint reaches
    // (the same section of https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html covers the endpoint).
    const network = new SageMakerNetwork(this, { encryptionKey: this.key, buckets: [data, artifacts], endpointStatementId: 'ThisLabsBucketsOnly' });
    this.vpc = network.vpc;
    this.securityGroup = network.securityGroup;
    if (interfaceEndpoints) {
      network.addInterfaceEndpoints(SAGEMAKER_INTERFACE_ENDPOINTS);
    }
    const { vpcConfig } = network;

    // SageMaker creates this group when the endpoint starts; creating it first, under a name fixed in
    // advance, makes it encrypted, gives it a retention period, and lets `cdk destroy` delete it.
    const endpointName = this.uniqueName('endpoint', { style: 'kebab', maxLength: 63 });
    this.endpointLogGroup = new LabLogGroup(this, 'EndpointLogs', {
      encryptionKey: this.key,
      logGroupName: `/aws/sagemaker/Endpoints/${endpointName}`,
    });

    const jobNamePrefix = this.uniqueName('xgboost', { style: 'kebab', maxLength: 50 });
    this.executionRole = this.createExecutionRole({ data, artifacts, jobNamePrefix, image });

    const upload = new SampleData(this, 'TrainingData', {
      source: TRAINING_DATA_FOLDER,
      destinationBucket: data,
      destinationKeyPrefix: 'input/',
    });

    this.trainingJob = SageMakerJob.training(this, 'TrainingJob', {
      jobNamePrefix,
      role: this.executionRole,
      encryptionKey: this.key,
      instanceType: TRAINING_INSTANCE_TYPE,
      vpcConfig,
      dataFingerprint: upload.fingerprint,
      request: {
        AlgorithmSpecification: { TrainingImage: image.uri, TrainingInputMode: 'File' },
        HyperParameters: { ...HYPERPARAMETERS },
        InputDataConfig: csvChannels((key) => data.s3UrlForObject(key), 'input/'),
        outputPath: artifacts.s3UrlForObject('training-output/'),
        volumeSizeInGB: 5,
        StoppingCondition: { MaxRuntimeInSeconds: 1800 },
        Tags: [
          { Key: 'project', Value: 'ml-lab-kit' },
          { Key: 'lab', Value: this.lab.id },
          { Key: 'learner', Value: this.learner ?? 'none' },
        ],
      },
    });
    this.trainingJob.startsAfter(upload);

    const model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: this.executionRole.roleArn,
      primaryContainer: { image: image.uri, modelDataUrl: this.trainingJob.modelArtifacts },
      vpcConfig: { subnets: vpcConfig.subnets, securityGroupIds: vpcConfig.securityGroupIds },
      enableNetworkIsolation: true,
    });
    model.node.addDependency(this.executionRole);

    const endpointConfig = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      kmsKeyId: this.key.keyArn,
      productionVariants: [
        {
          variantName: 'AllTraffic',
          modelName: model.attrModelName,
          initialInstanceCount: 1,
          initialVariantWeight: 1,
          instanceType: HOSTING_INSTANCE_TYPE,
        },
      ],
      dataCaptureConfig: {
        enableCapture: true,
        initialSamplingPercentage: 100,
        destinationS3Uri: artifacts.s3UrlForObject('data-capture'),
        kmsKeyId: this.key.keyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
        captureContentTypeHeader: { csvContentTypes: ['text/csv'] },
      },
    });

    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName,
      endpointConfigName: endpointConfig.attrEndpointConfigName,
    });
    this.endpoint.node.addDependency(this.endpointLogGroup, this.executionRole);

    // The endpoint bills by the hour: after -c idleHours (default 2) without an invocation the lab deletes
    // its own stack; -c idleHours=0 turns this off.
    const idleHours = contextOption(this, IDLE_HOURS);
    if (idleHours > 0) {
      new IdleStackDelete(this, 'IdleDelete', { endpointName: this.endpoint.attrEndpointName, idleHours, encryptionKey: this.key });
    }

    network.cleanUpAfter([this.trainingJob, model, this.endpoint], [this.endpointLogGroup]);
    // The training job writes the model and the endpoint its captured data: destroy deletes them and the
    // execution role's permissions before it empties the artifacts bucket.
    artifacts.emptiedAfter(this.trainingJob.customResource, model, this.endpoint, this.executionRole);

    this.addOutputs(SAGEMAKER_OUTPUTS, {
      trainingJob: this.trainingJob.jobName,
      modelArtifacts: this.trainingJob.modelArtifacts,
      endpoint: this.endpoint.attrEndpointName,
      endpointLogGroup: this.endpointLogGroup.logGroupName,
      dataBucket: data.bucketName,
      artifactsBucket: artifacts.bucketName,
      vpc: this.vpc.vpcId,
      securityGroup: this.securityGroup.securityGroupId,
    });
  }

  /** The role SageMaker assumes for the training job and the endpoint, with their buckets' prefixes. */
  private createExecutionRole(resources: {
    data: SecureBucket;
    artifacts: SecureBucket;
    jobNamePrefix: string;
    image: XGBoostImage;
  }): iam.Role {
    const { data, artifacts, jobNamePrefix, image } = resources;
    const role = new SageMakerExecutionRole(this, 'ExecutionRole', {
      description: 'SageMaker execution role of the lab training job and endpoint',
      encryptionKey: this.key,
      vpc: this.vpc,
      image,
      // The job's logs go to the shared group /aws/sagemaker/TrainingJobs, streams named after the job;
      // the endpoint's to its own group, created by this stack.
      sharedLogs: [{ logGroupName: TRAINING_LOG_GROUP, streamPrefix: jobNamePrefix }],
      ownLogGroups: [this.endpointLogGroup],
    });
    // Training reads the channels and writes the model; hosting reads the model and writes captures.
    data.grantRead(role, 'input/*');
    artifacts.grantRead(role, 'training-output/*');
    artifacts.grantPut(role, 'training-output/*');
    artifacts.grantPut(role, 'data-capture/*');
    acknowledgeSageMakerExecutionRole(role, ['/input/*', '/training-output/*', '/data-capture/*']);
    return role;
  }
}

