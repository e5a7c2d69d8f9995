/** Lab 08's preflight and leftovers scan (see lib/safety/lab-safety.ts). */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';
import { HOSTING_INSTANCE_TYPE, PEAK_ENDPOINT_INSTANCES, TRAINING_INSTANCE_TYPE } from './rollout';

export const SAFE_ROLLOUT_SAFETY: LabSafety = {
  preflight: {
    // Service ids as listed under /aws/service/global-infrastructure/services (Systems Manager public parameters:
    // https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-global-infrastructure.html).
    services: ['sagemaker', 's3', 'kms', 'lambda', 'ec2', 'cloudwatch', 'application-autoscaling'],
    sagemaker: [
      // The champion and the challenger train at the same time; `-c release=broken` trains a third model later.
      { usage: 'training', instanceType: TRAINING_INSTANCE_TYPE, count: 2 },
      // Champion (up to its scaling maximum) and challenger or shadow, twice during a blue/green update.
      { usage: 'endpoint', instanceType: HOSTING_INSTANCE_TYPE, count: PEAK_ENDPOINT_INSTANCES },
    ],
  },
  leftovers: {
    logGroupPrefixes: [LAMBDA_LOG_GROUPS, '/aws/sagemaker/Endpoints/{stack-kebab}-'],
    logStreams: [{ logGroup: '/aws/sagemaker/TrainingJobs', streamPrefix: '{stack-kebab}-xgb-' }],
    sagemakerPrefixes: ['{stack-kebab}-'],
  },
  idleDelete: { what: `the ${HOSTING_INSTANCE_TYPE} endpoint (two to six instances)` },
};
