/**
 * The preflight checklist: one line per check, ✔, ✖ (with the exact fix) or ? (could not check, with how to
 * check by hand). Pure of process state: the clients come in, lines go out, so every path is tested with
 * mocked clients. No aws-cdk-lib import.
 */
import {
  type BedrockClient,
  GetFoundationModelAvailabilityCommand,
  type GetFoundationModelAvailabilityCommandOutput,
  GetInferenceProfileCommand,
} from '@aws-sdk/client-bedrock';
import {
  GetServiceQuotaCommand,
  paginateListAWSDefaultServiceQuotas,
  paginateListServiceQuotas,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { explainAwsError } from './aws-errors';
import type { InferenceProfileUse, LabPreflight, SageMakerCapacity } from './lab-safety';
import { findQuotaCommand, quotaAdvice, quotaFor, SAGEMAKER_SERVICE_CODE } from './sagemaker-quotas';

/**
 * The SSM parameter that holds the CDK bootstrap version for a qualifier (every synthesized lab template reads
 * it as its BootstrapVersion parameter). DefaultStackSynthesizer uses the qualifier of the context key
 * `@aws-cdk/core:bootstrapQualifier`, else hnb659fds (aws-cdk-lib core/lib/stack-synthesizers/default-synthesizer.js,
 * BOOTSTRAP_QUALIFIER_CONTEXT and DEFAULT_QUALIFIER).
 */
export function bootstrapVersionParameter(qualifier: string): string {
  return `/cdk-bootstrap/${qualifier}/version`;
}

export const DEFAULT_BOOTSTRAP_QUALIFIER = 'hnb659fds';

/**
 * The lowest bootstrap version the pinned aws-cdk-lib (2.276) deploys with: its templates' CheckBootstrapVersion
 * rule says "CDK bootstrap stack version 6 required" (test/safety/preflight.test.ts reads the rule).
 */
export const MIN_BOOTSTRAP_VERSION = 6;

/**
 * Where AWS publishes which services each Region offers: /aws/service/global-infrastructure/regions/<region>/services/<id>.
 * "Currently, the path /aws/service/global-infrastructure is supported for queries in the following AWS Regions
 * only", all commercial (partition aws); from another commercial Region, AWS says to query a supported one
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-global-infrastructure.html).
 * It documents no Region for the other partitions (China, GovCloud, ...).
 */
export const GLOBAL_INFRASTRUCTURE_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-east-1', 'ap-south-1', 'ap-northeast-2', 'ap-southeast-1',
  'ap-southeast-2', 'ap-northeast-1', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1',
];

/**
 * The Region to ask the service parameters in, for a caller in `region` of `partition`: the caller's own when
 * AWS documents it (an SCP that allows the lab's Region allows that), else us-east-1 in partition aws; undefined
 * in another partition, where AWS documents none (the check is then `?`).
 */
export function globalInfrastructureRegion(region: string, partition: string | undefined): string | undefined {
  if (GLOBAL_INFRASTRUCTURE_REGIONS.includes(region)) return region;
  return partition === 'aws' ? 'us-east-1' : undefined;
}

export function serviceParameter(region: string, service: string): string {
  return `/aws/service/global-infrastructure/regions/${region}/services/${service}`;
}

/** Where Bedrock model access is explained and granted. */
const MODEL_ACCESS_DOC = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html';

export type Mark = 'pass' | 'fail' | 'unknown';

export interface CheckResult {
  readonly mark: Mark;
  /** Set on the check that confirms the credentials and the Region: "ready to deploy" needs it passed. */
  readonly gate?: boolean;
  readonly label: string;
  /** For ✖: the exact thing to do; for ?: how to check by hand. */
  readonly fix?: string;
}

export interface PreflightClients {
  readonly sts: STSClient;
  /** SSM in the lab's Region (the bootstrap parameter). */
  readonly ssm: SSMClient;
  /** SSM in globalInfrastructureRegion(...) (the public service parameters); undefined: no documented Region. */
  readonly serviceSsm?: SSMClient;
  readonly quotas: ServiceQuotasClient;
  /** Bedrock in the lab's Region. */
  readonly bedrock: BedrockClient;
  /** Bedrock in another Region (an inference profile's destination Regions), same credentials. */
  readonly bedrockIn: (region: string) => BedrockClient;
}

