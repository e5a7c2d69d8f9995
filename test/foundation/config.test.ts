import { cdkCommand, contextOption, DEFAULT_REGION, KitConfigError, learnerOf, readKitConfig, stackName } from '../../lib/config';
import { flag, integer, isCdkContextKey, knownOptions, nearestContextKey, oneOf, text } from '../../lib/context-options';
import { findLab, LABS } from '../../lib/labs';
import { TARGET_LANGUAGE } from '../../lib/labs/language-chain/options';
import { INTERFACE_ENDPOINTS } from '../../lib/labs/sagemaker-private/options';
import { cdkJsonContext } from '../../lib/synthesize';

describe('context values', () => {
  test('with no context, every lab is selected for no learner in the default Region', () => {
    const config = readKitConfig({}, {}, LABS);
    expect(config.labs).toEqual(LABS);
    expect(config.learner).toBeUndefined();
    expect(config.region).toBe(DEFAULT_REGION);
    expect(config.account).toBeUndefined();
  });

  test('-c lab=<id> selects that lab only', () => {
    expect(readKitConfig({ lab: 'firehose-transform' }, {}, LABS).labs.map((l) => l.id)).toEqual(['firehose-transform']);
  });

  test('an unknown lab id is rejected with the list of known ids', () => {
    expect(() => readKitConfig({ lab: 'nope' }, {}, LABS)).toThrow(
      /-c lab="nope" is not allowed: use one of data-lake, firehose-transform, sagemaker-private, language-chain/,
    );
  });

  test('the deploy-time account and Region come from the CDK CLI environment', () => {
    const config = readKitConfig({}, { CDK_DEFAULT_ACCOUNT: '111122223333', CDK_DEFAULT_REGION: 'eu-west-1' }, LABS);
    expect(config).toMatchObject({ account: '111122223333', region: 'eu-west-1' });
  });

  test.each(['eu-west-1', 'us-gov-west-1', 'eusc-de-east-1', 'ap-southeast-7'])('Region %s is a Region name', (region) => {
    expect(readKitConfig({}, { CDK_DEFAULT_REGION: region }, LABS).region).toBe(region);
  });

  test('a malformed Region is rejected', () => {
    expect(() => readKitConfig({}, { CDK_DEFAULT_REGION: 'Europe' }, LABS)).toThrow(/Region "Europe" .*is not an AWS Region/);
  });

  test.each(['alice', 'a', 'bob42', 'abcdefghijklmnop'])('learner %p is accepted', (learner) => {
    expect(readKitConfig({ learner }, {}, LABS).learner).toBe(learner);
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
    expect(() => readKitConfig({ learner }, {}, LABS)).toThrow(
      /-c learner=.* is not allowed: use 1-16 lowercase letters or digits, starting with a letter \(for example -c learner=alice\)/,
    );
  });

  test('several bad values are reported together in one error', () => {
    expect(() => readKitConfig({ learner: 'X', lab: 'nope', lerner: 'bob' }, {}, LABS)).toThrow(/lerner[\s\S]*learner="X"[\s\S]*lab="nope"/);
  });

  test('bad values raise a KitConfigError, which the app prints without a stack trace', () => {
    expect(() => readKitConfig({ learner: '' }, {}, LABS)).toThrow(KitConfigError);
  });

  test('the learner prefixes the stack name', () => {
    const lab = findLab('data-lake');
    expect(stackName(lab)).toBe('Lab01DataLake');
    expect(stackName(lab, 'alice')).toBe('alice-Lab01DataLake');
  });
});

describe('context keys', () => {
  test.each([
    ['lerner', 'learner'],
    ['Learner', 'learner'],
    ['labs', 'lab'],
    ['interfaceEndpoint', 'interfaceEndpoints'],
    ['interface-endpoints', 'interfaceEndpoints'],
    ['targetLang', 'targetLanguage'],
  ])('an unknown key %p is rejected with the nearest known key, %p', (typo, nearest) => {
    expect(() => readKitConfig({ [typo]: 'x' }, {}, LABS)).toThrow(
      new RegExp(`-c ${typo} is not a context key of this kit: did you mean -c ${nearest}=\\.\\.\\.\\?`),
    );
  });

  test('a key like no known one is rejected with the list of keys', () => {
    expect(nearestContextKey('colour', knownOptions(LABS).keys())).toBeUndefined();
    expect(() => readKitConfig({ colour: 'blue' }, {}, LABS)).toThrow(
      `-c colour is not a context key of this kit. The kit's keys are ${[...knownOptions(LABS).keys()].join(', ')}`,
    );
  });

  test('cdk.json feature flags and the CDK\'s own keys are accepted', () => {
    const cdkKeys = {
      ...cdkJsonContext(),
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:bundling-stacks': [],
      'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a'],
      'acknowledged-issue-numbers': [32775],
      'cli-telemetry': false,
    };
    expect(Object.keys(cdkKeys).filter((k) => !isCdkContextKey(k))).toEqual([]);
    expect(() => readKitConfig(cdkKeys, {}, LABS)).not.toThrow();
  });

  test('no kit key looks like a CDK key, so none can slip past the check', () => {
    expect([...knownOptions(LABS).keys()].filter(isCdkContextKey)).toEqual([]);
  });
});

