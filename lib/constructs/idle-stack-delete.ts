import { ArnFormat, CfnOutput, DefaultStackSynthesizer, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { IDLE_ENV } from '../../lambda/idle-stack-delete/env';
import { IDLE_OUTPUTS } from '../safety/idle';
import { acknowledgeIdleStackDelete } from '../validation/acknowledgements';
import { LabFunction } from './lab-function';

export { IDLE_OUTPUTS } from '../safety/idle';

export interface IdleStackDeleteProps {
  /** The SageMaker endpoint whose invocations keep the lab alive. */
  readonly endpointName: string;
  /** @default 'AllTraffic' */
  readonly variantName?: string;
  /** Hours without an invocation before the stack deletes itself: a whole number from 1 to 24. */
  readonly idleHours: number;
  /** The lab key; the function's log group is encrypted with it. */
  readonly encryptionKey: kms.IKey;
}

/**
 * A lab that bills by the hour deletes its own stack after `idleHours` hours without an endpoint invocation.
 *
 * - A CloudWatch alarm on the endpoint's AWS/SageMaker Invocations (Sum per hour; SageMaker publishes it
 *   per EndpointName and VariantName: https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html)
 *   goes into ALARM when every one of the last `idleHours` hours had less than one invocation. An idle
 *   endpoint publishes no data points, so missing data is treated as breaching
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data).
 * - The alarm's action invokes a small function (alarm actions can invoke Lambda:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html), which
 *   calls CloudFormation DeleteStack on this stack with the CDK bootstrap's CloudFormation execution role.
 * - Alarm actions run only when the alarm changes state, "not performed again if the condition persists"
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html). So a DeleteStack that
 *   fails (an update in progress, say) would leave the alarm in ALARM and the endpoint billing. An EventBridge
 *   schedule invokes the function every RETRY_MINUTES as well; it reads the alarm and, while it is in ALARM,
 *   asks for the delete again, until the stack is gone.
 * - While waiting it costs one standard alarm (about $0.10 a month) and nothing else; everything is in the
 *   stack, so it is deleted with it and cannot outlive it.
 * - The function may delete this stack only (cloudformation:DeleteStack on this stack's ARN) and pass the
 *   execution role to CloudFormation only (iam:PassRole with iam:PassedToService).
 */
export class IdleStackDelete extends Construct {
  /** How often the schedule retries a delete while the alarm is in ALARM. */
  static readonly RETRY_MINUTES = 15;
  readonly alarm: cloudwatch.Alarm;
  readonly function: LabFunction;
  readonly retry: events.Rule;

  constructor(scope: Construct, id: string, props: IdleStackDeleteProps) {
    super(scope, id);
    if (!Number.isInteger(props.idleHours) || props.idleHours < 1 || props.idleHours > 24) {
      throw new Error(`IdleStackDelete: idleHours must be a whole number from 1 to 24, got ${props.idleHours}.`);
    }
    const stack = Stack.of(this);
    const synthesizer = stack.synthesizer;
    if (!(synthesizer instanceof DefaultStackSynthesizer)) {
      throw new Error('IdleStackDelete needs the DefaultStackSynthesizer: it deletes with the bootstrap CloudFormation execution role.');
    }
    // The synthesizer's ARN keeps ${AWS::Partition} (and ${AWS::AccountId} and ${AWS::Region} when the stack is
    // synthesized without an account, as in CI) for the CLI's asset manifest to replace. In a template only
    // Fn::Sub replaces them, so wrap it: a plain string would reach IAM with the placeholders in it.
    const executionRoleArn = Fn.sub(synthesizer.cloudFormationExecutionRoleArn);
    const stackArn = stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: `${stack.stackName}/*` });
    // Named after the stack (so learner copies differ), because the function reads it and the alarm's action
    // names the function: a generated name would make each depend on the other.
    const alarmName = `${stack.stackName}-idle-delete`;

    this.function = new LabFunction(this, 'Function', {
      entry: 'lambda/idle-stack-delete/handler.ts',
      description: `Deletes ${stack.stackName} after ${props.idleHours} h without endpoint invocations`,
      encryptionKey: props.encryptionKey,
      environment: { [IDLE_ENV.stackName]: stack.stackName, [IDLE_ENV.roleArn]: executionRoleArn, [IDLE_ENV.alarmName]: alarmName },
    });
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DeleteThisStackOnly',
        actions: ['cloudformation:DeleteStack'],
        // The stack id ends in a UUID that is known only after creation; the name part pins this stack.
        resources: [stackArn],
      }),
    );
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PassTheExecutionRoleToCloudFormation',
        actions: ['iam:PassRole'],
        resources: [executionRoleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
      }),
    );

    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadTheIdleAlarm',
        actions: ['cloudwatch:DescribeAlarms'],
        resources: [stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: alarmName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );

    if (this.function.role) {
      acknowledgeIdleStackDelete(this.function.role, this.function, stackArn);
    }

    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName,
      alarmDescription: `${stack.stackName} deletes itself: no invocation of its endpoint for ${props.idleHours} h`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SageMaker',
        metricName: 'Invocations',
        dimensionsMap: { EndpointName: props.endpointName, VariantName: props.variantName ?? 'AllTraffic' },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: props.idleHours,
      datapointsToAlarm: props.idleHours,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.alarm.addAlarmAction(new actions.LambdaAction(this.function));
    this.retry = new events.Rule(this, 'Retry', {
      description: `Retries deleting ${stack.stackName} while its idle alarm is in ALARM`,
      schedule: events.Schedule.rate(Duration.minutes(IdleStackDelete.RETRY_MINUTES)),
      // A missed run is made up by the next one: no retries, no dead-letter queue.
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 0, maxEventAge: Duration.minutes(IdleStackDelete.RETRY_MINUTES) })],
    });

    new CfnOutput(stack, IDLE_OUTPUTS.hours, { value: String(props.idleHours) });
    new CfnOutput(stack, IDLE_OUTPUTS.alarm, { value: this.alarm.alarmName });
  }
}
