import { CfnWaitConditionHandle, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LabInfo } from './lab-info';

export interface UnavailableLabStackProps extends StackProps {
  readonly lab: LabInfo;
  /** Why the lab cannot be built in the stack's Region, and what to do. */
  readonly message: string;
}

/**
 * Stands in for a lab that cannot be built in the Region, under the lab's stack name, so that the app still
 * lists it and every other lab synthesizes and deploys. It carries an error annotation: the CDK CLI reads
 * annotations of the stacks a command selects only (`cdk deploy Lab01DataLake` ignores this one), so
 * `cdk synth`/`cdk deploy` of this stack stop with the message and no stack trace. The app itself does not
 * fail on it because the CLI runs the app with `@aws-cdk/core:failSynthOnValidationErrors` off and judges the
 * validation report per selected stack (aws-cdk 2.1148.1, `loadUnifiedValidationReport`).
 */
export class UnavailableLabStack extends Stack {
  readonly lab: LabInfo;
  readonly message: string;

  constructor(scope: Construct, id: string, props: UnavailableLabStackProps) {
    super(scope, id, { description: `ML Lab Kit: ${props.lab.title} (not available in this Region)`, ...props });
    this.lab = props.lab;
    this.message = props.message;
    // A template needs one resource; a wait condition handle is free and does nothing.
    new CfnWaitConditionHandle(this, 'NotAvailableInThisRegion');
    Validations.of(this).addError('LabRegion', props.message);
  }
}
