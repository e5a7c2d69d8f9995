import type { TrainingInstanceType } from '@aws-sdk/client-sagemaker';
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  TRAINING_LOG_GROUP,
  type TrainingJobProperties,
  type TrainingJobRequest,
} from '../../lambda/training-job/properties';
import { LabFunction } from './lab-function';
import { LabProvider } from './lab-provider';
import {
  acknowledgeFunctionOutsideVpc,
  acknowledgeTrainingJobHandler,
  acknowledgeTrainingLogCleanup,
} from '../validation/acknowledgements';

export interface TrainingJobProps {
  /** The isolated subnets and the security group the job's network interfaces go in. */
  readonly vpcConfig: { readonly subnets: readonly string[]; readonly securityGroupIds: readonly string[] };
  /** Pick one without local NVMe storage: those reject a volume KMS key. */
  readonly instanceType: TrainingInstanceType;
  /** Encrypts the training volume and the model artifact. */
  readonly encryptionKey: kms.IKey;
  /** Job names are `<prefix>-<hash of the configuration>`; lowercase, at most 50 characters. */
  readonly jobNamePrefix: string;
  /** The SageMaker execution role the job runs as. */
  readonly role: iam.IRole;
  /** Algorithm, hyperparameters, channels, output path, volume size, maximum runtime, tags. */
  readonly request: Omit<
    TrainingJobRequest,
    'RoleArn' | 'VpcConfig' | 'EnableNetworkIsolation' | 'EnableInterContainerTrafficEncryption' | 'ResourceConfig' | 'OutputDataConfig'
  > & {
    readonly outputPath: string;
    readonly volumeSizeInGB: number;
  };
  /** Changes when the training data changes, so that new data trains a new job. */
  readonly dataFingerprint: string;
  /**
   * How long the deployment waits for the job (provisioning, download, training, upload).
   * @default 40 minutes
   */
  readonly timeout?: Duration;
}

/**
 * A SageMaker training job as a deploy-time resource. CloudFormation has no training-job resource, so
 * this is a custom resource (CDK Provider framework, onEvent + isComplete): `cdk deploy` starts the job
 * and waits for it; the model artifact is `modelArtifacts`. The job always runs in the lab VPC with
 * network isolation, inter-container traffic encryption, and the lab key on its volume and output; the
 * handler's role can only create jobs that way (IAM condition keys), only with this lab's job names.
 */
