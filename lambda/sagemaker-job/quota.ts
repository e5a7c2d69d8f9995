/**
 * What a learner does when SageMaker refuses a job for a quota: which quota, and the command that shows
 * it (and its code, for the increase request).
 */
import type { JobKind, JobRequests } from './properties';

/** The instance type a job runs on and whether it asks for spot capacity. */
export function jobResources<K extends JobKind>(kind: K, request: JobRequests[K]): { instanceType?: string; spot: boolean } {
  if (kind === 'transform') {
    return { instanceType: (request as JobRequests['transform']).TransformResources?.InstanceType, spot: false };
  }
  const training =
    kind === 'tuning' ? (request as JobRequests['tuning']).TrainingJobDefinition : (request as JobRequests['training']);
  return { instanceType: training?.ResourceConfig?.InstanceType, spot: training?.EnableManagedSpotTraining === true };
}

/**
 * The Service Quotas name of the quota a job counts against, e.g. "ml.m5.large for training job usage",
 * "ml.m5.large for spot training job usage", "ml.m5.large for transform job usage".
 */
export function quotaName(kind: JobKind, instanceType: string, spot: boolean): string {
  const usage = kind === 'transform' ? 'transform job usage' : spot ? 'spot training job usage' : 'training job usage';
  return `${instanceType} for ${usage}`;
}

/** Two lines for the deploy error: the quota's name and how to find its code and ask for more. */
export function quotaAdvice<K extends JobKind>(kind: K, request: JobRequests[K]): string {
  const { instanceType, spot } = jobResources(kind, request);
  const name = quotaName(kind, instanceType ?? '<instance type>', spot);
  return (
    `This is the SageMaker quota "${name}". Look up its code and current value with\n` +
    `  aws service-quotas list-service-quotas --service-code sagemaker --query "Quotas[?QuotaName=='${name}']"\n` +
    'then ask for an increase with aws service-quotas request-service-quota-increase --service-code sagemaker ' +
    '--quota-code <code> --desired-value <n>, and deploy again once it is approved.'
  );
}
