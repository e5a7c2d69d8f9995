import type {
  HyperParameterTrainingJobDefinition,
  TrainingInstanceType,
  TransformInstanceType,
  TransformOutput,
} from '@aws-sdk/client-sagemaker';
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  type JobKind,
  type JobRequests,
  maxPrefixLength,
  type SageMakerJobAttributes,
  type SageMakerJobProperties,
  TRAINING_LOG_GROUP,
  TRANSFORM_LOG_GROUP,
} from '../../lambda/sagemaker-job/properties';
import { LabFunction } from './lab-function';
import { LabProvider } from './lab-provider';
import {
  acknowledgeFunctionOutsideVpc,
  acknowledgeSageMakerJobHandler,
  acknowledgeJobLogCleanup,
} from '../validation/acknowledgements';

/** The isolated subnets and the security group a job's network interfaces go in. */
export interface JobVpcConfig {
  readonly subnets: readonly string[];
  readonly securityGroupIds: readonly string[];
}

/** What every kind of job needs. */
export interface SageMakerJobCommonProps {
  /**
   * Job names are `<prefix>-<hash of the configuration>`; lowercase letters, digits and hyphens, at most
   * 50 characters (19 for a tuning job, whose names are limited to 32).
   */
  readonly jobNamePrefix: string;
  /** Encrypts the job's volumes and output. */
  readonly encryptionKey: kms.IKey;
  /** Changes when the input data changes, so that new data starts a new job. */
  readonly dataFingerprint: string;
  /**
   * How long the deployment waits for the job.
   * @default 40 minutes
   */
  readonly timeout?: Duration;
}

/** The fields of a training definition the construct sets itself, so a lab cannot weaken them. */
type SecuredTrainingFields =
  | 'RoleArn'
  | 'VpcConfig'
  | 'EnableNetworkIsolation'
  | 'EnableInterContainerTrafficEncryption'
  | 'ResourceConfig'
  | 'OutputDataConfig';

/** Where a training job writes, and its volume. */
interface TrainingOutput {
  readonly outputPath: string;
  readonly volumeSizeInGB: number;
}

export interface TrainingJobProps extends SageMakerJobCommonProps {
  readonly vpcConfig: JobVpcConfig;
  /** Pick one without local NVMe storage: those reject a volume KMS key. */
  readonly instanceType: TrainingInstanceType;
  /** The SageMaker execution role the job runs as. */
  readonly role: iam.IRole;
  /** Algorithm, hyperparameters, channels, output path, volume size, stopping condition, tags. */
  readonly request: Omit<JobRequests['training'], SecuredTrainingFields> & TrainingOutput;
}

export interface TuningJobProps extends SageMakerJobCommonProps {
  readonly vpcConfig: JobVpcConfig;
  /** Every training job of the tuning job runs on this type. */
  readonly instanceType: TrainingInstanceType;
  /** The SageMaker execution role the training jobs run as. */
  readonly role: iam.IRole;
  /** Strategy, objective, ranges, budget; and the training definition without its secured fields. */
  readonly request: Omit<JobRequests['tuning'], 'TrainingJobDefinition'> & {
    readonly TrainingJobDefinition: Omit<HyperParameterTrainingJobDefinition, SecuredTrainingFields> & TrainingOutput;
  };
}

export interface TransformJobProps extends SageMakerJobCommonProps {
  /** The transform runs on `instanceCount` instances of this type. Pick one without local NVMe storage. */
  readonly instanceType: TransformInstanceType;
  /**
   * Model, input, data processing, batch settings, tags; the output without its key. The job's network
   * (VPC, isolation) is the model's: see CreateModel.
   */
  readonly request: Omit<JobRequests['transform'], 'TransformResources' | 'TransformOutput'> & {
    readonly TransformOutput: Omit<TransformOutput, 'KmsKeyId'>;
  };
}

/** The SageMaker resource type of each kind, as in its ARN. */
const RESOURCE_TYPES: Readonly<Record<JobKind, string>> = {
  training: 'training-job',
  tuning: 'hyper-parameter-tuning-job',
  transform: 'transform-job',
};

