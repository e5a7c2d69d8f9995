/**
 * The preflight checklist: one line per check, ✔, ✖ (with the exact fix) or ? (could not check, with how to
 * check by hand). Pure of process state: the clients come in, lines go out, so every path is tested with
 * mocked clients. No aws-cdk-lib import.
 */
import { type BedrockClient, GetFoundationModelAvailabilityCommand } from '@aws-sdk/client-bedrock';
import {
  GetServiceQuotaCommand,
  paginateListAWSDefaultServiceQuotas,
  paginateListServiceQuotas,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { explainAwsError } from './aws-errors';
import type { LabSafety, SageMakerCapacity } from './lab-safety';
import { findQuotaCommand, quotaAdvice, quotaFor, SAGEMAKER_SERVICE_CODE } from './sagemaker-quotas';

/**
 * The SSM parameter that holds the CDK bootstrap version (DefaultStackSynthesizer's default qualifier
 * hnb659fds; every synthesized lab template reads it as its BootstrapVersion parameter).
 */
export const BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

/**
 * The lowest bootstrap version the pinned aws-cdk-lib (2.276) deploys with: its templates' CheckBootstrapVersion
 * rule says "CDK bootstrap stack version 6 required" (test/safety/preflight.test.ts reads the rule).
 */
export const MIN_BOOTSTRAP_VERSION = 6;

/**
 * Where AWS publishes which services each Region offers: /aws/service/global-infrastructure/regions/<region>/services/<id>.
 * The path can be queried only from some Regions (us-east-1 among them); from any other Region, AWS says to
 * query a supported one. https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-global-infrastructure.html
 */
export const GLOBAL_INFRASTRUCTURE_REGION = 'us-east-1';

export function serviceParameter(region: string, service: string): string {
  return `/aws/service/global-infrastructure/regions/${region}/services/${service}`;
}

/** Where Bedrock model access is explained and granted. */
const MODEL_ACCESS_DOC = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html';

export type Mark = 'pass' | 'fail' | 'unknown';

export interface CheckResult {
  readonly mark: Mark;
  readonly label: string;
  /** For ✖: the exact thing to do; for ?: how to check by hand. */
  readonly fix?: string;
}

export interface PreflightClients {
  readonly sts: STSClient;
  /** SSM in the lab's Region (the bootstrap parameter). */
  readonly ssm: SSMClient;
  /** SSM in GLOBAL_INFRASTRUCTURE_REGION (the public service parameters). */
  readonly globalSsm: SSMClient;
  readonly quotas: ServiceQuotasClient;
  readonly bedrock: BedrockClient;
}

export interface PreflightInput {
  readonly stackName: string;
  readonly safety: LabSafety;
  readonly clients: PreflightClients;
}

const pass = (label: string): CheckResult => ({ mark: 'pass', label });
const fail = (label: string, fix: string): CheckResult => ({ mark: 'fail', label, fix });

function failed(label: string, e: unknown, call: string, byHand: string): CheckResult {
  const explained = explainAwsError(e, call);
  return explained.transient
    ? { mark: 'unknown', label: `${label}: ${explained.message}`, fix: byHand }
    : fail(label, explained.message);
}

/** Runs every check the lab declares. Without a Region or credentials the rest is not tried. */
export async function runPreflight(input: PreflightInput): Promise<CheckResult[]> {
  const { clients, safety } = input;
  let region: string;
  try {
    region = await clients.sts.config.region();
  } catch (e) {
    return [fail('AWS Region', explainAwsError(e, 'reading the Region').message)];
  }
  let account: string;
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    account = identity.Account ?? '';
  } catch (e) {
    return [failed(`Credentials for ${region}`, e, 'sts:GetCallerIdentity', 'aws sts get-caller-identity')];
  }
  const results: CheckResult[] = [pass(`Credentials: account ${account}, Region ${region} (stack ${input.stackName})`)];
  results.push(await checkBootstrap(clients.ssm, account, region));
  for (const service of safety.preflight.services) {
    results.push(await checkService(clients.globalSsm, region, service));
  }
  for (const capacity of safety.preflight.sagemaker ?? []) {
    results.push(await checkSageMakerQuota(clients.quotas, region, capacity));
  }
  for (const modelId of safety.preflight.bedrockModels ?? []) {
    results.push(await checkBedrockModel(clients.bedrock, region, modelId));
  }
  return results;
}