export interface PreflightInput {
  readonly stackName: string;
  /** The Region the CDK deploys to (lib/aws-region.ts). */
  readonly region: string;
  /** The kit's own Region data for the lab: why it cannot be built in `region`; undefined when it can. */
  readonly regionProblem?: string;
  readonly preflight: LabPreflight;
  readonly clients: PreflightClients;
  /** The bootstrap qualifier the app synthesizes with. */
  readonly bootstrapQualifier: string;
}

const pass = (label: string): CheckResult => ({ mark: 'pass', label });
const fail = (label: string, fix: string): CheckResult => ({ mark: 'fail', label, fix });

function failed(label: string, e: unknown, call: string, byHand: string): CheckResult {
  const explained = explainAwsError(e, call);
  return explained.transient
    ? { mark: 'unknown', label: `${label}: ${explained.message}`, fix: byHand }
    : fail(label, explained.message);
}

/**
 * The credentials, asked in the Region: passed (with the account) only when STS answered there. Every other
 * check needs it, and `destroy` runs it before the CDK.
 */
export async function checkCredentials(sts: STSClient, region: string, stackName: string): Promise<{ result: CheckResult; account?: string }> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const account = identity.Account ?? '';
    return { result: { ...pass(`Credentials: account ${account}, Region ${region} (stack ${stackName})`), gate: true }, account };
  } catch (e) {
    return { result: { ...failed(`Credentials for ${region}`, e, 'sts:GetCallerIdentity', `aws sts get-caller-identity --region ${region}`), gate: true } };
  }
}

/**
 * Runs every check the lab declares: first the kit's own Region data (no credentials needed), then the
 * credentials; when either does not pass, the rest is not tried.
 */
export async function runPreflight(input: PreflightInput): Promise<CheckResult[]> {
  const { clients, preflight, region } = input;
  if (input.regionProblem) {
    return [{ ...fail(`The lab in ${region}`, input.regionProblem), gate: true }];
  }
  const { result, account } = await checkCredentials(clients.sts, region, input.stackName);
  if (account === undefined) {
    return [result];
  }
  const results: CheckResult[] = [result];
  results.push(await checkBootstrap(clients.ssm, account, region, input.bootstrapQualifier));
  for (const service of preflight.services) {
    results.push(await checkService(clients.serviceSsm, region, service));
  }
  for (const capacity of preflight.sagemaker ?? []) {
    results.push(await checkSageMakerQuota(clients.quotas, region, capacity));
  }
  for (const modelId of preflight.bedrockModels ?? []) {
    results.push(await checkBedrockModel(clients.bedrock, region, modelId));
  }
  const profile = preflight.bedrockInferenceProfiles?.[region];
  if (profile) {
    results.push(...(await checkInferenceProfile(clients, region, profile)));
  }
  return results;
}

export async function checkBootstrap(ssm: SSMClient, account: string, region: string, qualifier = DEFAULT_BOOTSTRAP_QUALIFIER): Promise<CheckResult> {
  const parameter = bootstrapVersionParameter(qualifier);
  const fix = `npx cdk bootstrap aws://${account}/${region}${qualifier === DEFAULT_BOOTSTRAP_QUALIFIER ? '' : ` --qualifier ${qualifier}`}`;
  try {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: parameter }));
    const version = Number(Parameter?.Value);
    if (!Number.isInteger(version) || version < MIN_BOOTSTRAP_VERSION) {
      return fail(`CDK bootstrap version ${Parameter?.Value ?? 'unknown'} is older than ${MIN_BOOTSTRAP_VERSION}`, fix);
    }
    return pass(`CDK bootstrap version ${version} (${MIN_BOOTSTRAP_VERSION} or later needed)`);
  } catch (e) {
    if (e instanceof Error && e.name === 'ParameterNotFound') {
      return fail(`The account is not bootstrapped for the CDK in ${region} (${parameter} missing)`, fix);
    }
    return failed('CDK bootstrap', e, 'ssm:GetParameter', `aws ssm get-parameter --region ${region} --name ${parameter}`);
  }
}

