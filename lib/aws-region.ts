/**
 * The AWS Region the CDK CLI deploys to, resolved the same way, so that `npm run synth`, the app and every lab
 * script (preflight, leftovers, verify, ...) work on the Region `npx cdk deploy` uses, and say which one and why.
 *
 * The CDK CLI's order (aws-cdk 2.1148.1, `AwsCliCompatible.region()` in node_modules/aws-cdk/lib/index.js,
 * bundled from @aws-cdk/toolkit-lib lib/api/aws-auth/awscli-compatible.ts):
 *   AWS_REGION || AMAZON_REGION || AWS_DEFAULT_REGION || AMAZON_DEFAULT_REGION
 *   || the profile's region (profile: --profile, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default";
 *      `getRegionFromIni` reads it from the credentials file, then the config file, then the "default"
 *      profile's region from each, with the SDK's loadSharedConfigFiles)
 *   || the EC2 instance metadata (only on an EC2 instance, unless AWS_EC2_METADATA_DISABLED is set)
 *   || us-east-1.
 * The AWS SDK's own resolution differs: it reads AWS_REGION and the profile only (`NODE_REGION_CONFIG_OPTIONS`,
 * REGION_ENV_NAME = "AWS_REGION" in @smithy/core's config), so with AWS_DEFAULT_REGION set a client built
 * with `{}` can look at another Region than the one the CDK deployed to. Scripts therefore pass the Region
 * resolved here to every client.
 *
 * Which Regions exist: aws-cdk-lib's region-info (`RegionInfo.regions`, the Regions aws-cdk-lib 2.276 has
 * facts for, node_modules/aws-cdk-lib/region-info/lib/aws-entities.js), with each Region's partition.
 */
import { readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/** The CDK CLI's Region when nothing else gives one. */
export const CDK_FALLBACK_REGION = 'us-east-1';

export interface ResolvedRegion {
  readonly region: string;
  /** Where it came from, as the learner would change it: `AWS_DEFAULT_REGION`, `profile class`, ... */
  readonly from: string;
}

/** The shared config and credentials files, as the SDK parses them: profile name -> settings. */
export interface SharedConfigFiles {
  readonly configFile: Readonly<Record<string, Readonly<Record<string, string | undefined>> | undefined>>;
  readonly credentialsFile: Readonly<Record<string, Readonly<Record<string, string | undefined>> | undefined>>;
}

export interface RegionSources {
  /** Reads ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). */
  readonly readIni: () => Promise<SharedConfigFiles>;
  /** Whether this machine is an EC2 instance (where the CLI would ask the instance metadata). */
  readonly onEc2: () => boolean;
}

/** The environment variables the CDK CLI reads a Region from, in its order (the README's Regions section lists them). */
export const REGION_ENV_NAMES = ['AWS_REGION', 'AMAZON_REGION', 'AWS_DEFAULT_REGION', 'AMAZON_DEFAULT_REGION'] as const;

/** A Region problem the learner fixes: the message says how. */
export class RegionError extends Error {
  override readonly name = 'RegionError';
}

/** The Region the CDK CLI would use in this environment, and where it comes from. */
export async function resolveCdkRegion(env: NodeJS.ProcessEnv = process.env, sources: RegionSources = MACHINE_SOURCES): Promise<ResolvedRegion> {
  for (const name of REGION_ENV_NAMES) {
    const region = env[name];
    if (region) return { region, from: name };
  }
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const files = await sources.readIni();
  const fromFiles: [string, SharedConfigFiles[keyof SharedConfigFiles], string][] = [
    [profile, files.credentialsFile, 'credentials'],
    [profile, files.configFile, 'config'],
    ['default', files.credentialsFile, 'credentials'],
    ['default', files.configFile, 'config'],
  ];
  for (const [name, file, kind] of fromFiles) {
    const region = file[name]?.region;
    if (region) return { region, from: `profile ${name} (${kind} file)` };
  }
  const imdsDisabled = !!env.AWS_EC2_METADATA_DISABLED && env.AWS_EC2_METADATA_DISABLED !== 'false';
  if (!imdsDisabled && sources.onEc2()) {
    // The CLI would ask the instance metadata; the scripts do not guess which Region it answers.
    throw new RegionError(
      'No AWS Region is set, and on an EC2 instance the CDK CLI takes the instance\'s Region from its metadata: ' +
        'set AWS_REGION to the Region you deploy to (export AWS_REGION=<region>), so the CDK and the lab scripts use the same one.',
    );
  }
  return { region: CDK_FALLBACK_REGION, from: 'no Region configured: the CDK CLI\'s default' };
}

/** The CDK CLI's EC2 test on Linux: the board asset tag of an instance is its instance id. */
function onEc2Linux(): boolean {
  if (platform() !== 'linux') return false;
  try {
    return readFileSync('/sys/devices/virtual/dmi/id/board_asset_tag', 'utf8').trim().startsWith('i-');
  } catch {
    return false;
  }
}

const MACHINE_SOURCES: RegionSources = {
  readIni: () => loadSharedConfigFiles({ ignoreCache: true }),
  onEc2: onEc2Linux,
};

/** Every Region aws-cdk-lib knows, sorted. */
export function knownRegions(): readonly string[] {
  return RegionInfo.regions.map((r) => r.name).sort();
}

/** The ARN partition of a known Region (`aws`, `aws-cn`, `aws-us-gov`, ...); undefined for an unknown one. */
export function partitionOf(region: string): string | undefined {
  return RegionInfo.get(region).partition;
}

/**
 * Undefined when `region` is a Region aws-cdk-lib knows, else a sentence saying so with every known Region.
 * `from` says where the Region came from, so the learner knows what to change.
 */
export function unknownRegionProblem(region: string, from?: string): string | undefined {
  if (partitionOf(region) !== undefined) return undefined;
  return (
    `Region "${region}"${from ? ` (from ${from})` : ''} is not an AWS Region. Set AWS_REGION to one of: ` +
    `${knownRegions().join(', ')}. (A Region newer than the kit's aws-cdk-lib is not listed: update aws-cdk-lib.)`
  );
}

/** The Region as the CDK CLI resolves it, refused when it does not exist. */
export async function checkedCdkRegion(env: NodeJS.ProcessEnv = process.env, sources: RegionSources = MACHINE_SOURCES): Promise<ResolvedRegion> {
  const resolved = await resolveCdkRegion(env, sources);
  const problem = unknownRegionProblem(resolved.region, resolved.from);
  if (problem) throw new RegionError(problem);
  return resolved;
}

/** One line for a script's output: `Region eu-west-1 (from AWS_DEFAULT_REGION, as npx cdk deploy uses it)`. */
export function regionLine({ region, from }: ResolvedRegion): string {
  return `AWS Region ${region} (${from}; the Region npx cdk uses)`;
}
