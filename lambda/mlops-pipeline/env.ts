/** The environment of lab 07's handlers and the clean-up resource's properties (no aws-cdk-lib import). */
export const DELIVERY_ENV = {
  /** Prefix of every model and endpoint configuration the delivery creates. */
  resourcePrefix: 'RESOURCE_PREFIX',
  stagingEndpoint: 'STAGING_ENDPOINT',
  productionEndpoint: 'PRODUCTION_ENDPOINT',
  /** The role SageMaker hosts the model with. */
  executionRoleArn: 'EXECUTION_ROLE_ARN',
  modelPackageGroup: 'MODEL_PACKAGE_GROUP',
  /** The bucket and key of the smoke-test rows. */
  bucket: 'BUCKET',
  smokeTestKey: 'SMOKE_TEST_KEY',
  /** The learner tag value of everything the delivery creates. */
  learner: 'LEARNER',
  lab: 'LAB',
} as const;

export const TRIGGER_ENV = {
  deliveryPipeline: 'DELIVERY_PIPELINE',
  sourceBucket: 'SOURCE_BUCKET',
  sourceKey: 'SOURCE_KEY',
  sourceAction: 'SOURCE_ACTION',
  modelPackageGroup: 'MODEL_PACKAGE_GROUP',
} as const;

/** The delivery pipeline's variable that carries the approved model package version. */
export const MODEL_PACKAGE_VARIABLE = 'ModelPackageArn';

/** The properties of the run-time clean-up resource (Custom::MlopsRunTimeCleanup). */
export interface CleanupProperties {
  readonly PipelineName: string;
  readonly DeliveryPipelineName: string;
  readonly ModelPackageGroupName: string;
  /** Models and endpoint configurations the delivery created start with this. */
  readonly ResourcePrefix: string;
  readonly Endpoints: string[];
}

/** The action a delivery step runs, from its UserParameters. */
export type DeliveryAction =
  | { readonly action: 'deploy'; readonly target: 'staging' | 'production'; readonly modelPackageArn: string }
  | { readonly action: 'smoke-test'; readonly target: 'staging' };
