import { checkedCdkRegion, knownRegions, partitionOf, type RegionSources, resolveCdkRegion, unknownRegionProblem } from '../../lib/aws-region';
import { readKitConfig } from '../../lib/config';
import { LABS } from '../../lib/labs';

/** Shared config files as the SDK parses them (config sections without the "profile " prefix). */
function files(config: Record<string, Record<string, string>> = {}, credentials: Record<string, Record<string, string>> = {}): RegionSources {
  return { readIni: () => Promise.resolve({ configFile: config, credentialsFile: credentials }), onEc2: () => false };
}

describe('the Region, resolved in the CDK CLI\'s order (aws-cdk AwsCliCompatible.region)', () => {
  const profiles = files({ default: { region: 'eu-north-1' }, class: { region: 'ap-south-1' } });

  test.each([
    [{ AWS_REGION: 'eu-west-1', AMAZON_REGION: 'x', AWS_DEFAULT_REGION: 'eu-west-2' }, 'eu-west-1', 'AWS_REGION'],
    [{ AMAZON_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'eu-west-2' }, 'eu-west-3', 'AMAZON_REGION'],
    [{ AWS_DEFAULT_REGION: 'eu-west-2', AMAZON_DEFAULT_REGION: 'x', AWS_PROFILE: 'class' }, 'eu-west-2', 'AWS_DEFAULT_REGION'],
    [{ AMAZON_DEFAULT_REGION: 'ca-central-1', AWS_PROFILE: 'class' }, 'ca-central-1', 'AMAZON_DEFAULT_REGION'],
    [{ AWS_PROFILE: 'class' }, 'ap-south-1', 'profile class (config file)'],
    [{ AWS_DEFAULT_PROFILE: 'class' }, 'ap-south-1', 'profile class (config file)'],
    [{ AWS_PROFILE: 'other' }, 'eu-north-1', 'profile default (config file)'],
    [{}, 'eu-north-1', 'profile default (config file)'],
  ])('%j -> %s from %s', async (env, region, from) => {
    await expect(resolveCdkRegion(env, profiles)).resolves.toEqual({ region, from });
  });

  test('AWS_DEFAULT_REGION wins over the profile (the AWS SDK alone would take the profile\'s)', async () => {
    await expect(resolveCdkRegion({ AWS_DEFAULT_REGION: 'eu-west-1' }, files({ default: { region: 'us-east-1' } }))).resolves.toEqual({
      region: 'eu-west-1',
      from: 'AWS_DEFAULT_REGION',
    });
  });

  test('the credentials file before the config file, for the profile and then for default', async () => {
    const both = files({ class: { region: 'eu-west-1' } }, { class: { region: 'eu-west-2' }, default: { region: 'eu-west-3' } });
    await expect(resolveCdkRegion({ AWS_PROFILE: 'class' }, both)).resolves.toEqual({ region: 'eu-west-2', from: 'profile class (credentials file)' });
    await expect(resolveCdkRegion({ AWS_PROFILE: 'none' }, both)).resolves.toEqual({ region: 'eu-west-3', from: 'profile default (credentials file)' });
  });

  test('nothing set: us-east-1, as the CLI; on EC2 the scripts ask for AWS_REGION instead of guessing the metadata', async () => {
    await expect(resolveCdkRegion({}, files())).resolves.toEqual({ region: 'us-east-1', from: 'no Region configured: the CDK CLI\'s default' });
    await expect(resolveCdkRegion({}, { ...files(), onEc2: () => true })).rejects.toThrow(/set AWS_REGION/);
    await expect(resolveCdkRegion({ AWS_EC2_METADATA_DISABLED: 'true' }, { ...files(), onEc2: () => true })).resolves.toMatchObject({ region: 'us-east-1' });
  });
});

describe('a Region that does not exist is refused with the list of Regions', () => {
  test('the list is aws-cdk-lib region-info\'s, with partitions', () => {
    expect(knownRegions()).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1']));
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-east-9')).toBeUndefined();
  });

  test('by the scripts', async () => {
    await expect(checkedCdkRegion({ AWS_REGION: 'us-east-9' }, files())).rejects.toThrow(
      /^Region "us-east-9" \(from AWS_REGION\) is not an AWS Region\. Set AWS_REGION to one of: .*eu-west-1.*us-east-1/,
    );
    await expect(checkedCdkRegion({ AWS_REGION: 'eu-west-1' }, files())).resolves.toEqual({ region: 'eu-west-1', from: 'AWS_REGION' });
  });

  test('by synth', () => {
    expect(() => readKitConfig({}, { CDK_DEFAULT_REGION: 'us-east-9' }, LABS)).toThrow(/Region "us-east-9" .*is not an AWS Region\. Set AWS_REGION to one of: af-south-1, /);
    expect(unknownRegionProblem('eu-west-1')).toBeUndefined();
  });
});
