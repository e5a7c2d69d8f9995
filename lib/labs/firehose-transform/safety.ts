/** Lab 02's preflight and leftovers scan (see lib/safety/lab-safety.ts). */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';

export const FIREHOSE_TRANSFORM_SAFETY: LabSafety = {
  preflight: { services: ['firehose', 's3', 'kms', 'lambda'] },
  leftovers: { logGroupPrefixes: [LAMBDA_LOG_GROUPS] },
};
