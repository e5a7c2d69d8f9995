/** The stack outputs of Lab 03, shared by the stack and the lab scripts (no aws-cdk-lib import). */
export const SAGEMAKER_OUTPUTS = {
  trainingJob: 'TrainingJobName',
  modelArtifacts: 'ModelArtifacts',
  endpoint: 'EndpointName',
  endpointLogGroup: 'EndpointLogGroup',
  dataBucket: 'DataBucket',
  artifactsBucket: 'ArtifactsBucket',
  vpc: 'VpcId',
  securityGroup: 'SecurityGroupId',
} as const;
