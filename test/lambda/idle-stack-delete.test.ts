import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, type StateValue } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, shouldDelete } from '../../lambda/idle-stack-delete/handler';

const cfn = mockClient(CloudFormationClient);
const cloudwatch = mockClient(CloudWatchClient);
const ROLE = 'arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1';

/** The alarm-action event CloudWatch sends, trimmed to what the handler reads. */
const event = (state: string) => ({
  alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:idle',
  alarmData: { alarmName: 'idle', state: { value: state, reason: 'Threshold Crossed: 2 datapoints were less than the threshold (1.0)' } },
});

beforeEach(() => {
  // The handler logs each decision to CloudWatch; the tests assert on its calls, not its log lines.
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  cfn.reset();
  cloudwatch.reset();
  cfn.on(DeleteStackCommand).resolves({});
  process.env.STACK_NAME = 'alice-Lab03SageMakerPrivate';
  process.env.CFN_EXECUTION_ROLE_ARN = ROLE;
  process.env.ALARM_NAME = 'alice-Lab03SageMakerPrivate-idle-delete';
});

/** The scheduled event EventBridge sends, trimmed to what the handler reads. */
const scheduled = { source: 'aws.events', 'detail-type': 'Scheduled Event' };
const alarmIs = (state: StateValue) =>
  cloudwatch.on(DescribeAlarmsCommand, { AlarmNames: ['alice-Lab03SageMakerPrivate-idle-delete'] }).resolves({ MetricAlarms: [{ StateValue: state }] });

describe('idle stack delete handler', () => {
  test('ALARM deletes its own stack with the bootstrap execution role', async () => {
    await handler(event('ALARM'));
    expect(cfn.commandCalls(DeleteStackCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: 'alice-Lab03SageMakerPrivate', RoleARN: ROLE },
    ]);
  });

  test.each(['OK', 'INSUFFICIENT_DATA'])('%s deletes nothing', async (state) => {
    expect(shouldDelete(event(state))).toBe(false);
    await handler(event(state));
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('a failed delete is retried: the alarm stays in ALARM (no new action), so the schedule asks again until the stack is gone', async () => {
    alarmIs('ALARM');
    cfn.on(DeleteStackCommand).rejectsOnce(Object.assign(new Error('Stack is in UPDATE_IN_PROGRESS state'), { name: 'ValidationError' }));
    await expect(handler(event('ALARM'))).rejects.toThrow('UPDATE_IN_PROGRESS');
    // CloudWatch does not invoke the action again while the alarm stays in ALARM; the schedule does.
    await handler(scheduled);
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(2);
    expect(cfn.commandCalls(DeleteStackCommand)[1].args[0].input).toEqual({ StackName: 'alice-Lab03SageMakerPrivate', RoleARN: ROLE });
  });

  test.each(['OK', 'INSUFFICIENT_DATA'] as const)('the schedule deletes nothing while the alarm is %s', async (state) => {
    alarmIs(state);
    await handler(scheduled);
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('the schedule deletes nothing when the alarm cannot be found', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    await handler(scheduled);
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('a missing setting fails loudly instead of deleting something else', async () => {
    delete process.env.STACK_NAME;
    await expect(handler(event('ALARM'))).rejects.toThrow('STACK_NAME is not set');
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });
});
