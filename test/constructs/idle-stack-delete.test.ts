import { IDLE_OUTPUTS, IdleStackDelete } from '../../lib/constructs/idle-stack-delete';
import { Match } from 'aws-cdk-lib/assertions';
import { IDLE_HOURS } from '../../lib/safety/idle';
import { testApp, type SynthesizedLab, synthLab, testOutdir } from '../helpers/synth';
import { synthTestStack, TestLabStack } from '../helpers/test-stack';

describe('IdleStackDelete', () => {
  const outdir = testOutdir();
  const lab: SynthesizedLab = synthTestStack((stack) => {
    new IdleStackDelete(stack, 'IdleDelete', { endpointName: 'test-endpoint', idleHours: 3, encryptionKey: stack.key });
  });

  test('idle rule: an alarm on the endpoint\'s hourly invocations, missing data breaching, for idleHours hours', () => {
    lab.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SageMaker',
      MetricName: 'Invocations',
      Dimensions: Match.arrayWith([{ Name: 'EndpointName', Value: 'test-endpoint' }, { Name: 'VariantName', Value: 'AllTraffic' }]),
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
      AlarmActions: [Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('IdleDeleteFunction'), 'Arn'] })],
    });
  });

  test('only the alarm and the retry schedule may invoke the function', () => {
    const permissions = Object.values(lab.json.Resources).filter((r) => r.Type === 'AWS::Lambda::Permission').map((r) => r.Properties);
    expect(permissions).toEqual([
      expect.objectContaining({
        Principal: 'lambda.alarms.cloudwatch.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^IdleDeleteAlarm/), 'Arn'] },
      }),
      expect.objectContaining({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^IdleDeleteRetry/), 'Arn'] } }),
    ]);
  });

  test('a failed delete is retried: a schedule invokes the function while the stack exists (alarm actions fire on state changes only)', () => {
    lab.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${IdleStackDelete.RETRY_MINUTES} minutes)`,
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IdleDeleteFunction'), 'Arn'] } })],
    });
    // The scheduled run reads the alarm it is named after, and nothing else.
    lab.template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Test-idle-delete' });
    lab.template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ ALARM_NAME: 'Test-idle-delete' }) } });
    const statements = Object.values(lab.json.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties as { PolicyDocument: { Statement: { Sid?: string }[] } }).PolicyDocument.Statement)
      .filter((s) => s.Sid === 'ReadTheIdleAlarm');
    expect(lab.stack.resolve(statements)).toEqual([
      { Sid: 'ReadTheIdleAlarm', Effect: 'Allow', Action: 'cloudwatch:DescribeAlarms', Resource: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:Test-idle-delete' },
    ]);
  });

  test('the function may delete this stack only, and pass the execution role to CloudFormation only', () => {
    const statements = Object.values(lab.json.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties as { PolicyDocument: { Statement: { Sid?: string }[] } }).PolicyDocument.Statement)
      .filter((s) => s.Sid === 'DeleteThisStackOnly' || s.Sid === 'PassTheExecutionRoleToCloudFormation');
    expect(lab.stack.resolve(statements)).toEqual([
      {
        Sid: 'DeleteThisStackOnly',
        Effect: 'Allow',
        Action: 'cloudformation:DeleteStack',
        Resource: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Test/*',
      },
      {
        Sid: 'PassTheExecutionRoleToCloudFormation',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-us-east-1' },
        Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
      },
    ]);
  });

  test('the handler is told its own stack and the execution role', () => {
    lab.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { STACK_NAME: 'Test', CFN_EXECUTION_ROLE_ARN: Match.anyValue(), ALARM_NAME: 'Test-idle-delete' } },
    });
  });

  test('outputs say after how many hours, and which alarm', () => {
    lab.template.hasOutput(IDLE_OUTPUTS.hours, { Value: '3' });
    lab.template.hasOutput(IDLE_OUTPUTS.alarm, Match.anyValue());
  });

  test('no validation findings', () => {
    expect(lab.findings.map((f) => `${f.rule} at ${f.path}`)).toEqual([]);
  });

  test.each([0, 25, 1.5])('idleHours %p is refused with the allowed range', (idleHours) => {
    expect(
      () => new TestLabStack(testApp({ outdir }), (stack) => new IdleStackDelete(stack, 'IdleDelete', { endpointName: 'e', idleHours, encryptionKey: stack.key })),
    ).toThrow(/whole number from 1 to 24/);
  });
});

describe('lab 03 wiring (-c idleHours)', () => {
  // Synthesized once, at collection time, like the other lab tests (the helper registers its own clean-up).
  const lab = synthLab('sagemaker-private', { validations: false, context: { idleHours: '0' } });
  test('off switch: -c idleHours=0 builds lab 03 without the alarm or the function', () => {
    lab.template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(Object.keys(lab.template.findOutputs(IDLE_OUTPUTS.hours))).toHaveLength(0);
  });

  test('a value that is not a whole number of hours is refused with the allowed range', () => {
    expect(IDLE_HOURS.parse('two')).toEqual({ problem: '-c idleHours must be a whole number from 0 to 24, not "two".' });
    expect(IDLE_HOURS.parse(undefined)).toEqual({ value: 2 });
  });
});
