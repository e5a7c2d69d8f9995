/** Lab 01: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { DATA_LAKE_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { DATA_LAKE_OUTPUTS } from './outputs';
import { DATA_LAKE_SAFETY } from './safety';
import type * as StackModule from './stack';

export const DATA_LAKE: LabDefinition = {
  id: 'data-lake',
  stackId: 'Lab01DataLake',
  title: 'S3 data lake with a Glue crawler and Athena',
  exam: LAB_EXAM,
  folder: 'labs/01-data-lake',
  idleCost: 'about $0.03/day (KMS key); a few cents per crawler run; Athena $5 per TB scanned',
  safety: DATA_LAKE_SAFETY,
  evidence: DATA_LAKE_EVIDENCE,
  calls: CALLS,
  outputs: DATA_LAKE_OUTPUTS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DataLakeStack } = require('./stack') as typeof StackModule;
    return new DataLakeStack(scope, id, props);
  },
};
