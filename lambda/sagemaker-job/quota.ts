/**
 * What a learner does when SageMaker refuses a job for a quota: which quota, and the exact command that
 * asks for more (lib/safety/sagemaker-quotas.ts, shared with the labs' preflight).
 */
import { quotaAdvice as adviceFor, quotaFor, usageOfJob } from '../../lib/safety/sagemaker-quotas';
import type { JobKind, JobRequests } from './properties';

/** The instance type a job runs on, whether it asks for spot capacity, and how many instances it needs at once. */
export function jobResources<K extends JobKind>(kind: K, request: JobRequests[K]): { instanceType?: string; spot: boolean; instances: number } {
  if (kind === 'transform') {
    const resources = (request as JobRequests['transform']).TransformResources;
    return { instanceType: resources?.InstanceType, spot: false, instances: resources?.InstanceCount ?? 1 };
  }
  const tuning = kind === 'tuning' ? (request as JobRequests['tuning']) : undefined;
  const training = tuning ? tuning.TrainingJobDefinition : (request as JobRequests['training']);
  // A tuning job runs up to MaxParallelTrainingJobs training jobs at once.
  const parallel = tuning?.HyperParameterTuningJobConfig?.ResourceLimits?.MaxParallelTrainingJobs ?? 1;
  return {
    instanceType: training?.ResourceConfig?.InstanceType,
    spot: training?.EnableManagedSpotTraining === true,
    instances: (training?.ResourceConfig?.InstanceCount ?? 1) * parallel,
  };
}

/** The quota's name and the commands to raise it, for the deploy error. */
export function quotaAdvice<K extends JobKind>(kind: K, request: JobRequests[K], region = process.env.AWS_REGION): string {
  const { instanceType, spot, instances } = jobResources(kind, request);
  return adviceFor(quotaFor(usageOfJob(kind, spot), instanceType ?? '<instance type>'), instances, region);
}