const CUSTOM_RESOURCE_TYPES: Readonly<Record<JobKind, string>> = {
  training: 'Custom::SageMakerTrainingJob',
  tuning: 'Custom::SageMakerTuningJob',
  transform: 'Custom::SageMakerTransformJob',
};

interface JobResourceProps<K extends JobKind> extends SageMakerJobCommonProps {
  readonly kind: K;
  readonly request: JobRequests[K];
  readonly instanceType: string;
  /** The execution role the handler may pass (training, tuning); none for a transform. */
  readonly role?: iam.IRole;
  /** Conditions on the Create call beyond the instance type and the keys. */
  readonly networkConditions?: JobVpcConfig;
}

/**
 * A SageMaker job as a deploy-time resource: a training job, a hyperparameter tuning job or a batch
 * transform job. CloudFormation has no resource for any of them, so this is a custom resource (CDK
 * Provider framework, onEvent + isComplete; one handler for all kinds, `lambda/sagemaker-job/`):
 * `cdk deploy` starts the job and waits for it, a changed configuration or data set starts a new job,
 * a failed or stopped job fails the deploy with SageMaker's reason, and destroy stops a running job and
 * deletes what it left (job records, log streams).
 *
 * Use the factories, which set the security fields themselves: `SageMakerJob.training`, `.tuning` and
 * `.transform`. Training and tuning jobs always run in the lab VPC with network isolation,
 * inter-container traffic encryption, and the lab key on volume and output; a transform job always
 * encrypts volume and output with the lab key. The handler's role can start only such jobs (IAM
 * condition keys), only with this lab's job names, and pass only the execution role.
 */
export class SageMakerJob<K extends JobKind = JobKind> extends Construct {
  /** A training job with the lab's isolation and encryption. */
  static training(scope: Construct, id: string, props: TrainingJobProps): SageMakerJob<'training'> {
    const { outputPath, volumeSizeInGB, ...rest } = props.request;
    return new SageMakerJob(scope, id, {
      ...props,
      kind: 'training',
      networkConditions: props.vpcConfig,
      request: { ...rest, ...securedTraining(props, outputPath, volumeSizeInGB) },
    });
  }

  /** A hyperparameter tuning job whose every training job has the lab's isolation and encryption. */
  static tuning(scope: Construct, id: string, props: TuningJobProps): SageMakerJob<'tuning'> {
    const { TrainingJobDefinition: definition, ...rest } = props.request;
    const { outputPath, volumeSizeInGB, ...training } = definition;
    return new SageMakerJob(scope, id, {
      ...props,
      kind: 'tuning',
      networkConditions: props.vpcConfig,
      request: { ...rest, TrainingJobDefinition: { ...training, ...securedTraining(props, outputPath, volumeSizeInGB) } },
    });
  }

  /** A batch transform job with the lab key on its volume and output. */
  static transform(scope: Construct, id: string, props: TransformJobProps): SageMakerJob<'transform'> {
    const keyArn = props.encryptionKey.keyArn;
    return new SageMakerJob(scope, id, {
      ...props,
      kind: 'transform',
      request: {
        ...props.request,
        TransformOutput: { ...props.request.TransformOutput, KmsKeyId: keyArn },
        TransformResources: { InstanceType: props.instanceType, InstanceCount: 1, VolumeKmsKeyId: keyArn },
      },
    });
  }

  readonly kind: K;
  /** The full Create request, as sent (without the name). */
  readonly request: JobRequests[K];
  /** The job's name, known once the resource is created. */
  readonly jobName: string;
  private readonly resource: CustomResource;

  private constructor(scope: Construct, id: string, props: JobResourceProps<K>) {
    super(scope, id);
    const limit = maxPrefixLength(props.kind);
    if (props.jobNamePrefix.length > limit || !/^[a-z0-9](-*[a-z0-9])*$/.test(props.jobNamePrefix)) {
      throw new Error(
        `SageMakerJob ${id}: jobNamePrefix "${props.jobNamePrefix}" must be 1-${limit} lowercase letters, digits or hyphens.`,
      );
    }
    // CloudFormation waits at most an hour for a custom resource (ServiceTimeout: 1-3600 seconds,
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html).
    if (props.timeout && props.timeout.toSeconds() > 3600) {
      throw new Error(`SageMakerJob ${id}: timeout ${props.timeout.toMinutes()} minutes is more than CloudFormation waits for a custom resource (60 minutes).`);
    }
    this.kind = props.kind;
    this.request = props.request;
    const { encryptionKey } = props;

