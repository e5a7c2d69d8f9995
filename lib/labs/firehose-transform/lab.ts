/** Lab 02: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { FIREHOSE_TRANSFORM_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { FIREHOSE_TRANSFORM_REGIONS } from './regions';
import { FIREHOSE_TRANSFORM_SAFETY } from './safety';
import type * as StackModule from './stack';

export const FIREHOSE_TRANSFORM: LabDefinition = {
  id: 'firehose-transform',
  stackId: 'Lab02FirehoseTransform',
  title: 'Amazon Data Firehose with a Lambda record transform',
  exam: LAB_EXAM,
  folder: 'labs/02-firehose-transform',
  idleCost: 'about $0.03/day (KMS key); Firehose about $0.029/GB ingested (records rounded up to 5 KB)',
  regions: FIREHOSE_TRANSFORM_REGIONS,
  safety: FIREHOSE_TRANSFORM_SAFETY,
  evidence: FIREHOSE_TRANSFORM_EVIDENCE,
  calls: CALLS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FirehoseTransformStack } = require('./stack') as typeof StackModule;
    return new FirehoseTransformStack(scope, id, props);
  },
};
