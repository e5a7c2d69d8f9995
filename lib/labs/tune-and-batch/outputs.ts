/** The stack outputs of Lab 05, shared by the stack and the lab scripts (no aws-cdk-lib import). */
export const TUNE_AND_BATCH_OUTPUTS = {
  tuningJob: 'TuningJobName',
  bestTrainingJob: 'BestTrainingJobName',
  model: 'ModelName',
  transformJob: 'TransformJobName',
  transformOutput: 'TransformOutputPath',
  dataBucket: 'DataBucket',
  vpc: 'VpcId',
  securityGroup: 'SecurityGroupId',
} as const;