export class TrainingJob extends Construct {
  /** S3 URI of model.tar.gz. */
  readonly modelArtifacts: string;
  readonly trainingJobName: string;
  /** The full CreateTrainingJob request, as sent (without the name). */
  readonly request: TrainingJobRequest;
  private readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: TrainingJobProps) {
    super(scope, id);
    if (props.jobNamePrefix.length > 50 || !/^[a-z0-9](-*[a-z0-9])*$/.test(props.jobNamePrefix)) {
      throw new Error(
        `TrainingJob ${id}: jobNamePrefix "${props.jobNamePrefix}" must be 1-50 lowercase letters, digits or hyphens.`,
      );
    }
    const { encryptionKey, instanceType, vpcConfig } = props;
    const { outputPath, volumeSizeInGB, ...rest } = props.request;
    this.request = {
      ...rest,
      RoleArn: props.role.roleArn,
      ResourceConfig: {
        InstanceType: instanceType,
        InstanceCount: 1,
        VolumeSizeInGB: volumeSizeInGB,
        VolumeKmsKeyId: encryptionKey.keyArn,
      },
      OutputDataConfig: { S3OutputPath: outputPath, KmsKeyId: encryptionKey.keyArn },
      VpcConfig: { Subnets: [...vpcConfig.subnets], SecurityGroupIds: [...vpcConfig.securityGroupIds] },
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
    };

    const onEvent = new LabFunction(this, 'OnEvent', {
      entry: 'lambda/training-job/on-event.ts',
      description: 'Training job resource: starts the SageMaker training job, stops it on delete',
      encryptionKey,
    });
    const isComplete = new LabFunction(this, 'IsComplete', {
      entry: 'lambda/training-job/is-complete.ts',
      description: 'Training job resource: waits for the SageMaker training job; on delete, deletes it and its log streams',
      encryptionKey,
    });
    this.grantHandlers(onEvent, isComplete, props);

    const provider = new LabProvider(this, 'Provider', {
      onEvent,
      isComplete,
      encryptionKey,
      queryInterval: Duration.seconds(30),
      totalTimeout: props.timeout ?? Duration.minutes(40),
    });
    const properties: TrainingJobProperties = {
      JobNamePrefix: props.jobNamePrefix,
      TrainingJobRequest: Stack.of(this).toJsonString(this.request),
      DataFingerprint: props.dataFingerprint,
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::SageMakerTrainingJob',
      properties,
    });
    // The execution role's policy must be in place before SageMaker uses the role.
    this.resource.node.addDependency(props.role);
    this.modelArtifacts = this.resource.getAttString('ModelArtifacts');
    this.trainingJobName = this.resource.getAttString('TrainingJobName');
  }

  /** The job starts only after `dependencies` (the training data upload, the network) exist. */
  startsAfter(...dependencies: Construct[]): void {
    this.resource.node.addDependency(...dependencies);
  }

  /** The resource itself, for ordering (see EniCleanup). */
  get customResource(): CustomResource {
    return this.resource;
  }

  private grantHandlers(onEvent: LabFunction, isComplete: LabFunction, props: TrainingJobProps): void {
    const { partition, region, account } = Stack.of(this);
    const jobs = `arn:${partition}:sagemaker:${region}:${account}:training-job/${props.jobNamePrefix}-*`;
    const keyArn = props.encryptionKey.keyArn;
    // The role can start a job only with the lab's isolation and encryption settings (SageMaker
    // condition keys), so a bug in the handler cannot start an unprotected job.
    onEvent.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'CreateIsolatedEncryptedJobsOnly',
        actions: ['sagemaker:CreateTrainingJob'],
        resources: [jobs],
        conditions: {
          Bool: { 'sagemaker:NetworkIsolation': 'true', 'sagemaker:InterContainerTrafficEncryption': 'true' },
          'ForAllValues:StringEquals': {
            'sagemaker:VpcSubnets': props.vpcConfig.subnets,
            'sagemaker:VpcSecurityGroupIds': props.vpcConfig.securityGroupIds,
            'sagemaker:InstanceTypes': [props.instanceType],
          },
          Null: { 'sagemaker:VpcSubnets': 'false', 'sagemaker:VpcSecurityGroupIds': 'false' },
          StringEquals: { 'sagemaker:VolumeKmsKey': keyArn, 'sagemaker:OutputKmsKey': keyArn },
        },
      }),
    );
    onEvent.addToRolePolicy(
      new iam.PolicyStatement({
        // Tags are written with the job (CreateTrainingJob with Tags needs AddTags).
        actions: ['sagemaker:AddTags', 'sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob'],
        resources: [jobs],
      }),
    );
    isComplete.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob', 'sagemaker:DeleteTrainingJob'],
        resources: [jobs],
      }),
    );
    // Destroy removes what the job wrote at run time: its streams in the shared training log group.
    const trainingLogs = `arn:${partition}:logs:${region}:${account}:log-group:${TRAINING_LOG_GROUP}`;
    isComplete.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['logs:DescribeLogStreams'], resources: [`${trainingLogs}:*`] }),
    );
    isComplete.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['logs:DeleteLogStream'],
        resources: [`${trainingLogs}:log-stream:${props.jobNamePrefix}-*`],
      }),
    );
    onEvent.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [props.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
    );
    // SageMaker checks that the caller may use the key it names for the volume and the output.
    onEvent.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [keyArn] }));
    onEvent.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:CreateGrant'],
        resources: [keyArn],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
    for (const fn of [onEvent, isComplete]) {
      acknowledgeFunctionOutsideVpc(fn, 'the SageMaker API');
      acknowledgeTrainingJobHandler(fn.role!, jobs);
    }
    acknowledgeTrainingLogCleanup(isComplete.role!, [`${trainingLogs}:*`, `${trainingLogs}:log-stream:${props.jobNamePrefix}-*`]);
  }
}
