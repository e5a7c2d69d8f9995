import { KitConfigError, readKitConfig, stackName } from '../../lib/config';
import { knownOptions, LEARNER_PATTERN } from '../../lib/context-options';
import { findLab, LABS } from '../../lib/labs';

export interface LabArgs extends LabCopyArgs {
  /** `--name value` options other than --learner. */
  readonly options: Record<string, string>;
}

/** Parses `--learner alice --count 100` style arguments of a lab script. */
export function parseLabArgs(labId: string, argv: readonly string[]): LabArgs {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z][a-z-]*)$/.exec(argv[i]);
    const value = argv[i + 1];
    if (!match || value === undefined || value.startsWith('--')) {
      throw new Error(`Unexpected argument "${argv[i]}": options are written --name value.`);
    }
    options[match[1]] = value;
    i++;
  }
  const { learner, ...rest } = options;
  if (learner !== undefined && !LEARNER_PATTERN.test(learner)) {
    throw new Error(
      `--learner ${JSON.stringify(learner)} is not a learner name: use the name you deployed with -c learner=<name> ` +
        '(1-16 lowercase letters or digits, starting with a letter).',
    );
  }
  return { stackName: stackName(findLab(labId), learner), learner, options: rest };
}

/** The copy of a lab a script works on. */
export interface LabCopyArgs {
  /** The deployed stack's name, with the learner prefix if `--learner` was given. */
  readonly stackName: string;
  /** The `--learner` name, undefined for the shared copy. */
  readonly learner?: string;
}

/** Arguments of a kit script that takes nothing but `--learner <name>` (`takes`: what else it says it takes). */
export function parseLearnerOnly(script: string, labId: string, argv: readonly string[], takes = 'only --learner <name>'): LabCopyArgs {
  const { options, ...copy } = parseLabArgs(labId, argv);
  const unknown = Object.keys(options);
  if (unknown.length > 0) {
    throw new Error(`${script} takes ${takes}, not --${unknown.join(', --')}.`);
  }
  return copy;
}

export interface DeployArgs extends LabCopyArgs {
  /** The `-c key=value` options to pass on to `cdk deploy`, in the order given. */
  readonly context: readonly (readonly [string, string])[];
}

/**
 * Arguments of `deploy`: `--learner <name>` and any number of `-c key=value` (or `--context`). Each context option is
 * checked here, before the preflight runs, with the app's own validation (readKitConfig), and must be one
 * that this lab reads: a typo or another lab's option would otherwise be found only after the preflight,
 * or not at all.
 */
export function parseDeployArgs(labId: string, argv: readonly string[]): DeployArgs {
  const context: [string, string][] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    // The CDK CLI's spellings: -c key=value, --context key=value, --context=key=value.
    const flag = /^(-c|--context)(?:=(.*))?$/.exec(argv[i]);
    if (!flag) {
      rest.push(argv[i]);
      continue;
    }
    const pair = flag[2] ?? argv[++i] ?? '';
    const equals = pair.indexOf('=');
    if (equals < 1) {
      throw new Error(`${flag[1]} needs key=value (for example -c spot=true), not ${JSON.stringify(pair)}.`);
    }
    context.push([pair.slice(0, equals), pair.slice(equals + 1)]);
  }
  const copy = parseLearnerOnly('deploy', labId, rest, '--learner <name> and -c key=value');
  for (const [key, value] of context) {
    checkDeployContext(labId, key, value);
  }
  return { ...copy, context };
}

function checkDeployContext(labId: string, key: string, value: string): void {
  if (key === 'learner') {
    throw new Error(`Write --learner ${value} instead of -c learner=${value}: deploy passes it on to the CDK.`);
  }
  if (key === 'lab') {
    throw new Error(`-c lab is set by the lab you name (npm run lab -- ${labId} deploy); leave it out.`);
  }
  try {
    readKitConfig({ [key]: value }, {}, LABS);
  } catch (e) {
    if (e instanceof KitConfigError) {
      throw new Error(e.message.replace(/^Invalid context:\n- /, '').replace(/\n- /g, ' '), { cause: e });
    }
    throw e;
  }
  // CDK keys (aws:cdk:..., feature flags) pass readKitConfig and belong to no lab.
  const readers = knownOptions(LABS).get(key)?.labs;
  if (readers && readers !== 'all' && !readers.includes(labId)) {
    throw new Error(`-c ${key} is an option of ${readers.join(', ')}, not of ${labId} (README, "Context options").`);
  }
}
