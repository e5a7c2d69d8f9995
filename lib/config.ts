/**
 * Command-line context of the app (`-c learner=alice`, `-c lab=data-lake`), validated once, up front,
 * with messages that say what is allowed.
 */
import { findLab, LAB_CATALOG, type LabInfo } from './labs/catalog';

/** 1-16 characters, lowercase letters and digits, starting with a letter: valid in every name the labs derive. */
const LEARNER_PATTERN = /^[a-z][a-z0-9]{0,15}$/;

export const DEFAULT_REGION = 'us-east-1';

/** A context value the user passed is not allowed; the message lists every problem and what to use. */
export class KitConfigError extends Error {
  override readonly name = 'KitConfigError';
}

export interface KitConfig {
  /** Learner name, or undefined for a single-user deployment. */
  readonly learner?: string;
  /** The labs to synthesize: all of them, or the one named with `-c lab=<id>`. */
  readonly labs: readonly LabInfo[];
  /** Account to deploy to, when the CLI knows it; undefined when synthesizing without an account. */
  readonly account?: string;
  readonly region: string;
}

/** Reads the context values the app accepts; `getContext` is `app.node.tryGetContext`. */
export function readKitConfig(
  getContext: (key: string) => unknown,
  env: NodeJS.ProcessEnv = process.env,
): KitConfig {
  const problems: string[] = [];
  const learner = parseLearner(getContext('learner'), problems);
  const labs = parseLabs(getContext('lab'), problems);
  const region = env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    problems.push(`region "${region}" is not an AWS Region name such as eu-west-1.`);
  }
  if (problems.length > 0) {
    throw new KitConfigError(`Invalid context:\n- ${problems.join('\n- ')}`);
  }
  return { learner, labs, region, account: env.CDK_DEFAULT_ACCOUNT };
}

function parseLearner(value: unknown, problems: string[]): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !LEARNER_PATTERN.test(value)) {
    problems.push(
      `learner ${JSON.stringify(value)} is not allowed: use 1-16 lowercase letters or digits, ` +
        'starting with a letter (for example -c learner=alice).',
    );
    return undefined;
  }
  return value;
}

function parseLabs(value: unknown, problems: string[]): readonly LabInfo[] {
  if (value === undefined) {
    return LAB_CATALOG;
  }
  if (typeof value !== 'string') {
    problems.push(`-c lab must be a lab id such as data-lake, not ${JSON.stringify(value)}.`);
    return [];
  }
  try {
    return [findLab(value)];
  } catch (e) {
    problems.push(`-c lab: ${(e as Error).message}`);
    return [];
  }
}

/** The stack name for a lab: `Lab01DataLake`, or `alice-Lab01DataLake` for a learner. */
export function stackName(lab: LabInfo, learner?: string): string {
  return learner ? `${learner}-${lab.stackId}` : lab.stackId;
}
