/** Lab 01's preflight and leftovers scan (see lib/safety/lab-safety.ts). */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';

export const DATA_LAKE_SAFETY: LabSafety = {
  preflight: { services: ['s3', 'glue', 'athena', 'kms', 'lambda'] },
  leftovers: {
    // The crawler logs to /aws-glue/crawlers-role/<role name>-<security configuration> (lake-crawler.ts);
    // CloudFormation names the role after the stack.
    logGroupPrefixes: [LAMBDA_LOG_GROUPS, '/aws-glue/crawlers-role/{stack}-'],
    glueDatabases: ['{stack_snake}_beehives'],
    athenaWorkgroups: ['{stack-kebab}-workgroup'],
  },
};