export async function checkService(serviceSsm: SSMClient | undefined, region: string, service: string): Promise<CheckResult> {
  const name = serviceParameter(region, service);
  const byHand = `the AWS Regional services list (https://aws.amazon.com/about-aws/global-infrastructure/regional-product-services/)`;
  if (!serviceSsm) {
    return { mark: 'unknown', label: `${service} in ${region}: AWS documents no Region to ask for this outside the aws partition`, fix: byHand };
  }
  const asked = await serviceSsm.config.region();
  try {
    await serviceSsm.send(new GetParameterCommand({ Name: name }));
    return pass(`${service} is offered in ${region}`);
  } catch (e) {
    if (e instanceof Error && e.name === 'ParameterNotFound') {
      return fail(`${service} is not offered in ${region}`, 'deploy the lab to a Region its guide lists: export AWS_REGION=<region>');
    }
    // Anything else (an SCP that denies the asked Region, throttling) says nothing about the service: `?`.
    const explained = explainAwsError(e, `ssm:GetParameter in ${asked}`);
    return { mark: 'unknown', label: `${service} in ${region}: ${explained.message}`, fix: `aws ssm get-parameter --region ${asked} --name ${name}, or ${byHand}` };
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

/** What GetFoundationModelAvailability says stops the account from using a model; undefined: nothing does. */
function modelAccessProblem(a: GetFoundationModelAvailabilityCommandOutput, inRegion: boolean): { problem: string; fix: string } | undefined {
  if (inRegion && a.regionAvailability !== 'AVAILABLE') {
    return { problem: 'is not available in', fix: 'deploy the lab to a Region its guide lists: export AWS_REGION=<region>' };
  }
  if (a.authorizationStatus !== 'AUTHORIZED') {
    return { problem: 'is not authorized for your identity in', fix: `ask your administrator for Bedrock model access (${MODEL_ACCESS_DOC})` };
  }
  if (a.entitlementAvailability !== 'AVAILABLE' || (a.agreementAvailability?.status && a.agreementAvailability.status !== 'AVAILABLE')) {
    return { problem: 'has no access for the account yet in', fix: `request access to the model in the Bedrock console, Model access (${MODEL_ACCESS_DOC})` };
  }
  return undefined;
}

export async function checkBedrockModel(bedrock: BedrockClient, region: string, modelId: string): Promise<CheckResult> {
  const label = `Bedrock model ${modelId}`;
  try {
    const a = await bedrock.send(new GetFoundationModelAvailabilityCommand({ modelId }));
    const problem = modelAccessProblem(a, true);
    return problem ? fail(`${label} ${problem.problem} ${region}`, problem.fix) : pass(`${label} is available to the account in ${region}`);
  } catch (e) {
    return failed(label, e, 'bedrock:GetFoundationModelAvailability', `aws bedrock get-foundation-model-availability --model-id ${modelId} --region ${region}`);
  }
}

/** The Region of a foundation-model ARN (arn:aws:bedrock:us-east-2::foundation-model/amazon.nova-micro-v1:0). */
function arnRegion(arn: string): string {
  return arn.split(':')[3] ?? '';
}

/**
 * The cross-Region inference profile the lab invokes from `region`, as Bedrock describes it there
 * (GetInferenceProfile, IAM action bedrock:GetInferenceProfile on the inference-profile resource:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetInferenceProfile.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html), then the model in each
 * destination Region the profile lists: "To allow an IAM user or role to invoke a Geographic cross-Region
 * inference profile, you need to allow access to ... the foundation model in all destination Regions listed in
 * the geographic profile" (https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html).
 * Only "not found" in the Region is ✖ for the profile: a denied or failed look-up says nothing about the invoke, so it is `?`.
 */
export async function checkInferenceProfile(clients: PreflightClients, region: string, use: InferenceProfileUse): Promise<CheckResult[]> {
  const label = `Bedrock inference profile ${use.profileId}`;
  const byHand = `aws bedrock get-inference-profile --inference-profile-identifier ${use.profileId} --region ${region}`;
  let destinations: string[];
  try {
    const profile = await clients.bedrock.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: use.profileId }));
    if (profile.status !== 'ACTIVE') {
      return [fail(`${label} is ${profile.status ?? 'not active'} in ${region}`, 'deploy the lab to a Region its guide lists: export AWS_REGION=<region>')];
    }
    destinations = [...new Set((profile.models ?? []).map((m) => arnRegion(m.modelArn ?? '')).filter((r) => r !== ''))].sort();
  } catch (e) {
    if (e instanceof Error && e.name === 'ResourceNotFoundException') {
      return [fail(`${label} is not offered in ${region}`, 'deploy the lab to a Region its guide lists: export AWS_REGION=<region>')];
    }
    const explained = explainAwsError(e, 'bedrock:GetInferenceProfile');
    return [{ mark: 'unknown', label: `${label} in ${region}: ${explained.message}`, fix: byHand }];
  }
  const results: CheckResult[] = [pass(`${label} is active in ${region} (routes to ${destinations.join(', ') || 'no Region listed'})`)];
  results.push(await checkDestinationModels(clients, use.modelId, destinations));
  return results;
}