describe('the kit\'s context options', () => {
  test.each([
    ['true', true],
    ['false', false],
    [undefined, false],
  ])('-c interfaceEndpoints=%p reads as %p', (raw, value) => {
    expect(readKitConfig({ interfaceEndpoints: raw }, {}, LABS)).toBeDefined();
    expect(contextOption({ node: { tryGetContext: () => raw } }, INTERFACE_ENDPOINTS)).toBe(value);
  });

  test('-c interfaceEndpoints=yes is rejected with what is allowed', () => {
    expect(() => readKitConfig({ interfaceEndpoints: 'yes' }, {}, LABS)).toThrow('-c interfaceEndpoints must be true or false, not "yes".');
  });

  test.each([
    [undefined, 'none'],
    ['fr', 'fr'],
    ['pt-PT', 'pt-PT'],
    ['none', 'none'],
  ])('-c targetLanguage=%p reads as %p', (raw, value) => {
    expect(contextOption({ node: { tryGetContext: () => raw } }, TARGET_LANGUAGE)).toBe(value);
  });

  test.each(['French', 42, 'fr_FR'])('-c targetLanguage=%p is rejected with what is allowed', (raw) => {
    expect(() => readKitConfig({ targetLanguage: raw }, {}, LABS)).toThrow(
      /-c targetLanguage=.* is not allowed: use a language code Amazon Translate supports, such as fr, de or pt-PT, or none \(for example -c targetLanguage=fr\)/,
    );
  });

  test('a stack reading a bad value it was given directly gets the same message as a KitConfigError', () => {
    expect(() => contextOption({ node: { tryGetContext: () => 'maybe' } }, INTERFACE_ENDPOINTS)).toThrow(KitConfigError);
  });

  test('every option documents its values and default, and parses its absence', () => {
    for (const [key, { option }] of knownOptions(LABS)) {
      expect({ key, documented: [option.description, option.allowed, option.default].every((s) => s.length > 0) }).toEqual({ key, documented: true });
      expect({ key, parsesAbsent: 'value' in option.parse(undefined) }).toEqual({ key, parsesAbsent: true });
    }
  });

  test('an option read by several labs is one object with one row; two different options under one key are refused', () => {
    const shared = flag('shared', 'd');
    const known = knownOptions([{ id: 'a', options: [shared] }, { id: 'b', options: [shared] }]);
    expect(known.get('shared')?.labs).toEqual(['a', 'b']);
    expect(() => knownOptions([{ id: 'a', options: [shared] }, { id: 'b', options: [flag('shared', 'other')] }])).toThrow(
      'Two different -c shared options (lab b and a): declare it once and share it.',
    );
    expect(() => knownOptions([{ id: 'a', options: [flag('learner', 'mine')] }])).toThrow(/Two different -c learner options/);
  });
});

describe('option kinds', () => {
  test('integer: whole numbers in range, from the CLI\'s strings too', () => {
    const hours = integer('idleHours', 'd', { min: 1, max: 72, fallback: 8 });
    expect(hours.parse(undefined)).toEqual({ value: 8 });
    expect(hours.parse('12')).toEqual({ value: 12 });
    for (const bad of ['0', '73', '1.5', 'two', -1]) {
      expect(hours.parse(bad)).toEqual({ problem: `-c idleHours must be a whole number from 1 to 72, not ${JSON.stringify(bad)}.` });
    }
  });

  test('oneOf: only the listed words', () => {
    const chunking = oneOf('chunking', 'd', { choices: ['fixed', 'semantic'], fallback: 'fixed' });
    expect(chunking.parse('semantic')).toEqual({ value: 'semantic' });
    expect(chunking.parse('Semantic')).toEqual({ problem: '-c chunking="Semantic" is not allowed: use one of fixed, semantic.' });
  });

  test('flag and text reject what is not theirs', () => {
    expect(flag('spot', 'd').parse('1')).toEqual({ problem: '-c spot must be true or false, not "1".' });
    expect(text('k', 'd', { pattern: /^a$/, allowed: '`a`', example: 'a', fallback: 'a' }).parse('b')).toEqual({
      problem: '-c k="b" is not allowed: use a (for example -c k=a).',
    });
  });
});

describe('commands for a stack name', () => {
  test.each([
    ['Lab01DataLake', undefined, 'npx cdk deploy Lab01DataLake'],
    ['alice-Lab01DataLake', 'alice', 'npx cdk deploy -c learner=alice alice-Lab01DataLake'],
    ['bob42-Lab03SageMakerPrivate', 'bob42', 'npx cdk deploy -c learner=bob42 bob42-Lab03SageMakerPrivate'],
  ])('%s belongs to learner %p and deploys with %p', (name, learner, command) => {
    expect(learnerOf(name)).toBe(learner);
    expect(cdkCommand('deploy', name)).toBe(command);
  });

  test('the learner of a stack name round-trips through stackName', () => {
    const lab = findLab('language-chain');
    expect(learnerOf(stackName(lab, 'carol'))).toBe('carol');
    expect(learnerOf(stackName(lab))).toBeUndefined();
  });
});
