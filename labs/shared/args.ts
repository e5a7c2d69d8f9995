/**
 * The one argument language of every lab script (`npm run lab -- <lab> <script> ...`): each script declares
 * what it takes as a ScriptSpec, and parseScriptArgs reads argv against it, before the script makes any AWS
 * call. Every script answers --help (what it does, its options, an example); every mistake gets one sentence
 * that says what to write instead: the nearest known option for a typo (--lerner: --learner), --learner for
 * `-c learner=`, what a number option got, that an option lacks its value. A learner name that breaks the
 * naming rule is never suggested back.
 */
import { KitConfigError, readKitConfig, stackName } from '../../lib/config';
import { editDistance, knownOptions as knownContextOptions, LEARNER_PATTERN } from '../../lib/context-options';
import { LABS } from '../../lib/labs';
import type { LabInfo } from '../../lib/labs/lab-info';

/** A `--name <value>` option whose value is a number. */
export interface NumberOption {
  readonly description: string;
  /** The value's placeholder in the help: `<seconds>`. */
  readonly placeholder: string;
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer: boolean;
  readonly default: number;
}

/** What a script takes, for the parser and its --help. */
export interface ScriptSpec {
  /** The script's name on the command line: `verify`. */
  readonly script: string;
  /** What it does, one or two sentences. */
  readonly summary: string;
  /** Whether it works on a deployed copy and so takes `--learner <name>`. */
  readonly learner: boolean;
  readonly options?: Readonly<Record<string, NumberOption>>;
  /** A question in quotes before the options (lab 06's ask and retrieve). */
  readonly question?: boolean;
  /** Takes `-c key=value` context options and passes them on to the CDK (deploy). */
  readonly context?: boolean;
  /** The arguments of the help's example, after the script name. */
  readonly example?: string;
}

/** A lab as far as the parser needs it. */
export type ScriptLab = Pick<LabInfo, 'id' | 'stackId'>;

/** The copy of a lab a script works on. */
export interface LabCopyArgs {
  /** The deployed stack's name, with the learner prefix if `--learner` was given. */
  readonly stackName: string;
  /** The `--learner` name, undefined for the shared copy. */
  readonly learner?: string;
}

export interface ScriptArgs extends LabCopyArgs {
  /** Every number option of the spec, given or its default. */
  readonly options: Readonly<Record<string, number>>;
  /** The `-c key=value` options, in the order given (only for a spec with `context`). */
  readonly context: readonly (readonly [string, string])[];
  /** The question (only for a spec with `question`). */
  readonly question?: string;
}

/** `--help` was asked for: the message is the help text (labs/run.ts prints it and exits 0). */
export class ScriptHelp extends Error {
  override readonly name = 'ScriptHelp';
}

/** A mistake in a script's arguments; labs/run.ts prints the message. */
export class ScriptArgumentError extends Error {
  override readonly name = 'ScriptArgumentError';
}

const LEARNER_RULE = '1-16 lowercase letters or digits, starting with a letter';

function command(lab: ScriptLab, spec: ScriptSpec): string {
  return `npm run lab -- ${lab.id} ${spec.script}`;
}

/** The options a script knows, by name without `--`, with their help lines. */
function knownOptions(spec: ScriptSpec): [string, string][] {
  const known: [string, string][] = [];
  if (spec.learner) {
    known.push(['learner', '--learner <name>   your copy of the lab: the name you deployed with (omit it for the shared copy)']);
  }
  for (const [name, o] of Object.entries(spec.options ?? {})) {
    known.push([name, `--${name} ${o.placeholder}   ${o.description} (${o.integer ? 'a whole number' : 'a number'} from ${o.min} to ${o.max}; default ${o.default})`]);
  }
  if (spec.context) {
    known.push(['context', '-c <key>=<value>   a context option of this lab, passed on to the CDK (README, "Context options"); -c learner is --learner']);
  }
  known.push(['help', '--help   this text']);
  return known;
}