export async function checkBootstrap(ssm: SSMClient, account: string, region: string): Promise<CheckResult> {
  const fix = `npx cdk bootstrap aws://${account}/${region}`;
  try {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: BOOTSTRAP_VERSION_PARAMETER }));
    const version = Number(Parameter?.Value);
    if (!Number.isInteger(version) || version < MIN_BOOTSTRAP_VERSION) {
      return fail(`CDK bootstrap version ${Parameter?.Value ?? 'unknown'} is older than ${MIN_BOOTSTRAP_VERSION}`, fix);
    }
    return pass(`CDK bootstrap version ${version} (${MIN_BOOTSTRAP_VERSION} or later needed)`);
  } catch (e) {
    if (e instanceof Error && e.name === 'ParameterNotFound') {
      return fail(`The account is not bootstrapped for the CDK in ${region} (${BOOTSTRAP_VERSION_PARAMETER} missing)`, fix);
    }
    return failed('CDK bootstrap', e, 'ssm:GetParameter', `aws ssm get-parameter --name ${BOOTSTRAP_VERSION_PARAMETER}`);
  }
}

export async function checkService(globalSsm: SSMClient, region: string, service: string): Promise<CheckResult> {
  const name = serviceParameter(region, service);
  try {
    await globalSsm.send(new GetParameterCommand({ Name: name }));
    return pass(`${service} is offered in ${region}`);
  } catch (e) {
    if (e instanceof Error && e.name === 'ParameterNotFound') {
      return fail(`${service} is not offered in ${region}`, 'deploy the lab to a Region its guide lists: export AWS_REGION=<region>');
    }
    return failed(`${service} in ${region}`, e, 'ssm:GetParameter', `aws ssm get-parameter --region ${GLOBAL_INFRASTRUCTURE_REGION} --name ${name}`);
  }
}

/** A quota as Service Quotas answered: its value, and the code it gave for the name. */
interface QuotaReading {
  readonly value: number;
  readonly code?: string;
}

/**
 * The quota's value, read by its code; by its name when the code is unknown or Service Quotas has no quota
 * with that code in the Region. Undefined when the Region has no such quota at all.
 */
async function readQuota(quotas: ServiceQuotasClient, name: string, code?: string): Promise<QuotaReading | undefined> {
  if (code) {
    try {
      const { Quota } = await quotas.send(new GetServiceQuotaCommand({ ServiceCode: SAGEMAKER_SERVICE_CODE, QuotaCode: code }));
      if (Quota?.QuotaName === name && Quota.Value !== undefined) return { value: Quota.Value, code };
    } catch (e) {
      if (!(e instanceof Error && e.name === 'NoSuchResourceException')) throw e;
    }
  }
  for await (const page of paginateListServiceQuotas({ client: quotas }, { ServiceCode: SAGEMAKER_SERVICE_CODE })) {
    const quota = page.Quotas?.find((q) => q.QuotaName === name);
    if (quota?.Value !== undefined) return { value: quota.Value, code: quota.QuotaCode };
  }
  // "If the applied quota value is not available for a quota, the quota is not retrieved" (GetServiceQuota and
  // ListServiceQuotas, Service Quotas API reference): the AWS default values are the account's value then.
  // https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_ListServiceQuotas.html
  for await (const page of paginateListAWSDefaultServiceQuotas({ client: quotas }, { ServiceCode: SAGEMAKER_SERVICE_CODE })) {
    const quota = page.Quotas?.find((q) => q.QuotaName === name);
    if (quota?.Value !== undefined) return { value: quota.Value, code: quota.QuotaCode };
  }
  return undefined;
}

