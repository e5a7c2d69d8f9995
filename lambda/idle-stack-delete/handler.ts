/**
 * Deletes its own stack while the lab's idle alarm is in ALARM. Two events invoke it:
 * - the alarm's action, on each state change of the alarm (CloudWatch invokes it asynchronously:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html); the
 *   event says which state the alarm entered, and only ALARM deletes;
 * - a schedule (EventBridge, every few minutes), because alarm actions "happen only on state transitions, and
 *   are not performed again if the condition persists for hours or days"
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html): when DeleteStack
 *   fails (an update in progress, a resource that cannot be deleted yet), the alarm stays in ALARM and would
 *   never invoke the function again. The scheduled run reads the alarm and, while it is in ALARM, asks for the
 *   delete again, until the stack (and this schedule with it) is gone.
 */
import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { IDLE_ENV } from './env';

const cfn = new CloudFormationClient({});
const cloudwatch = new CloudWatchClient({});

/** The part of CloudWatch's alarm-action event the handler reads. */
export interface AlarmActionEvent {
  readonly alarmArn?: string;
  readonly alarmData?: { readonly alarmName?: string; readonly state?: { readonly value?: string; readonly reason?: string } };
}

/** The part of EventBridge's scheduled event the handler reads. */
export interface ScheduledEvent {
  readonly source?: string;
  readonly 'detail-type'?: string;
}

export function shouldDelete(event: AlarmActionEvent): boolean {
  return event.alarmData?.state?.value === 'ALARM';
}

export function isScheduled(event: AlarmActionEvent | ScheduledEvent): event is ScheduledEvent {
  return 'detail-type' in event && event['detail-type'] === 'Scheduled Event';
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** The idle alarm's state now (undefined when the alarm does not exist). */
async function alarmState(): Promise<string | undefined> {
  const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [required(IDLE_ENV.alarmName)] }));
  return MetricAlarms?.[0]?.StateValue;
}

export async function handler(event: AlarmActionEvent | ScheduledEvent): Promise<void> {
  const state = isScheduled(event) ? await alarmState() : event.alarmData?.state?.value;
  if (state !== 'ALARM') {
    console.info(JSON.stringify({ message: 'not deleting', state, scheduled: isScheduled(event) }));
    return;
  }
  const stackName = required(IDLE_ENV.stackName);
  // DeleteStack with the bootstrap's execution role, as cdk destroy does: CloudFormation deletes every
  // resource of the stack, so nothing drifts and a later cdk deploy creates it again. A failure is thrown
  // (and logged by Lambda); the next scheduled run asks again.
  await cfn.send(new DeleteStackCommand({ StackName: stackName, RoleARN: required(IDLE_ENV.roleArn) }));
  console.info(JSON.stringify({ message: 'deleting the idle stack', stackName, scheduled: isScheduled(event) }));
}