/** The model in each destination Region: ✖ when one says no access, ? when one could not be asked, else ✔. */
async function checkDestinationModels(clients: PreflightClients, modelId: string, regions: readonly string[]): Promise<CheckResult> {
  const label = `Bedrock model ${modelId} in the profile's destination Regions`;
  if (regions.length === 0) {
    return { mark: 'unknown', label: `${label}: the profile lists none`, fix: `aws bedrock get-inference-profile --inference-profile-identifier <profile> --region <region>` };
  }
  const failures: string[] = [];
  const fixes = new Set<string>();
  const unknown: string[] = [];
  for (const destination of regions) {
    try {
      const a = await clients.bedrockIn(destination).send(new GetFoundationModelAvailabilityCommand({ modelId }));
      // The profile itself says the model serves there, so only the account's access is asked of each Region.
      const problem = modelAccessProblem(a, false);
      if (problem) {
        failures.push(`${problem.problem} ${destination}`);
        fixes.add(problem.fix);
      }
    } catch (e) {
      unknown.push(`${destination} (${explainAwsError(e, 'bedrock:GetFoundationModelAvailability').message})`);
    }
  }
  if (failures.length > 0) return fail(`${label}: ${failures.join('; ')}`, [...fixes].join('\n'));
  if (unknown.length > 0) {
    return {
      mark: 'unknown',
      label: `${label}: could not ask ${unknown.join(', ')}`,
      fix: regions.map((r) => `aws bedrock get-foundation-model-availability --model-id ${modelId} --region ${r}`).join('\n'),
    };
  }
  return pass(`${label} (${regions.join(', ')}) is available to the account`);
}

const MARKS: Readonly<Record<Mark, string>> = { pass: '✔', fail: '✖', unknown: '?' };

export type Verdict = 'ready' | 'failed' | 'unconfirmed';

/**
 * Ready only when no check failed and the credentials and Region were confirmed (the gate check passed); a `?`
 * elsewhere does not stop a deploy, a `?` on the gate does: nothing about the account was checked.
 */
export function preflightVerdict(results: readonly CheckResult[]): Verdict {
  if (results.some((r) => r.mark === 'fail')) return 'failed';
  return results.some((r) => r.gate && r.mark === 'pass') ? 'ready' : 'unconfirmed';
}

/** The checklist as printed, with a one-line summary. */
export function renderChecklist(labTitle: string, results: readonly CheckResult[]): string {
  const lines = [`Preflight for ${labTitle}:`];
  for (const r of results) {
    lines.push(`${MARKS[r.mark]} ${r.label}`);
    if (r.fix) lines.push(...r.fix.split('\n').map((l) => `    ${r.mark === 'fail' ? '→ ' : 'check: '}${l}`));
  }
  const failedCount = results.filter((r) => r.mark === 'fail').length;
  const unknown = results.filter((r) => r.mark === 'unknown').length;
  const verdict = preflightVerdict(results);
  lines.push(
    verdict === 'failed'
      ? `${failedCount} of ${results.length} checks failed: fix them before you deploy.`
      : verdict === 'unconfirmed'
        ? 'Could not confirm the credentials and Region, so nothing else was checked: not ready to deploy (see the check: line above).'
        : `All ${results.length - unknown} checks passed${unknown ? `, ${unknown} could not be checked (see above)` : ''}: ready to deploy.`,
  );
  return lines.join('\n');
}
