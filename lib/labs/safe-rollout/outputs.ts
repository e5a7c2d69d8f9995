/** The stack outputs of Lab 08, shared by the stack and the lab scripts (no aws-cdk-lib import). */
export const SAFE_ROLLOUT_OUTPUTS = {
  endpoint: 'EndpointName',
  endpointLogGroup: 'EndpointLogGroup',
  dataBucket: 'DataBucket',
  capturePrefix: 'CapturePrefix',
  experiment: 'Experiment',
  release: 'Release',
  dashboard: 'DashboardName',
  driftAlarm: 'DriftAlarmName',
  predictionAlarm: 'PredictionAlarmName',
  rollbackAlarms: 'RollbackAlarmNames',
  scalingResource: 'ScalingResourceId',
  alarmTopic: 'AlarmTopicArn',
} as const;
