import type { Construct } from 'constructs';
import { LabStack, type LabStackProps } from './lab-stack';

/** Lab 02: under construction; only the lab foundation (key, access-log bucket) so far. */
export class FirehoseTransformStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
  }
}