    const onEvent = new LabFunction(this, 'OnEvent', {
      entry: 'lambda/sagemaker-job/on-event.ts',
      description: `SageMaker ${props.kind} job resource: starts the job, stops it on delete`,
      encryptionKey,
    });
    const isComplete = new LabFunction(this, 'IsComplete', {
      entry: 'lambda/sagemaker-job/is-complete.ts',
      description: `SageMaker ${props.kind} job resource: waits for the job; on delete, deletes it and its log streams`,
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
    const properties: SageMakerJobProperties = {
      JobKind: props.kind,
      JobNamePrefix: props.jobNamePrefix,
      JobRequest: Stack.of(this).toJsonString(this.request),
      DataFingerprint: props.dataFingerprint,
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: CUSTOM_RESOURCE_TYPES[props.kind],
      properties,
    });
    if (props.role) {
      // The execution role's policy must be in place before SageMaker uses the role.
      this.resource.node.addDependency(props.role);
    }
    this.jobName = this.resource.getAttString('JobName');
  }

  /** Training: S3 URI of the model artifact; tuning: the best training job's. */
  get modelArtifacts(): string {
    return this.attribute('ModelArtifacts', ['training', 'tuning']);
  }

  /** Tuning: the best training job's name. */
  get bestTrainingJobName(): string {
    return this.attribute('BestTrainingJobName', ['tuning']);
  }

  /** Transform: the S3 URI of the output. */
  get outputPath(): string {
    return this.attribute('OutputPath', ['transform']);
  }

  private attribute(name: keyof SageMakerJobAttributes, kinds: readonly JobKind[]): string {
    if (!kinds.includes(this.kind)) {
      throw new Error(`A ${this.kind} job has no ${name}; only ${kinds.join(' and ')} jobs do.`);
    }
    return this.resource.getAttString(name);
  }

  /** The job starts only after `dependencies` (the data upload, the network, the model) exist. */
  startsAfter(...dependencies: Construct[]): void {
    this.resource.node.addDependency(...dependencies);
  }

  /** The resource itself, for ordering (see EniCleanup). */
  get customResource(): CustomResource {
    return this.resource;
  }

