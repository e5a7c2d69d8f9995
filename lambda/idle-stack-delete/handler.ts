/**
 * Deletes its own stack when the lab's idle alarm goes into ALARM. CloudWatch invokes the function
 * asynchronously on each state change of the alarm
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html), so the
 * event says which state the alarm entered; only ALARM deletes.
 */
import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { IDLE_ENV } from './env';

const cfn = new CloudFormationClient({});

/** The part of CloudWatch's alarm-action event the handler reads. */
export interface AlarmActionEvent {
  readonly alarmArn?: string;
  readonly alarmData?: { readonly alarmName?: string; readonly state?: { readonly value?: string; readonly reason?: string } };
}

export function shouldDelete(event: AlarmActionEvent): boolean {
  return event.alarmData?.state?.value === 'ALARM';
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export async function handler(event: AlarmActionEvent): Promise<void> {
  if (!shouldDelete(event)) {
    console.info(JSON.stringify({ message: 'not deleting', state: event.alarmData?.state?.value }));
    return;
  }
  const stackName = required(IDLE_ENV.stackName);
  // DeleteStack with the bootstrap's execution role, as cdk destroy does: CloudFormation deletes every
  // resource of the stack, so nothing drifts and a later cdk deploy creates it again.
  await cfn.send(new DeleteStackCommand({ StackName: stackName, RoleARN: required(IDLE_ENV.roleArn) }));
  console.info(JSON.stringify({ message: 'deleting the idle stack', stackName, reason: event.alarmData?.state?.reason }));
}
