/**
 * Runs the CDK CLI for `npm run lab -- <lab> deploy|destroy`: the one package.json pins (what `npx cdk`
 * runs in this repository), from the repository root (cdk.json), on the learner's terminal, so its progress
 * and its questions (approving IAM changes) show as they do with `npx cdk`.
 */
import { type ChildProcess, spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { constants } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_BOOTSTRAP_QUALIFIER } from '../../lib/safety/preflight';

/** The repository root, where cdk.json and the pinned aws-cdk are. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/** Runs `cdk <args>` and resolves to the CLI's exit code. */
export type CdkRunner = (args: readonly string[]) => Promise<number>;

export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/**
 * `npx --no-install cdk <args>`: --no-install makes npx fail rather than download another aws-cdk when the
 * pinned one is missing (npm's `latest` aws-cdk cannot read what the pinned aws-cdk-lib synthesizes).
 */
export function spawnCdk(spawn: Spawn = nodeSpawn): CdkRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      const child = spawn('npx', ['--no-install', 'cdk', ...args], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
      child.on('error', (e) => reject(new Error(`Could not start the CDK CLI (npx cdk): ${e.message}. Run npm ci in ${REPOSITORY_ROOT}.`)));
      // Stopped by a signal (Ctrl+C): the shell's convention, 128 + the signal's number.
      child.on('close', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
}

/** The lab copy a CDK command works on. */
export interface CdkTarget {
  readonly labId: string;
  readonly stackName: string;
  readonly learner?: string;
}

/**
 * `<verb> [flags] -c lab=<id> [-c learner=<name>] [-c key=value ...] <stack>`. `-c lab` makes the app build
 * this lab only (a faster synth, and another lab's Region limits do not matter); `-c learner` is what makes
 * the app build a learner's copy at all; the stack name keeps the CLI to that one stack.
 */
export function cdkArgs(
  verb: 'deploy' | 'destroy',
  target: CdkTarget,
  options: { readonly flags?: readonly string[]; readonly context?: readonly (readonly [string, string])[] } = {},
): string[] {
  const context: (readonly [string, string])[] = [['lab', target.labId]];
  if (target.learner) context.push(['learner', target.learner]);
  context.push(...(options.context ?? []));
  return [verb, ...(options.flags ?? []), ...context.flatMap(([key, value]) => ['-c', `${key}=${value}`]), target.stackName];
}

/** The command as the learner would type it, for the log. */
export function shownCommand(args: readonly string[]): string {
  return `npx cdk ${args.join(' ')}`;
}

/** The context key DefaultStackSynthesizer reads its bootstrap qualifier from (aws-cdk-lib BOOTSTRAP_QUALIFIER_CONTEXT). */
const QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

/**
 * The bootstrap qualifier the app synthesizes with: a `-c @aws-cdk/core:bootstrapQualifier=...` given to the
 * command, else cdk.json's context, else the synthesizer's default hnb659fds.
 */
export function appBootstrapQualifier(
  context: readonly (readonly [string, string])[] = [],
  cdkJson: string = path.join(REPOSITORY_ROOT, 'cdk.json'),
): string {
  const given = context.find(([key]) => key === QUALIFIER_CONTEXT)?.[1];
  if (given) return given;
  const fromFile = (JSON.parse(fs.readFileSync(cdkJson, 'utf8')) as { context?: Record<string, unknown> }).context?.[QUALIFIER_CONTEXT];
  return typeof fromFile === 'string' && fromFile !== '' ? fromFile : DEFAULT_BOOTSTRAP_QUALIFIER;
}
