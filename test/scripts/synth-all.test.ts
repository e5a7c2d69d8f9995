import { parseContext, synthRegion } from '../../scripts/synth-all';

describe('npm run synth arguments', () => {
  test('take -c and --context key=value pairs like cdk synth', () => {
    expect(parseContext(['-c', 'lab=data-lake', '--context', 'learner=alice'])).toEqual({ lab: 'data-lake', learner: 'alice' });
    expect(parseContext([])).toEqual({});
  });

  test('anything else is rejected with the expected form', () => {
    expect(() => parseContext(['data-lake'])).toThrow('Unexpected argument "data-lake": use -c key=value (for example -c lab=data-lake).');
    expect(() => parseContext(['-c'])).toThrow('Unexpected argument "-c": use -c key=value');
    expect(() => parseContext(['-c', 'lab'])).toThrow('Unexpected argument "lab": use -c key=value');
  });
});

describe('npm run synth Region', () => {
  const noProfile = () => Promise.resolve(undefined);

  test('AWS_REGION first, then AWS_DEFAULT_REGION, like the CDK CLI', async () => {
    await expect(synthRegion({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2', CDK_DEFAULT_REGION: 'eu-west-3' }, noProfile)).resolves.toEqual({
      region: 'eu-west-1',
      from: 'AWS_REGION',
    });
    await expect(synthRegion({ AWS_DEFAULT_REGION: 'eu-west-2', CDK_DEFAULT_REGION: 'eu-west-3' }, noProfile)).resolves.toEqual({
      region: 'eu-west-2',
      from: 'AWS_DEFAULT_REGION',
    });
  });

  test('then the profile\'s region, which the CLI reads too', async () => {
    await expect(synthRegion({ AWS_PROFILE: 'class', CDK_DEFAULT_REGION: 'eu-west-3' }, () => Promise.resolve('ap-south-1'))).resolves.toEqual({
      region: 'ap-south-1',
      from: 'profile class',
    });
  });

  test('then CDK_DEFAULT_REGION set by hand, else us-east-1 (the CLI\'s fallback too)', async () => {
    await expect(synthRegion({ CDK_DEFAULT_REGION: 'eu-west-3' }, noProfile)).resolves.toEqual({ region: 'eu-west-3', from: 'CDK_DEFAULT_REGION' });
    await expect(synthRegion({}, noProfile)).resolves.toEqual({ region: 'us-east-1', from: 'default: no Region configured' });
  });
});