/** The --help text: usage, what it does, its options, an example. */
export function scriptHelp(lab: ScriptLab, spec: ScriptSpec): string {
  const usage = [
    command(lab, spec),
    ...(spec.question ? ['"<question>"'] : []),
    ...(spec.learner ? ['[--learner <name>]'] : []),
    ...Object.entries(spec.options ?? {}).map(([name, o]) => `[--${name} ${o.placeholder}]`),
    ...(spec.context ? ['[-c <key>=<value> ...]'] : []),
  ].join(' ');
  return [
    `Usage: ${usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...knownOptions(spec).map(([, line]) => `  ${line}`),
    '',
    `Example: ${command(lab, spec)}${spec.example ? ` ${spec.example}` : ''}`,
  ].join('\n');
}

/** The known option nearest to a mistyped one, if it is close enough to be a typo. */
function nearestOption(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(name.toLowerCase(), k);
    if (!best || distance < best.distance) best = { name: k, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/** Reads `argv` against `spec`; throws ScriptHelp for --help, ScriptArgumentError for a mistake. */
export function parseScriptArgs(lab: ScriptLab, spec: ScriptSpec, argv: readonly string[]): ScriptArgs {
  const help = `(${command(lab, spec)} --help lists them)`;
  if (argv.some((a) => a === '--help' || a === '-h')) {
    throw new ScriptHelp(scriptHelp(lab, spec));
  }
  const known = knownOptions(spec).map(([name]) => name);
  const values: Record<string, string> = {};
  const context: [string, string][] = [];
  let rest = [...argv];
  let question: string | undefined;
  if (spec.question) {
    const [first, ...others] = rest;
    if (first === undefined || first.startsWith('-') || first.trim() === '') {
      throw new ScriptArgumentError(`Ask a question in quotes first: ${command(lab, spec)} ${spec.example ?? '"<question>"'}`);
    }
    question = first.trim();
    rest = others;
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const contextFlag = /^(-c|--context)(?:=(.*))?$/.exec(arg);
    if (contextFlag) {
      const pair = contextFlag[2] ?? rest[++i];
      const equals = pair?.indexOf('=') ?? -1;
      if (pair === undefined || equals < 1) {
        throw new ScriptArgumentError(`${contextFlag[1]} needs key=value (for example -c spot=true), not ${pair === undefined ? 'nothing' : JSON.stringify(pair)}.`);
      }
      const [key, value] = [pair.slice(0, equals), pair.slice(equals + 1)];
      if (key === 'learner' && !spec.learner) {
        throw new ScriptArgumentError(`${spec.script} takes no learner: it does not work on a deployed copy ${help}.`);
      }
      if (key === 'learner') {
        const instead = LEARNER_PATTERN.test(value) ? `--learner ${value}` : `--learner <name> (${LEARNER_RULE})`;
        throw new ScriptArgumentError(`Write ${instead} instead of -c learner=${value}: lab scripts take the learner as --learner${spec.context ? ' and pass it on to the CDK' : ''}.`);
      }
      if (!spec.context) {
        throw new ScriptArgumentError(`${spec.script} takes no -c options: they change what is deployed, so they go to deploy (npm run lab -- ${lab.id} deploy -c ${key}=...).`);
      }
      context.push([key, value]);
      continue;
    }
    const option = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg);
    if (!option) {
      const asLearner = spec.learner && LEARNER_PATTERN.test(arg) ? `: did you mean --learner ${arg}?` : ': options are written --name value';
      throw new ScriptArgumentError(`Unexpected argument "${arg}"${asLearner} ${help}.`);
    }
    const name = option[1];
    if (!known.includes(name) || name === 'help' || name === 'context' || !arg.startsWith('--')) {
      const nearest = nearestOption(name, known.filter((k) => k !== 'help' && k !== 'context'));
      throw new ScriptArgumentError(
        `${spec.script} has no option ${arg.replace(/=.*/, '')}` +
          (nearest ? `: did you mean --${nearest}?` : '.') +
          ` Its options: ${known.filter((k) => k !== 'help' && k !== 'context').map((k) => `--${k}`).join(', ') || 'none'} ${help}.`,
      );
    }
    const value = option[2] ?? rest[i + 1];
    if (value === undefined || (option[2] === undefined && value.startsWith('--'))) {
      throw new ScriptArgumentError(`--${name} needs a value: ${knownOptions(spec).find(([k]) => k === name)?.[1].split('   ')[0] ?? `--${name} <value>`}.`);
    }
    if (option[2] === undefined) i++;
    values[name] = value;
  }
  const { learner, ...numbers } = values;
  if (learner !== undefined && !LEARNER_PATTERN.test(learner)) {
    throw new ScriptArgumentError(`--learner ${JSON.stringify(learner)} is not a learner name: use the name you deployed with -c learner=<name> (${LEARNER_RULE}).`);
  }
  const options: Record<string, number> = {};
  for (const [name, o] of Object.entries(spec.options ?? {})) {
    const raw = numbers[name];
    const value = raw === undefined ? o.default : /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isFinite(value) || (o.integer && !Number.isInteger(value)) || value < o.min || value > o.max) {
      throw new ScriptArgumentError(`--${name} must be ${o.integer ? 'a whole number' : 'a number'} from ${o.min} to ${o.max}, not ${JSON.stringify(raw)}.`);
    }
    options[name] = value;
  }
  for (const [key, value] of context) {
    checkDeployContext(lab.id, key, value);
  }
  return { stackName: stackName({ stackId: lab.stackId }, learner), learner, options, context, ...(question === undefined ? {} : { question }) };
}

/**
 * A `-c` option of deploy, checked before the preflight runs with the app's own validation (readKitConfig),
 * and one that this lab reads: a typo or another lab's option would otherwise be found only after the
 * preflight, or not at all.
 */
function checkDeployContext(labId: string, key: string, value: string): void {
  if (key === 'lab') {
    throw new ScriptArgumentError(`-c lab is set by the lab you name (npm run lab -- ${labId} deploy); leave it out.`);
  }
  try {
    readKitConfig({ [key]: value }, {}, LABS);
  } catch (e) {
    if (e instanceof KitConfigError) {
      throw new ScriptArgumentError(e.message.replace(/^Invalid context:\n- /, '').replace(/\n- /g, ' '), { cause: e });
    }
    throw e;
  }
  // CDK keys (aws:cdk:..., feature flags) pass readKitConfig and belong to no lab.
  const readers = knownContextOptions(LABS).get(key)?.labs;
  if (readers && readers !== 'all' && !readers.includes(labId)) {
    throw new ScriptArgumentError(`-c ${key} is an option of ${readers.join(', ')}, not of ${labId} (README, "Context options").`);
  }
}

/** The spec of a kit script that works on one copy and takes nothing but `--learner`. */
export function copyScript(script: string, summary: string): ScriptSpec {
  return { script, summary, learner: true, example: '--learner alice' };
}
