/**
 * Every `-c key=value` the kit accepts, in one place. `readKitConfig` (lib/config.ts) rejects any other key
 * with the nearest known one as a suggestion (`-c lerner=alice` would otherwise be ignored, and in a shared
 * account deploy over another learner's stack), validates every value before a stack is built, and the
 * README's "Context options" table is generated from this list (test/foundation/regions-docs.test.ts).
 * No aws-cdk-lib import: lab scripts and docs checks read it.
 */
import { TARGET_LANGUAGE_PATTERN } from '../lambda/language-read/env';
import { CHUNKING_STRATEGIES, DEFAULT_CHUNKING } from './labs/bedrock-rag/chunking';
import { LAB_CATALOG } from './labs/catalog';

/** A parsed value, or a sentence saying what is allowed. */
export type Parsed<T> = { readonly value: T } | { readonly problem: string };

export interface ContextOption<T> {
  /** The lab ids that read the option, or `all`. */
  readonly labs: readonly string[] | 'all';
  /** What it does, one sentence for the README table. */
  readonly description: string;
  /** The values allowed, as the README shows them. */
  readonly allowed: string;
  /** What applies without it, as the README shows it. */
  readonly default: string;
  /** The value for the raw context value (`undefined` when the key is not given). */
  readonly parse: (raw: unknown, key: string) => Parsed<T>;
}

/** `true` or `false` (the CLI passes `-c key=true` as the string "true"); false when not given. */
export function flag(labs: ContextOption<boolean>['labs'], description: string): ContextOption<boolean> {
  return {
    labs,
    description,
    allowed: '`true` or `false`',
    default: '`false`',
    parse: (raw, key) => {
      if (raw === undefined || raw === false || raw === 'false') {
        return { value: false };
      }
      if (raw === true || raw === 'true') {
        return { value: true };
      }
      return { problem: `-c ${key} must be true or false, not ${JSON.stringify(raw)}.` };
    },
  };
}

/** A string matching `pattern`; `fallback` when not given. */
export function text<D extends string | undefined>(
  labs: ContextOption<string>['labs'],
  description: string,
  spec: { readonly pattern: RegExp; readonly allowed: string; readonly example: string; readonly fallback: D },
): ContextOption<string | D> {
  return {
    labs,
    description,
    allowed: spec.allowed,
    default: spec.fallback === undefined ? 'none' : `\`${spec.fallback}\``,
    parse: (raw, key) => {
      if (raw === undefined) {
        return { value: spec.fallback };
      }
      if (typeof raw === 'string' && spec.pattern.test(raw)) {
        return { value: raw };
      }
      return { problem: `-c ${key}=${JSON.stringify(raw)} is not allowed: use ${spec.allowed.replace(/`/g, '')} (for example -c ${key}=${spec.example}).` };
    },
  };
}

/** A whole number from `min` to `max`; `fallback` when not given. */
export function integer(
  labs: ContextOption<number>['labs'],
  description: string,
  spec: { readonly min: number; readonly max: number; readonly fallback: number },
): ContextOption<number> {
  return {
    labs,
    description,
    allowed: `a whole number from ${spec.min} to ${spec.max}`,
    default: `\`${spec.fallback}\``,
    parse: (raw, key) => {
      if (raw === undefined) {
        return { value: spec.fallback };
      }
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (Number.isInteger(value) && value >= spec.min && value <= spec.max) {
        return { value };
      }
      return { problem: `-c ${key} must be a whole number from ${spec.min} to ${spec.max}, not ${JSON.stringify(raw)}.` };
    },
  };
}

/** One of a fixed list of words; `fallback` when not given. */
export function oneOf<const C extends readonly string[], D extends C[number] | undefined>(
  labs: ContextOption<string>['labs'],
  description: string,
  spec: { readonly choices: C; readonly fallback: D },
): ContextOption<C[number] | D> {
  return {
    labs,
    description,
    allowed: spec.choices.map((c) => `\`${c}\``).join(', '),
    default: spec.fallback === undefined ? 'none' : `\`${spec.fallback}\``,
    parse: (raw, key) => {
      if (raw === undefined) {
        return { value: spec.fallback };
      }
      const choice = spec.choices.find((c) => c === raw);
      return choice !== undefined
        ? { value: choice }
        : { problem: `-c ${key}=${JSON.stringify(raw)} is not allowed: use one of ${spec.choices.join(', ')}.` };
    },
  };
}