  private grantHandlers(onEvent: LabFunction, isComplete: LabFunction, props: JobResourceProps<K>): void {
    const { partition, region, account } = Stack.of(this);
    const arn = (type: string) => `arn:${partition}:sagemaker:${region}:${account}:${type}/${props.jobNamePrefix}-*`;
    const jobs = arn(RESOURCE_TYPES[props.kind]);
    // A tuning job's training jobs are named `<tuning job name>-<NNN>-<hash>`: destroy deletes them.
    const trainingJobs = props.kind === 'tuning' ? [arn(RESOURCE_TYPES.training)] : [];
    const keyArn = props.encryptionKey.keyArn;
    const action = { training: 'CreateTrainingJob', tuning: 'CreateHyperParameterTuningJob', transform: 'CreateTransformJob' }[props.kind];
    // The role can start a job only with the lab's network, isolation and encryption settings (SageMaker
    // condition keys, Service Authorization Reference "Actions, resources, and condition keys for Amazon
    // SageMaker"), so a bug in the handler cannot start an unprotected job. The KMS keys are the *Arn
    // forms: sagemaker:VolumeKmsKey and sagemaker:OutputKmsKey are deprecated and not defined for these
    // actions. CreateTransformJob has no network keys: a transform job runs with its model's VPC and
    // isolation, which CreateModel sets.
    const network = props.networkConditions;
    onEvent.addToRolePolicy(
      new iam.PolicyStatement({
        sid: network ? 'CreateIsolatedEncryptedJobsOnly' : 'CreateEncryptedJobsOnly',
        actions: [`sagemaker:${action}`],
        resources: [jobs],
        conditions: {
          ...(network && {
            Bool: { 'sagemaker:NetworkIsolation': 'true', 'sagemaker:InterContainerTrafficEncryption': 'true' },
          }),
          'ForAllValues:StringEquals': {
            ...(network && {
              'sagemaker:VpcSubnets': network.subnets,
              'sagemaker:VpcSecurityGroupIds': network.securityGroupIds,
            }),
            'sagemaker:InstanceTypes': [props.instanceType],
          },
          // ForAllValues is also true when the key is absent, so the keys must be present.
          Null: {
            ...(network && { 'sagemaker:VpcSubnets': 'false', 'sagemaker:VpcSecurityGroupIds': 'false' }),
            'sagemaker:InstanceTypes': 'false',
          },
          ArnEquals: { 'sagemaker:VolumeKmsKeyArn': keyArn, 'sagemaker:OutputKmsKeyArn': keyArn },
        },
      }),
    );
    const verbs = { training: 'TrainingJob', tuning: 'HyperParameterTuningJob', transform: 'TransformJob' }[props.kind];
    onEvent.addToRolePolicy(
      new iam.PolicyStatement({
        // Tags are written with the job (a Create call with Tags needs AddTags).
        actions: ['sagemaker:AddTags', `sagemaker:Describe${verbs}`, `sagemaker:Stop${verbs}`],
        resources: [jobs],
      }),
    );
    const deletes =
      props.kind === 'transform' ? [] : [`sagemaker:Delete${verbs}`, ...(props.kind === 'tuning' ? ['sagemaker:ListTrainingJobsForHyperParameterTuningJob'] : [])];
    isComplete.addToRolePolicy(
      new iam.PolicyStatement({ actions: [`sagemaker:Describe${verbs}`, `sagemaker:Stop${verbs}`, ...deletes], resources: [jobs] }),
    );
    if (trainingJobs.length > 0) {
      isComplete.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob', 'sagemaker:DeleteTrainingJob'],
          resources: trainingJobs,
        }),
      );
    }
    // Destroy removes what the job wrote at run time: its streams in the shared log group.
    const group = props.kind === 'transform' ? TRANSFORM_LOG_GROUP : TRAINING_LOG_GROUP;
    const logGroup = `arn:${partition}:logs:${region}:${account}:log-group:${group}`;
    const logResources = [`${logGroup}:*`, `${logGroup}:log-stream:${props.jobNamePrefix}-*`];
    isComplete.addToRolePolicy(new iam.PolicyStatement({ actions: ['logs:DescribeLogStreams'], resources: [logResources[0]] }));
    isComplete.addToRolePolicy(new iam.PolicyStatement({ actions: ['logs:DeleteLogStream'], resources: [logResources[1]] }));
    if (props.role) {
      onEvent.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [props.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        }),
      );
    }
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
      acknowledgeSageMakerJobHandler(fn.role!, [jobs, ...(fn === isComplete ? trainingJobs : [])]);
    }
    acknowledgeJobLogCleanup(isComplete.role!, group, logResources);
  }
}

/** The training fields the construct sets: role, resources with the volume key, output key, network. */
function securedTraining(
  props: { readonly role: iam.IRole; readonly instanceType: TrainingInstanceType; readonly encryptionKey: kms.IKey; readonly vpcConfig: JobVpcConfig },
  outputPath: string,
  volumeSizeInGB: number,
): Pick<JobRequests['training'], SecuredTrainingFields> {
  const keyArn = props.encryptionKey.keyArn;
  return {
    RoleArn: props.role.roleArn,
    ResourceConfig: { InstanceType: props.instanceType, InstanceCount: 1, VolumeSizeInGB: volumeSizeInGB, VolumeKmsKeyId: keyArn },
    OutputDataConfig: { S3OutputPath: outputPath, KmsKeyId: keyArn },
    VpcConfig: { Subnets: [...props.vpcConfig.subnets], SecurityGroupIds: [...props.vpcConfig.securityGroupIds] },
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
  };
}
