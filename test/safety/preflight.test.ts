import { BedrockClient, GetFoundationModelAvailabilityCommand, GetInferenceProfileCommand } from '@aws-sdk/client-bedrock';
import { GetServiceQuotaCommand, ListAWSDefaultServiceQuotasCommand, ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import type { LabSafety } from '../../lib/safety/lab-safety';
import {
  bootstrapVersionParameter,
  type CheckResult,
  checkInferenceProfile,
  checkService,
  DEFAULT_BOOTSTRAP_QUALIFIER,
  globalInfrastructureRegion,
  MIN_BOOTSTRAP_VERSION,
  preflightVerdict,
  renderChecklist,
  runPreflight,
  serviceParameter,
} from '../../lib/safety/preflight';
import { BEDROCK_RAG } from '../../lib/labs/bedrock-rag/lab';
import { testApp, testOutdir } from '../helpers/synth';
import { awsError, fakePreflightClients, resetMocks, TEST_CLIENT_CONFIG } from './fake-aws';

const REGION = 'eu-west-1';
const sts = mockClient(STSClient);
const ssm = mockClient(SSMClient);
const quotas = mockClient(ServiceQuotasClient);
const bedrock = mockClient(BedrockClient);

const BOOTSTRAP_VERSION_PARAMETER = bootstrapVersionParameter(DEFAULT_BOOTSTRAP_QUALIFIER);

/** Clients with a fixed Region and credentials, so nothing is read from the machine. */
function clients(region: string) {
  return fakePreflightClients({ ...TEST_CLIENT_CONFIG, region });
}

const SAFETY: LabSafety = {
  preflight: {
    services: ['sagemaker'],
    sagemaker: [{ usage: 'training', instanceType: 'ml.m5.large', count: 1 }],
    bedrockModels: ['amazon.nova-micro-v1:0'],
  },
  leftovers: {},
};

/** One mock serves both SSM clients (lab Region and us-east-1): they are told apart by the parameter name. */
function healthy(): void {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/learner' });
  ssm.on(GetParameterCommand, { Name: BOOTSTRAP_VERSION_PARAMETER }).resolves({ Parameter: { Value: '30' } });
  ssm.on(GetParameterCommand, { Name: serviceParameter(REGION, 'sagemaker') }).resolves({ Parameter: { Value: 'sagemaker' } });
  quotas
    .on(GetServiceQuotaCommand, { QuotaCode: 'L-611FA074' })
    .resolves({ Quota: { QuotaName: 'ml.m5.large for training job usage', QuotaCode: 'L-611FA074', Value: 2 } });
  bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
    modelId: 'amazon.nova-micro-v1:0',
    regionAvailability: 'AVAILABLE',
    authorizationStatus: 'AUTHORIZED',
    entitlementAvailability: 'AVAILABLE',
    agreementAvailability: { status: 'AVAILABLE' },
  });
}

async function preflight(input: { regionProblem?: string; bootstrapQualifier?: string } = {}): Promise<CheckResult[]> {
  return runPreflight({
    stackName: 'Lab03SageMakerPrivate',
    region: REGION,
    preflight: SAFETY.preflight,
    clients: clients(REGION),
    bootstrapQualifier: DEFAULT_BOOTSTRAP_QUALIFIER,
    ...input,
  });
}

const marks = (results: readonly CheckResult[]) => results.map((r) => r.mark);

beforeEach(() => {
  resetMocks(sts, ssm, quotas, bedrock);
  healthy();
});

