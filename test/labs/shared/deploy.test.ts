import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { findLab } from '../../../lib/labs';
import { bootstrapVersionParameter, DEFAULT_BOOTSTRAP_QUALIFIER, serviceParameter } from '../../../lib/safety/preflight';
import { deploy } from '../../../labs/shared/deploy';
import { awsError, fakePreflightClients } from '../../safety/fake-aws';

const sts = mockClient(STSClient);
const ssm = mockClient(SSMClient);
const BOOTSTRAP_VERSION_PARAMETER = bootstrapVersionParameter(DEFAULT_BOOTSTRAP_QUALIFIER);
const clients = fakePreflightClients();
const deps = { aws: () => Promise.resolve({ region: 'eu-west-1' }), preflight: () => clients };
// Lab 01 checks credentials, the bootstrap and its services: no quota or model, so two mocks serve it.
const lab = findLab('data-lake');

let printed: string[];
let cdk: jest.Mock<Promise<number>, [readonly string[]]>;
const run = (...argv: string[]) => deploy(lab, argv, { ...deps, cdk, print: (text) => printed.push(text) });

beforeEach(() => {
  sts.reset();
  ssm.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'ok' } });
  ssm.on(GetParameterCommand, { Name: BOOTSTRAP_VERSION_PARAMETER }).resolves({ Parameter: { Value: '30' } });
  printed = [];
  cdk = jest.fn((_args: readonly string[]) => Promise.resolve(0));
});

describe('npm run lab -- <lab> deploy', () => {
  test('a failed preflight check stops before the CDK starts, with its fix and exit code 1', async () => {
    ssm.on(GetParameterCommand, { Name: BOOTSTRAP_VERSION_PARAMETER }).rejects(awsError('ParameterNotFound'));
    await expect(run()).resolves.toBe(1);
    expect(cdk).not.toHaveBeenCalled();
    const output = printed.join('\n');
    expect(output).toContain('→ npx cdk bootstrap aws://123456789012/eu-west-1');
    expect(output).toMatch(/✖ Not deploying Lab01DataLake: fix each ✖ above/);
  });

  test('no credentials: stops before the CDK, saying how to sign in', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    await expect(run('--learner', 'alice')).resolves.toBe(1);
    expect(cdk).not.toHaveBeenCalled();
    expect(printed.join('\n')).toMatch(/aws configure` or `aws sso login`/);
  });

  test('success passes the exact argv to the CDK: lab, learner, and the stack', async () => {
    await expect(run('--learner', 'alice')).resolves.toBe(0);
    expect(cdk.mock.calls).toEqual([[['deploy', '-c', 'lab=data-lake', '-c', 'learner=alice', 'alice-Lab01DataLake']]]);
    expect(printed.at(-1)).toBe('\nnpx cdk deploy -c lab=data-lake -c learner=alice alice-Lab01DataLake');
  });

  test("the lab's -c options (and the CDK's own keys) reach the CDK as given, after lab and learner", async () => {
    const chain = findLab('language-chain');
    const argv = ['--context=targetLanguage=fr', '--learner', 'bob', '-c', '@aws-cdk/core:newStyleStackSynthesis=true'];
    await deploy(chain, argv, { ...deps, cdk, print: (text) => printed.push(text) });
    expect(cdk.mock.calls).toEqual([
      [['deploy', '-c', 'lab=language-chain', '-c', 'learner=bob', '-c', 'targetLanguage=fr', '-c', '@aws-cdk/core:newStyleStackSynthesis=true', 'bob-Lab04LanguageChain']],
    ]);
  });

  test("the CDK's non-zero exit code is the script's", async () => {
    cdk.mockResolvedValue(3);
    await expect(run()).resolves.toBe(3);
  });

  test('credentials that could not be checked stop the deploy: not ready', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    await expect(run()).resolves.toBe(1);
    expect(cdk).not.toHaveBeenCalled();
    expect(printed.join('\n')).toMatch(/✖ Not deploying Lab01DataLake: the credentials and Region could not be confirmed/);
  });

  test("bedrock-rag in a Region the kit cannot build it in stops before any AWS call, from the kit's own data", async () => {
    await expect(deploy(findLab('bedrock-rag'), [], { ...deps, cdk, print: (text) => printed.push(text) })).resolves.toBe(1);
    expect(sts.calls()).toHaveLength(0);
    expect(printed.join('\n')).toMatch(/✖ The lab in eu-west-1\n\s+→ Lab06BedrockRag \(lab bedrock-rag\) cannot be built in eu-west-1/);
  });

  test('a ? line (could not check) does not stop the deploy, and says so', async () => {
    ssm.on(GetParameterCommand, { Name: serviceParameter('eu-west-1', 'glue') }).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    await expect(run()).resolves.toBe(0);
    expect(cdk).toHaveBeenCalledTimes(1);
    expect(printed.join('\n')).toMatch(/\? glue in eu-west-1: AWS throttled[\s\S]*The \? lines could not be checked; they do not stop the deploy/);
  });

  test.each([
    [['--learner', 'Alice'], /^--learner "Alice" is not a learner name/],
    [['--require-approval', 'never'], /^deploy has no option --require-approval\. Its options: --learner /],
    [['-c'], /^-c needs key=value \(for example -c spot=true\), not nothing\.$/],
    [['-c', 'lerner=alice'], /^-c lerner is not a context key of this kit: did you mean -c learner=\.\.\.\?/],
    [['-c', 'learner=alice'], /^Write --learner alice instead of -c learner=alice/],
    [['-c', 'lab=firehose-transform'], /^-c lab is set by the lab you name/],
    [['-c', 'spot=true'], /^-c spot is an option of tune-and-batch, not of data-lake/],
  ])('%p is refused with one line, before any AWS call', async (argv, message) => {
    await expect(run(...argv)).rejects.toThrow(message);
    expect(sts.calls()).toHaveLength(0);
    expect(cdk).not.toHaveBeenCalled();
  });

  test('a bad value of a known option is refused with what is allowed', async () => {
    await expect(deploy(findLab('sagemaker-private'), ['-c', 'idleHours=99'], { ...deps, cdk, print: () => undefined })).rejects.toThrow(
      /^-c idleHours must be a whole number from 0 to 24, not "99"\.$/,
    );
  });
});
