/** Lab 07's preflight and leftovers scan (see lib/safety/lab-safety.ts). */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';
import { PROCESSING_INSTANCE_TYPE, TRAINING_INSTANCE_TYPES } from './settings';

export const MLOPS_SAFETY: LabSafety = {
  preflight: {
    services: ['sagemaker', 'codepipeline', 's3', 'kms', 'lambda', 'ec2', 'events'],
    sagemaker: [
      // One execution runs one job at a time (each step waits for the one before it).
      { usage: 'processing', instanceType: PROCESSING_INSTANCE_TYPE, count: 1 },
      { usage: 'training', instanceType: TRAINING_INSTANCE_TYPES[0], count: 1 },
    ],
  },
  leftovers: {
    logGroupPrefixes: [LAMBDA_LOG_GROUPS, '/aws/sagemaker/Endpoints/{stack-kebab}-'],
    sagemakerPrefixes: ['{stack-kebab}-'],
  },
};
