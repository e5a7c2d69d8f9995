/** Environment variables shared by the IdleStackDelete construct and its handler (no aws-cdk-lib import). */
export const IDLE_ENV = {
  /** The stack to delete: the function's own. */
  stackName: 'STACK_NAME',
  /** The CDK bootstrap's CloudFormation execution role, which deploys the stack and so can delete all of it. */
  roleArn: 'CFN_EXECUTION_ROLE_ARN',
  /** The idle alarm, which the scheduled retry reads. */
  alarmName: 'ALARM_NAME',
} as const;