export async function checkSageMakerQuota(quotas: ServiceQuotasClient, region: string, capacity: SageMakerCapacity): Promise<CheckResult> {
  const result = await checkQuota(quotas, region, capacity);
  if (capacity.onlyWith && result.mark === 'fail') {
    return { ...result, mark: 'unknown', label: `${result.label} (needed only with ${capacity.onlyWith})` };
  }
  return result;
}

async function checkQuota(quotas: ServiceQuotasClient, region: string, capacity: SageMakerCapacity): Promise<CheckResult> {
  const quota = quotaFor(capacity.usage, capacity.instanceType);
  const label = `SageMaker quota "${quota.name}"`;
  try {
    const reading = await readQuota(quotas, quota.name, quota.code);
    if (reading === undefined) {
      return fail(
        `${label} does not exist in ${region}: SageMaker offers no ${capacity.instanceType} there for this use`,
        'deploy the lab to a Region its guide lists: export AWS_REGION=<region>',
      );
    }
    const { value } = reading;
    if (value < capacity.count) {
      // The code Service Quotas gave for this name is the one to ask with (the kit's data may lack it or be stale).
      const advice = quotaAdvice({ ...quota, code: reading.code ?? quota.code }, capacity.count, region);
      return fail(`${label} is ${value}, the lab needs ${capacity.count}`, advice);
    }
    return pass(`${label} is ${value} (the lab needs ${capacity.count})`);
  } catch (e) {
    return failed(label, e, 'servicequotas:GetServiceQuota', findQuotaCommand(quota, region));
  }
}

export async function checkBedrockModel(bedrock: BedrockClient, region: string, modelId: string): Promise<CheckResult> {
  const label = `Bedrock model ${modelId}`;
  try {
    const a = await bedrock.send(new GetFoundationModelAvailabilityCommand({ modelId }));
    if (a.regionAvailability !== 'AVAILABLE') {
      return fail(`${label} is not available in ${region}`, 'deploy the lab to a Region its guide lists: export AWS_REGION=<region>');
    }
    if (a.authorizationStatus !== 'AUTHORIZED') {
      return fail(`${label}: your identity is not authorized to use it`, `ask your administrator for Bedrock model access (${MODEL_ACCESS_DOC})`);
    }
    if (a.entitlementAvailability !== 'AVAILABLE' || (a.agreementAvailability?.status && a.agreementAvailability.status !== 'AVAILABLE')) {
      return fail(`${label}: the account has no access to it yet`, `request access to the model in the Bedrock console, Model access (${MODEL_ACCESS_DOC})`);
    }
    return pass(`${label} is available to the account in ${region}`);
  } catch (e) {
    return failed(label, e, 'bedrock:GetFoundationModelAvailability', `aws bedrock get-foundation-model-availability --model-id ${modelId} --region ${region}`);
  }
}

const MARKS: Readonly<Record<Mark, string>> = { pass: '✔', fail: '✖', unknown: '?' };

/** The checklist as printed, with a one-line summary. */
export function renderChecklist(labTitle: string, results: readonly CheckResult[]): string {
  const lines = [`Preflight for ${labTitle}:`];
  for (const r of results) {
    lines.push(`${MARKS[r.mark]} ${r.label}`);
    if (r.fix) lines.push(...r.fix.split('\n').map((l) => `    ${r.mark === 'fail' ? '→ ' : 'check: '}${l}`));
  }
  const failedCount = results.filter((r) => r.mark === 'fail').length;
  const unknown = results.filter((r) => r.mark === 'unknown').length;
  lines.push(
    failedCount > 0
      ? `${failedCount} of ${results.length} checks failed: fix them before you deploy.`
      : `All ${results.length - unknown} checks passed${unknown ? `, ${unknown} could not be checked (see above)` : ''}: ready to deploy.`,
  );
  return lines.join('\n');
}
