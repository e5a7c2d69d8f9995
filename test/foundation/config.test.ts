import { DEFAULT_REGION, KitConfigError, readKitConfig, stackName } from '../../lib/config';
import { findLab, LAB_CATALOG } from '../../lib/labs/catalog';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

describe('context values', () => {
  test('with no context, every lab is selected for no learner in the default Region', () => {
    const config = readKitConfig(context({}), {});
    expect(config.labs).toEqual(LAB_CATALOG);
    expect(config.learner).toBeUndefined();
    expect(config.region).toBe(DEFAULT_REGION);
    expect(config.account).toBeUndefined();
  });

  test('-c lab=<id> selects that lab only', () => {
    expect(readKitConfig(context({ lab: 'firehose-transform' }), {}).labs.map((l) => l.id)).toEqual(['firehose-transform']);
  });

  test('an unknown lab id is rejected with the list of known ids', () => {
    expect(() => readKitConfig(context({ lab: 'nope' }), {})).toThrow(
      /Unknown lab "nope"\. Known labs: data-lake, firehose-transform, sagemaker-private, language-chain\./,
    );
  });

  test('the deploy-time account and Region come from the CDK CLI environment', () => {
    const config = readKitConfig(context({}), { CDK_DEFAULT_ACCOUNT: '111122223333', CDK_DEFAULT_REGION: 'eu-west-1' });
    expect(config).toMatchObject({ account: '111122223333', region: 'eu-west-1' });
  });

  test('a malformed Region is rejected', () => {
    expect(() => readKitConfig(context({}), { CDK_DEFAULT_REGION: 'Europe' })).toThrow(/region "Europe" is not an AWS Region/);
  });

  test.each(['alice', 'a', 'bob42', 'abcdefghijklmnop'])('learner %p is accepted', (learner) => {
    expect(readKitConfig(context({ learner }), {}).learner).toBe(learner);
  });

  test.each([
    ['empty', ''],
    ['too long (17)', 'abcdefghijklmnopq'],
    ['uppercase', 'Alice'],
    ['starting with a digit', '1alice'],
    ['with a hyphen', 'al-ice'],
    ['with a space', 'al ice'],
    ['not a string', 42],
  ])('learner %s is rejected with what is allowed', (_, learner) => {
    expect(() => readKitConfig(context({ learner }), {})).toThrow(
      /learner .* is not allowed: use 1-16 lowercase letters or digits, starting with a letter/,
    );
  });

  test('several bad values are reported together in one error', () => {
    expect(() => readKitConfig(context({ learner: 'X', lab: 'nope' }), {})).toThrow(/learner "X"[\s\S]*Unknown lab "nope"/);
  });

  test('bad values raise a KitConfigError, which the app prints without a stack trace', () => {
    expect(() => readKitConfig(context({ learner: '' }), {})).toThrow(KitConfigError);
  });

  test('the learner prefixes the stack name', () => {
    const lab = findLab('data-lake');
    expect(stackName(lab)).toBe('Lab01DataLake');
    expect(stackName(lab, 'alice')).toBe('alice-Lab01DataLake');
  });
});
