import type { Construct } from 'constructs';
import { LabStack, type LabStackProps } from './lab-stack';

/** Lab 03: under construction; only the lab foundation (key, access-log bucket) so far. */
export class SageMakerPrivateStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
  }
}