/** 1-16 characters, lowercase letters and digits, starting with a letter: valid in every name the labs derive. */
export const LEARNER_PATTERN = /^[a-z][a-z0-9]{0,15}$/;

/**
 * THE REGISTRY. To add an option, add ONE entry here (key: flag / text / integer / oneOf, with the labs that
 * read it and a one-sentence description), read it in your stack with `contextOption(this, 'key')` (never
 * `tryGetContext`), and regenerate the README table: `UPDATE_DOCS=1 npx jest test/foundation/regions-docs.test.ts`.
 * An unknown key, or a bad value, then stops synth with a clear message and no stack trace.
 */
export const CONTEXT_OPTIONS = {
  learner: text('all', 'Your own copy of every lab in a shared account: prefixes the stack (`alice-Lab01DataLake`) and every name a service requires to be unique.', {
    pattern: LEARNER_PATTERN,
    allowed: '1-16 lowercase letters or digits, starting with a letter',
    example: 'alice',
    fallback: undefined,
  }),
  lab: oneOf('all', 'Builds only this lab (`npm run synth -- -c lab=data-lake`).', {
    choices: LAB_CATALOG.map((l) => l.id),
    fallback: undefined,
  }),
  chunking: oneOf(['bedrock-rag'], 'How the knowledge base\'s data source splits the corpus into chunks before embedding (a new strategy replaces the data source and ingests again).', {
    choices: CHUNKING_STRATEGIES,
    fallback: DEFAULT_CHUNKING,
  }),
  interfaceEndpoints: flag(['sagemaker-private'], 'Adds PrivateLink endpoints for the SageMaker API and runtime, STS and CloudWatch Logs to the private VPC (about $0.04/hour more).'),
  idleHours: integer(['sagemaker-private'], 'Hours without an endpoint invocation after which the lab deletes its own stack (it bills by the hour); `0` turns this off.', {
    min: 0,
    max: 24,
    fallback: 2,
  }),
  spot: flag(['tune-and-batch'], 'Runs the tuning job\'s training jobs on managed spot capacity (cheaper; a job may wait for capacity and resume from checkpoints in the lab bucket).'),
  targetLanguage: text(['language-chain'], 'Also translates every document into this language (an upload\'s metadata can override it).', {
    pattern: TARGET_LANGUAGE_PATTERN,
    allowed: 'a language code Amazon Translate supports, such as `fr`, `de` or `pt-PT`, or `none`',
    example: 'fr',
    fallback: 'none',
  }),
} as const satisfies Record<string, ContextOption<unknown>>;

export type ContextKey = keyof typeof CONTEXT_OPTIONS;
export type ContextValue<K extends ContextKey> = (typeof CONTEXT_OPTIONS)[K] extends ContextOption<infer T> ? T : never;

/**
 * Keys that belong to the CDK, not the kit: feature flags (`@aws-cdk/...:flag`), the CLI's own
 * (`aws:cdk:...`), cached lookups in cdk.context.json (`availability-zones:account=...`) all contain a colon
 * or start with `@`; these two plain ones the CLI writes itself (`cdk acknowledge`, `cdk cli-telemetry`).
 */
const CDK_PLAIN_KEYS = new Set(['acknowledged-issue-numbers', 'cli-telemetry']);

export function isCdkContextKey(key: string): boolean {
  return key.startsWith('@') || key.includes(':') || CDK_PLAIN_KEYS.has(key);
}

/** The kit key nearest to a mistyped one (edit distance, case-insensitive), if it is close enough to be a typo. */
export function nearestContextKey(key: string): ContextKey | undefined {
  let best: { key: ContextKey; distance: number } | undefined;
  for (const known of Object.keys(CONTEXT_OPTIONS) as ContextKey[]) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (!best || distance < best.distance) {
      best = { key: known, distance };
    }
  }
  return best && best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The README's "Context options" table: one row per registered key, generated from the registry. */
export function contextOptionsTable(): string {
  const rows = (Object.entries(CONTEXT_OPTIONS) as [string, ContextOption<unknown>][]).map(
    ([key, option]) =>
      `| \`-c ${key}=...\` | ${option.labs === 'all' ? 'all' : option.labs.join(', ')} | ${option.allowed} | ${option.default} | ${option.description} |`,
  );
  return ['| Option | Labs | Values | Default | What it does |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
