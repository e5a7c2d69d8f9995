/**
 * The Region every lab script works in: the one the CDK CLI deploys to (lib/aws-region.ts), refused when it
 * does not exist, printed with where it comes from, and passed to every SDK client the script creates (a
 * client built with `{}` would ignore AWS_DEFAULT_REGION, which the CDK reads).
 */
import { checkedCdkRegion, regionLine } from '../../lib/aws-region';

/** The SDK client configuration of a lab script: the CDK's Region. */
export interface ScriptAwsConfig {
  readonly region: string;
}

/** Resolves the CDK's Region, prints it with its source, and returns the client configuration. */
export async function scriptAwsConfig(print: (text: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<ScriptAwsConfig> {
  const resolved = await checkedCdkRegion(env);
  print(regionLine(resolved));
  return { region: resolved.region };
}
