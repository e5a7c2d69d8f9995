import type { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeProviderFramework } from '../validation/acknowledgements';
import type { LabFunction } from './lab-function';
import { LabLogGroup } from './lab-log-group';

export interface LabProviderProps {
  /** Handles Create, Update and Delete events. */
  readonly onEvent: LabFunction;
  /** Polled until the work started by onEvent is done (an asynchronous custom resource). */
  readonly isComplete?: LabFunction;
  /** The lab key, for the framework's logs and environment. */
  readonly encryptionKey: kms.IKey;
  /** @default 5 seconds (the framework's default) */
  readonly queryInterval?: Duration;
  /** How long isComplete may keep saying "not yet" before the deployment fails. @default 30 minutes */
  readonly totalTimeout?: Duration;
}

/**
 * The CDK Provider framework for a lab's custom resource, with the framework's own function and
 * waiter state machine logging to encrypted log groups that `cdk destroy` removes.
 */
export class LabProvider extends Construct {
  readonly serviceToken: string;

  constructor(scope: Construct, id: string, props: LabProviderProps) {
    super(scope, id);
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: props.onEvent,
      isCompleteHandler: props.isComplete,
      queryInterval: props.queryInterval,
      totalTimeout: props.totalTimeout,
      logGroup: new LabLogGroup(this, 'FrameworkLogs', { encryptionKey: props.encryptionKey }),
      providerFunctionEnvEncryption: props.encryptionKey,
      ...(props.isComplete && {
        disableWaiterStateMachineLogging: false,
        waiterStateMachineLogOptions: {
          // Under /aws/vendedlogs/, so that no deploy grows the account's CloudWatch Logs resource policy.
          destination: LabLogGroup.forStateMachine(this, 'WaiterLogs', { encryptionKey: props.encryptionKey }),
          level: sfn.LogLevel.ALL,
          includeExecutionData: false,
        },
      }),
    });
    this.serviceToken = provider.serviceToken;
    acknowledgeProviderFramework(provider);
  }
}