describe('preflight', () => {
  const outdir = testOutdir();
  test('everything in place: every line is a pass', async () => {
    const results = await preflight();
    expect(marks(results)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(results[0].label).toContain('account 123456789012, Region eu-west-1');
    expect(renderChecklist('Lab', results)).toMatch(/All 5 checks passed: ready to deploy\.$/);
    expect(preflightVerdict(results)).toBe('ready');
  });

  test("the kit's own Region data comes first, with no credentials: a lab it cannot build there fails, nothing else is tried", async () => {
    const results = await preflight({ regionProblem: 'Lab06BedrockRag (lab bedrock-rag) cannot be built in eu-west-1: ...' });
    expect(results).toEqual([expect.objectContaining({ mark: 'fail', label: 'The lab in eu-west-1', fix: expect.stringContaining('cannot be built in eu-west-1') })]);
    expect(sts.calls()).toHaveLength(0);
    expect(preflightVerdict(results)).toBe('failed');
  });

  test.each([
    ['throttled', awsError('ThrottlingException', 'Rate exceeded')],
    ['unreachable', Object.assign(awsError('Error', 'getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' })],
  ])('credentials that could not be checked (%s) are never "ready to deploy"', async (_why, error) => {
    sts.on(GetCallerIdentityCommand).rejects(error);
    const results = await preflight();
    expect(results).toEqual([expect.objectContaining({ mark: 'unknown', gate: true })]);
    expect(preflightVerdict(results)).toBe('unconfirmed');
    const text = renderChecklist('Lab', results);
    expect(text).not.toMatch(/ready to deploy\.$/);
    expect(text).toMatch(/Could not confirm the credentials and Region, so nothing else was checked: not ready to deploy/);
  });

  test('a custom bootstrap qualifier: its own parameter, and the bootstrap command with --qualifier', async () => {
    ssm.on(GetParameterCommand, { Name: '/cdk-bootstrap/class1/version' }).rejects(awsError('ParameterNotFound'));
    const [, bootstrap] = await preflight({ bootstrapQualifier: 'class1' });
    expect(bootstrap).toMatchObject({ mark: 'fail', fix: 'npx cdk bootstrap aws://123456789012/eu-west-1 --qualifier class1' });
    expect(bootstrap.label).toContain('/cdk-bootstrap/class1/version missing');
  });

  test('no credentials: one failure with aws configure / aws sso login', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    const results = await preflight();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ mark: 'fail', fix: expect.stringContaining('aws sso login') });
  });

  test('not bootstrapped: the exact cdk bootstrap command', async () => {
    ssm.on(GetParameterCommand, { Name: BOOTSTRAP_VERSION_PARAMETER }).rejects(awsError('ParameterNotFound'));
    const [, bootstrap] = await preflight();
    expect(bootstrap).toMatchObject({ mark: 'fail', fix: 'npx cdk bootstrap aws://123456789012/eu-west-1' });
  });

  test('an old bootstrap version fails', async () => {
    ssm.on(GetParameterCommand, { Name: BOOTSTRAP_VERSION_PARAMETER }).resolves({ Parameter: { Value: String(MIN_BOOTSTRAP_VERSION - 1) } });
    const [, bootstrap] = await preflight();
    expect(bootstrap.mark).toBe('fail');
  });

  test('a service the Region does not offer fails', async () => {
    ssm.on(GetParameterCommand, { Name: serviceParameter(REGION, 'sagemaker') }).rejects(awsError('ParameterNotFound'));
    const [, , service] = await preflight();
    expect(service).toMatchObject({ mark: 'fail', label: 'sagemaker is not offered in eu-west-1' });
  });

  test('a quota of 0 prints the exact increase command and says approval can take a day', async () => {
    quotas.on(GetServiceQuotaCommand).resolves({ Quota: { QuotaName: 'ml.m5.large for training job usage', Value: 0 } });
    const results = await preflight();
    const quota = results[3];
    expect(quota.mark).toBe('fail');
    expect(quota.fix).toContain(
      'aws service-quotas request-service-quota-increase --service-code sagemaker --quota-code L-611FA074 --desired-value 1 --region eu-west-1',
    );
    expect(quota.fix).toContain('approval can take a day');
    expect(renderChecklist('Lab', results)).toMatch(/1 of 5 checks failed/);
  });

  test('a quota the Region does not have means the instance type is not offered there', async () => {
    quotas.on(GetServiceQuotaCommand).rejects(awsError('NoSuchResourceException'));
    quotas.on(ListServiceQuotasCommand).resolves({ Quotas: [{ QuotaName: 'ml.t2.medium for endpoint usage', Value: 2 }] });
    quotas.on(ListAWSDefaultServiceQuotasCommand).resolves({ Quotas: [{ QuotaName: 'ml.t2.medium for endpoint usage', Value: 2 }] });
    const quota = (await preflight())[3];
    expect(quota).toMatchObject({ mark: 'fail', label: expect.stringContaining('SageMaker offers no ml.m5.large there') });
  });

  test('a quota only an option needs is a ? line, not a failure', async () => {
    quotas.on(GetServiceQuotaCommand).resolves({ Quota: { QuotaName: 'ml.m5.large for spot training job usage', Value: 0 } });
    const results = await runPreflight({
      stackName: 'Lab05TuneAndBatch',
      region: REGION,
      preflight: { services: [], sagemaker: [{ usage: 'spot-training', instanceType: 'ml.m5.large', count: 2, onlyWith: '-c spot=true' }] },
      clients: clients(REGION),
      bootstrapQualifier: DEFAULT_BOOTSTRAP_QUALIFIER,
    });
    expect(results[2]).toMatchObject({ mark: 'unknown', label: expect.stringContaining('(needed only with -c spot=true)') });
  });

  test('a quota with no applied value is read from the defaults', async () => {
    quotas.on(GetServiceQuotaCommand).rejects(awsError('NoSuchResourceException'));
    quotas.on(ListServiceQuotasCommand).resolves({ Quotas: [] });
    quotas.on(ListAWSDefaultServiceQuotasCommand).resolves({ Quotas: [{ QuotaName: 'ml.m5.large for training job usage', Value: 0 }] });
    expect((await preflight())[3]).toMatchObject({ mark: 'fail', label: expect.stringContaining('is 0, the lab needs 1') });
  });

  test('a quota found by name is raised with the code Service Quotas gave, not a stale one from the data', async () => {
    quotas.on(GetServiceQuotaCommand).rejects(awsError('NoSuchResourceException'));
    quotas.on(ListServiceQuotasCommand).resolves({ Quotas: [{ QuotaName: 'ml.m5.large for training job usage', QuotaCode: 'L-NEWCODE1', Value: 0 }] });
    const quota = (await preflight())[3];
    expect(quota.mark).toBe('fail');
    expect(quota.fix).toContain('--quota-code L-NEWCODE1 --desired-value 1 --region eu-west-1');
  });

  test('a quota code the Region does not know is looked up by name', async () => {
    quotas.on(GetServiceQuotaCommand).rejects(awsError('NoSuchResourceException'));
    quotas.on(ListServiceQuotasCommand).resolves({ Quotas: [{ QuotaName: 'ml.m5.large for training job usage', Value: 4 }] });
    expect((await preflight())[3].mark).toBe('pass');
  });

  test('the Service Quotas API not reachable in the Region: unknown, with the command to check by hand, not a failure', async () => {
    quotas.on(GetServiceQuotaCommand).rejects(Object.assign(awsError('Error', 'getaddrinfo ENOTFOUND servicequotas.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }));
    const results = await preflight();
    expect(results[3]).toMatchObject({ mark: 'unknown', fix: expect.stringContaining('aws service-quotas list-service-quotas') });
    expect(renderChecklist('Lab', results)).toMatch(/All 4 checks passed, 1 could not be checked/);
  });

  test('throttling after the retries: unknown, asks to run again', async () => {
    quotas.on(GetServiceQuotaCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const quota = (await preflight())[3];
    expect(quota).toMatchObject({ mark: 'unknown', label: expect.stringContaining('run preflight again in a minute') });
  });

  test('access denied is a failure that names the call', async () => {
    quotas.on(GetServiceQuotaCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const quota = (await preflight())[3];
    expect(quota).toMatchObject({ mark: 'fail', fix: expect.stringContaining('servicequotas:GetServiceQuota') });
  });

  test('a Bedrock model without access fails with where to request it', async () => {
    bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
      modelId: 'amazon.nova-micro-v1:0',
      regionAvailability: 'AVAILABLE',
      authorizationStatus: 'AUTHORIZED',
      entitlementAvailability: 'NOT_AVAILABLE',
      agreementAvailability: { status: 'NOT_AVAILABLE' },
    });
    const model = (await preflight())[4];
    expect(model).toMatchObject({ mark: 'fail', fix: expect.stringContaining('Model access') });
  });

  test("the minimum bootstrap version is the one the pinned aws-cdk-lib's templates require", () => {
    // Only the synthesizer's rule is under test: no validation plugins.
    const stack = new Stack(testApp({ outdir }), 'Probe');
    const template = Template.fromStack(stack).toJSON();
    expect(template.Rules.CheckBootstrapVersion.Assertions[0].AssertDescription).toContain(
      `CDK bootstrap stack version ${MIN_BOOTSTRAP_VERSION} required`,
    );
    expect(template.Parameters.BootstrapVersion.Default).toBe(BOOTSTRAP_VERSION_PARAMETER);
  });
});

describe("preflight's service check asks a Region AWS documents for the global-infrastructure path", () => {
  test.each([
    ['eu-west-1', 'aws', 'eu-west-1'],
    ['ca-west-1', 'aws', 'us-east-1'],
    ['cn-north-1', 'aws-cn', undefined],
    ['us-gov-west-1', 'aws-us-gov', undefined],
  ])('a caller in %s (%s) asks %s', (region, partition, asked) => {
    expect(globalInfrastructureRegion(region, partition)).toBe(asked);
  });

  test('no documented Region in the partition: ?, never ✖', async () => {
    await expect(checkService(undefined, 'cn-north-1', 'sagemaker')).resolves.toMatchObject({ mark: 'unknown' });
  });

  test('an SCP that denies the asked Region: ?, never ✖ (it says nothing about the service)', async () => {
    ssm.on(GetParameterCommand, { Name: serviceParameter(REGION, 'sagemaker') }).rejects(awsError('AccessDeniedException', 'explicit deny in a service control policy'));
    const [, , service] = await preflight();
    expect(service).toMatchObject({ mark: 'unknown', fix: expect.stringContaining(`aws ssm get-parameter --region ${REGION}`) });
  });
});

describe("preflight checks the inference profile lab 06 invokes, and the model in the profile's destination Regions", () => {
  const PROFILE = { profileId: 'us.amazon.nova-micro-v1:0', modelId: 'amazon.nova-micro-v1:0' };
  const DESTINATIONS = ['us-east-1', 'us-east-2', 'us-west-2'];
  const available = { regionAvailability: 'AVAILABLE', authorizationStatus: 'AUTHORIZED', entitlementAvailability: 'AVAILABLE' } as const;

  beforeEach(() => {
    bedrock.on(GetInferenceProfileCommand, { inferenceProfileIdentifier: PROFILE.profileId }).resolves({
      inferenceProfileId: PROFILE.profileId,
      status: 'ACTIVE',
      models: DESTINATIONS.map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${PROFILE.modelId}` })),
    });
  });

  /** Answers GetFoundationModelAvailability by the Region of the client that asks. */
  function availabilityByRegion(answer: (region: string) => object | Error): void {
    bedrock.on(GetFoundationModelAvailabilityCommand).callsFake(async (_input, getClient) => {
      const a = answer(await getClient().config.region());
      if (a instanceof Error) throw a;
      return a;
    });
  }

  test("lab 06's data: the embedding model in the Region, the text model only through the Region's profile", () => {
    const { preflight: p } = BEDROCK_RAG.safety;
    expect(p.bedrockModels).toEqual(['amazon.titan-embed-text-v2:0']);
    expect(p.bedrockInferenceProfiles?.['us-east-1']).toEqual(PROFILE);
    expect(p.bedrockInferenceProfiles?.['eu-central-1']?.profileId).toBe('eu.amazon.nova-micro-v1:0');
  });

  test('an active profile and access in every destination Region: two ✔, and every destination asked in its own Region', async () => {
    const asked: string[] = [];
    availabilityByRegion((region) => (asked.push(region), available));
    const results = await checkInferenceProfile(clients('us-west-2'), 'us-west-2', PROFILE);
    expect(marks(results)).toEqual(['pass', 'pass']);
    expect(results[0].label).toBe('Bedrock inference profile us.amazon.nova-micro-v1:0 is active in us-west-2 (routes to us-east-1, us-east-2, us-west-2)');
    expect(asked.sort()).toEqual(DESTINATIONS);
  });

  test('the text model not offered in-Region is no failure: only the profile counts there', async () => {
    availabilityByRegion(() => ({ ...available, regionAvailability: 'NOT_AVAILABLE' }));
    const results = await checkInferenceProfile(clients('us-west-2'), 'us-west-2', PROFILE);
    expect(marks(results)).toEqual(['pass', 'pass']);
  });

  test('the profile not offered in the Region fails (ResourceNotFoundException)', async () => {
    bedrock.on(GetInferenceProfileCommand).rejects(awsError('ResourceNotFoundException'));
    const results = await checkInferenceProfile(clients('us-west-2'), 'us-west-2', PROFILE);
    expect(results).toEqual([expect.objectContaining({ mark: 'fail', label: 'Bedrock inference profile us.amazon.nova-micro-v1:0 is not offered in us-west-2' })]);
  });

  test('no permission to read the profile: ?, with the command to check by hand (it says nothing about the invoke)', async () => {
    bedrock.on(GetInferenceProfileCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: bedrock:GetInferenceProfile'));
    const results = await checkInferenceProfile(clients('us-west-2'), 'us-west-2', PROFILE);
    expect(results).toEqual([
      expect.objectContaining({ mark: 'unknown', fix: 'aws bedrock get-inference-profile --inference-profile-identifier us.amazon.nova-micro-v1:0 --region us-west-2' }),
    ]);
  });

  test('no access to the model in one destination Region fails and names it', async () => {
    availabilityByRegion((region) => (region === 'us-east-2' ? { ...available, authorizationStatus: 'NOT_AUTHORIZED' } : available));
    const [, models] = await checkInferenceProfile(clients('us-east-1'), 'us-east-1', PROFILE);
    expect(models).toMatchObject({ mark: 'fail', label: expect.stringContaining('is not authorized for your identity in us-east-2') });
  });

  test('a destination Region that cannot be asked (an SCP): ?, with a command per Region', async () => {
    availabilityByRegion((region) => (region === 'us-east-2' ? awsError('AccessDeniedException', 'explicit deny in a service control policy') : available));
    const [, models] = await checkInferenceProfile(clients('us-east-1'), 'us-east-1', PROFILE);
    expect(models).toMatchObject({ mark: 'unknown', label: expect.stringContaining('could not ask us-east-2') });
    expect(models.fix).toContain('aws bedrock get-foundation-model-availability --model-id amazon.nova-micro-v1:0 --region us-east-2');
  });

  test('runPreflight asks the profile of the lab Region only', async () => {
    availabilityByRegion(() => available);
    const results = await runPreflight({
      stackName: 'Lab06BedrockRag',
      region: 'us-east-1',
      preflight: BEDROCK_RAG.safety.preflight,
      clients: clients('us-east-1'),
      bootstrapQualifier: DEFAULT_BOOTSTRAP_QUALIFIER,
    });
    expect(results.map((r) => r.label)).toEqual(expect.arrayContaining([expect.stringContaining('Bedrock inference profile us.amazon.nova-micro-v1:0 is active in us-east-1')]));
    expect(bedrock.commandCalls(GetInferenceProfileCommand)).toHaveLength(1);
  });
});
