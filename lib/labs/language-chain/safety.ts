/** Lab 04's preflight and leftovers scan (see lib/safety/lab-safety.ts). */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';

export const LANGUAGE_CHAIN_SAFETY: LabSafety = {
  preflight: { services: ['comprehend', 'translate', 'polly', 'stepfunctions', 's3', 'kms', 'lambda'] },
  leftovers: {
    // State machine logs are named /aws/vendedlogs/states/<stack and construct path> (lab-log-group.ts).
    logGroupPrefixes: [LAMBDA_LOG_GROUPS, '/aws/vendedlogs/states/{stack}'],
  },
};
