/**
 * The SageMaker quotas the labs consume, as data: what a preflight reads from Service Quotas and what a
 * deploy-time job names when SageMaker refuses it with ResourceLimitExceeded.
 *
 * No aws-cdk-lib import: the SageMaker job handler bundles this file.
 *
 * Sources:
 * - Quota names follow the pattern "<instance type> for <usage>", e.g. "ml.m5.large for training job usage";
 *   the quotas are listed under Amazon SageMaker AI in the Service Quotas console
 *   (https://docs.aws.amazon.com/general/latest/gr/sagemaker.html#limits_sagemaker, linked from
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/model-customize-mtrl-quotas.html).
 * - Quota codes: no AWS documentation page found for this kit lists these codes (search of the AWS docs on
 *   2026-11-28 for the quota names and codes). The General Reference quota tables link an adjustable quota to
 *   the Service Quotas console by its code (the Amazon Machine Learning page,
 *   https://docs.aws.amazon.com/general/latest/gr/machinelearning.html, links "Batch prediction input records"
 *   to .../servicequotas/home/services/machinelearning/quotas/L-8914BECD), but what the search returned of the
 *   SageMaker AI page above was its endpoint table, not its quota rows; the SageMaker Developer Guide names
 *   quotas without codes. AWS says to find a code with ListServiceQuotas and read QuotaCode
 *   (https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_RequestedServiceQuotaChange.html,
 *   CLI: https://docs.aws.amazon.com/cli/latest/reference/service-quotas/request-service-quota-increase.html).
 *   The codes below are from a ListServiceQuotas listing of service code sagemaker (snapshot 2026-09-10).
 *   Since no AWS page confirms them, the preflight never trusts a code alone: it reads the quota by code and
 *   accepts the answer only when Service Quotas returns this quota's name; otherwise it looks the name up, and
 *   its raise command uses the code Service Quotas returned for that name (lib/safety/preflight.ts), so a wrong
 *   code here costs the preflight one extra call, not a wrong command. The deploy-time job handler
 *   (lambda/sagemaker-job) does not call Service Quotas: its message names the quota and prints this table's code.
 */

/** The Service Quotas service code of SageMaker. */
export const SAGEMAKER_SERVICE_CODE = 'sagemaker';

/** What an instance is used for, as SageMaker counts it. */
export type QuotaUsage = 'training' | 'spot-training' | 'endpoint' | 'transform' | 'processing';

/** The words Service Quotas puts after the instance type in each usage's quota name. */
const USAGE_WORDS: Readonly<Record<QuotaUsage, string>> = {
  training: 'training job usage',
  'spot-training': 'spot training job usage',
  endpoint: 'endpoint usage',
  transform: 'transform job usage',
  processing: 'processing job usage',
};

/** Known quota codes by quota name (see the sources above). Add a row when a lab uses a new instance type. */
export const SAGEMAKER_QUOTA_CODES: Readonly<Record<string, string>> = {
  'ml.m5.large for training job usage': 'L-611FA074',
  'ml.m5.large for spot training job usage': 'L-29688C85',
  'ml.m5.large for transform job usage': 'L-236AE59F',
  'ml.m5.large for endpoint usage': 'L-614B09FD',
  'ml.t2.medium for endpoint usage': 'L-29C181D7',
};

/** One SageMaker quota: its name, and its code when the kit knows it. */
export interface SageMakerQuota {
  readonly usage: QuotaUsage;
  readonly instanceType: string;
  /** The quota's name in Service Quotas, e.g. "ml.m5.large for training job usage". */
  readonly name: string;
  /** The quota code, e.g. "L-611FA074"; undefined when the kit has no row for this name. */
  readonly code?: string;
}

/** The Service Quotas name of the quota an instance type counts against for a usage. */
export function quotaName(usage: QuotaUsage, instanceType: string): string {
  return `${instanceType} for ${USAGE_WORDS[usage]}`;
}

/** The quota an instance type counts against for a usage. */
export function quotaFor(usage: QuotaUsage, instanceType: string): SageMakerQuota {
  const name = quotaName(usage, instanceType);
  return { usage, instanceType, name, code: SAGEMAKER_QUOTA_CODES[name] };
}

/** `--region <r>` when a Region is known, so the command asks in the Region the lab deploys to. */
function regionFlag(region?: string): string {
  return region ? ` --region ${region}` : '';
}

/** The command that shows a quota's code and value when the kit does not know its code. */
export function findQuotaCommand(quota: SageMakerQuota, region?: string): string {
  return (
    `aws service-quotas list-service-quotas --service-code ${SAGEMAKER_SERVICE_CODE}${regionFlag(region)} ` +
    `--query "Quotas[?QuotaName=='${quota.name}'].[QuotaCode,Value]" --output text`
  );
}

/**
 * The exact command that asks AWS for more of a quota. With no known code, the code is the placeholder
 * `<code>` and the caller prints findQuotaCommand too.
 */
export function raiseQuotaCommand(quota: SageMakerQuota, desiredValue: number, region?: string): string {
  if (!Number.isInteger(desiredValue) || desiredValue < 1) {
    throw new Error(`desiredValue must be a whole number of instances of at least 1, got ${desiredValue}`);
  }
  return (
    `aws service-quotas request-service-quota-increase --service-code ${SAGEMAKER_SERVICE_CODE}` +
    ` --quota-code ${quota.code ?? '<code>'} --desired-value ${desiredValue}${regionFlag(region)}`
  );
}

/**
 * What a learner does about a quota that is too small: its name, the command to raise it (and to find its
 * code when the kit does not know it), and that AWS reviews the request (a request can sit PENDING or become
 * a support case, CASE_OPENED, before it is APPROVED: RequestedServiceQuotaChange.Status in the Service
 * Quotas API reference), so approval can take a day.
 */
export function quotaAdvice(quota: SageMakerQuota, desiredValue: number, region?: string): string {
  const lines = [`The SageMaker quota "${quota.name}" must be at least ${desiredValue}. Ask for it with`];
  if (!quota.code) {
    lines.push(`  ${findQuotaCommand(quota, region)}`, 'to find its code, then');
  }
  lines.push(
    `  ${raiseQuotaCommand(quota, desiredValue, region)}`,
    'AWS reviews the request; approval can take a day. Deploy again once it is approved.',
  );
  return lines.join('\n');
}

/** The usage a SageMaker job kind counts against (a tuning job runs training jobs). */
export function usageOfJob(kind: 'training' | 'tuning' | 'transform', spot: boolean): QuotaUsage {
  if (kind === 'transform') return 'transform';
  return spot ? 'spot-training' : 'training';
}
