/** Lab 05's preflight and leftovers scan (see lib/safety/lab-safety.ts). */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';
import { BUDGET, TRAINING_INSTANCE_TYPE, TRANSFORM_INSTANCE_TYPE } from './tuning';

export const TUNE_AND_BATCH_SAFETY: LabSafety = {
  preflight: {
    services: ['sagemaker', 's3', 'kms', 'lambda', 'ec2'],
    sagemaker: [
      // The tuning job runs up to BUDGET.parallelJobs training jobs at once; with `-c spot=true` they count
      // against the spot training quota instead.
      { usage: 'training', instanceType: TRAINING_INSTANCE_TYPE, count: BUDGET.parallelJobs },
      { usage: 'spot-training', instanceType: TRAINING_INSTANCE_TYPE, count: BUDGET.parallelJobs, onlyWith: '-c spot=true' },
      { usage: 'transform', instanceType: TRANSFORM_INSTANCE_TYPE, count: 1 },
    ],
  },
  leftovers: {
    logGroupPrefixes: [LAMBDA_LOG_GROUPS],
    logStreams: [
      { logGroup: '/aws/sagemaker/TrainingJobs', streamPrefix: '{learner-}l05-tune' },
      { logGroup: '/aws/sagemaker/TransformJobs', streamPrefix: '{stack-kebab}-transform' },
    ],
    sagemakerPrefixes: ['{learner-}l05-tune', '{stack-kebab}-'],
  },
};
