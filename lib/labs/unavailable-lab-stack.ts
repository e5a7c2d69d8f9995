import { ArtifactMetadataEntryType } from 'aws-cdk-lib/cloud-assembly-schema';
import { CfnWaitConditionHandle, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct, MetadataEntry } from 'constructs';
import type { LabInfo } from './lab-info';

/** The rule id the CLI prints under the message, as Validations.of(...).addError('LabRegion', ...) would name it. */
export const UNAVAILABLE_RULE = 'Annotation::LabRegion';

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
 *
 * The error carries no source position: the CLI prints a violation's trace as one (`lib/app.ts:39:24`) above the
 * message (`ValidationReportFormatter.formatViolationBlock`), which tells a learner nothing. The trace is the
 * error's own (`Validations.of(this).addError` records one, aws-cdk-lib core/lib/annotations.js) or, in the
 * validation report, the stack's creation trace (the `aws:cdk:creationStack` metadata Stack records unless the
 * app-wide context `aws:cdk:disable-creation-stack-traces` is set, which would take the source positions of real
 * findings away too). So the error is added without a trace and this stack drops its creation trace.
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
    this.node.addMetadata(ArtifactMetadataEntryType.ERROR, `${props.message} (${UNAVAILABLE_RULE})`, { stackTrace: false });
    // constructs offers no way to remove metadata; its private list is reached by name (a test fails if it moves).
    const metadata: unknown = Reflect.get(this.node, '_metadata');
    if (isMetadataList(metadata)) {
      const creationStack = String(ArtifactMetadataEntryType.CREATION_STACK);
      metadata.splice(0, metadata.length, ...metadata.filter((m) => m.type !== creationStack));
    }
  }
}

function isMetadataList(value: unknown): value is MetadataEntry[] {
  return Array.isArray(value);
}
