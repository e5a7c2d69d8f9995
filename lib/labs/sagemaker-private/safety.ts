/**
 * Lab 03's preflight and leftovers scan (see lib/safety/lab-safety.ts). The instance types are the stack's
 * TRAINING_INSTANCE_TYPE and HOSTING_INSTANCE_TYPE (test/safety/labs.test.ts keeps them equal).
 */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';

export const SAGEMAKER_PRIVATE_SAFETY: LabSafety = {
  preflight: {
    services: ['sagemaker', 's3', 'kms', 'lambda', 'ec2'],
    sagemaker: [
      { usage: 'training', instanceType: 'ml.m5.large', count: 1 },
      { usage: 'endpoint', instanceType: 'ml.t2.medium', count: 1 },
    ],
  },
  leftovers: {
    logGroupPrefixes: [LAMBDA_LOG_GROUPS, '/aws/sagemaker/Endpoints/{stack-kebab}-'],
    // The training job's streams are named <job name>/<host> in the shared group (sagemaker-job kinds.ts).
    logStreams: [{ logGroup: '/aws/sagemaker/TrainingJobs', streamPrefix: '{stack-kebab}-xgboost' }],
    sagemakerPrefixes: ['{stack-kebab}-'],
  },
  idleDelete: { what: 'the ml.t2.medium endpoint' },
};
