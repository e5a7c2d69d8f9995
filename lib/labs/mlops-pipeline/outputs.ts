/** The stack outputs of Lab 07, shared by the stack and the lab scripts (no aws-cdk-lib import). */
export const MLOPS_OUTPUTS = {
  pipeline: 'PipelineName',
  modelPackageGroup: 'ModelPackageGroupName',
  deliveryPipeline: 'DeliveryPipelineName',
  stagingEndpoint: 'StagingEndpointName',
  productionEndpoint: 'ProductionEndpointName',
  dataBucket: 'DataBucket',
  smokeTestKey: 'SmokeTestKey',
} as const;
