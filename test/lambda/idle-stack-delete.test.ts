import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, shouldDelete } from '../../lambda/idle-stack-delete/handler';

const cfn = mockClient(CloudFormationClient);
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
  cfn.on(DeleteStackCommand).resolves({});
  process.env.STACK_NAME = 'alice-Lab03SageMakerPrivate';
  process.env.CFN_EXECUTION_ROLE_ARN = ROLE;
});

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

  test('a missing setting fails loudly instead of deleting something else', async () => {
    delete process.env.STACK_NAME;
    await expect(handler(event('ALARM'))).rejects.toThrow('STACK_NAME is not set');
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });
});
