/**
 * How the kit reads `-c key=value` options. Each option is declared once: the kit's own (`learner`, `lab`) here, a
 * lab's in its own folder (`lib/labs/<lab>/options.ts`, listed in its definition's `options`). `readKitConfig`
 * (lib/config.ts) gathers them from the labs it is given, rejects any other key with the nearest known one as a
 * suggestion (`-c lerner=alice` would otherwise be ignored, and in a shared account deploy over another learner's
 * stack), validates every value before a stack is built, and the README's "Context options" table is generated
 * from the same list (test/foundation/regions-docs.test.ts). No aws-cdk-lib import and no lab folder: lab
 * scripts and docs checks read it.
 */
/** A parsed value, or a sentence saying what is allowed. */
export type Parsed<T> = { readonly value: T } | { readonly problem: string };

export interface ContextOption<T> {
  /** The key, as in `-c key=value`. */
  readonly key: string;
  /** What it does, one sentence for the README table. */
  readonly description: string;
  /** The values allowed, as the README shows them. */
  readonly allowed: string;
  /** What applies without it, as the README shows it. */
  readonly default: string;
  /** The value for the raw context value (`undefined` when the key is not given). */
  readonly parse: (raw: unknown) => Parsed<T>;
}

/** `true` or `false` (the CLI passes `-c key=true` as the string "true"); false when not given. */
export function flag(key: string, description: string): ContextOption<boolean> {
  return {
    key,
    description,
    allowed: '`true` or `false`',
    default: '`false`',
    parse: (raw) => {
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
  key: string,
  description: string,
  spec: { readonly pattern: RegExp; readonly allowed: string; readonly example: string; readonly fallback: D },
): ContextOption<string | D> {
  return {
    key,
    description,
    allowed: spec.allowed,
    default: spec.fallback === undefined ? 'none' : `\`${spec.fallback}\``,
    parse: (raw) => {
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
  key: string,
  description: string,
  spec: { readonly min: number; readonly max: number; readonly fallback: number },
): ContextOption<number> {
  return {
    key,
    description,
    allowed: `a whole number from ${spec.min} to ${spec.max}`,
    default: `\`${spec.fallback}\``,
    parse: (raw) => {
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
  key: string,
  description: string,
  spec: { readonly choices: C; readonly fallback: D },
): ContextOption<C[number] | D> {
  return {
    key,
    description,
    allowed: spec.choices.map((c) => `\`${c}\``).join(', '),
    default: spec.fallback === undefined ? 'none' : `\`${spec.fallback}\``,
    parse: (raw) => {
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

/** The learner whose copy of the labs this is. */
export const LEARNER = text('learner', 'Your own copy of every lab in a shared account: prefixes the stack (`alice-Lab01DataLake`) and every name a service requires to be unique.', {
  pattern: LEARNER_PATTERN,
  allowed: '1-16 lowercase letters or digits, starting with a letter',
  example: 'alice',
  fallback: undefined,
});

/** The one lab to build, among `labIds`. */
function labOption(labIds: readonly string[]): ContextOption<string | undefined> {
  return oneOf('lab', 'Builds only this lab (`npm run synth -- -c lab=<id>`).', { choices: labIds, fallback: undefined });
}

/** What a lab declares about the options it reads (a lab definition has more; this is what options need). */
export interface OptionsOf {
  readonly id: string;
  /** The `-c` options only this lab reads, declared in its folder. Several labs may share one option object. */
  readonly options?: readonly ContextOption<unknown>[];
}

/** An option and who reads it: `all` for the kit's own, else the ids of the labs that declare it. */
export interface KnownOption {
  readonly option: ContextOption<unknown>;
  readonly labs: readonly string[] | 'all';
}

/**
 * Every `-c` option of the kit with these labs, by key: `learner` and `lab` first, then each lab's in list order.
 * Two labs may read the same option only by declaring the same object (a shared option in lib/constructs/);
 * two different options under one key are a mistake of the kit, and throw.
 */
export function knownOptions(labs: readonly OptionsOf[]): ReadonlyMap<string, KnownOption> {
  const known = new Map<string, KnownOption>([
    [LEARNER.key, { option: LEARNER, labs: 'all' }],
    ['lab', { option: labOption(labs.map((l) => l.id)), labs: 'all' }],
  ]);
  for (const lab of labs) {
    for (const option of lab.options ?? []) {
      const seen = known.get(option.key);
      if (seen && seen.option !== option) {
        throw new Error(`Two different -c ${option.key} options (lab ${lab.id} and ${seen.labs === 'all' ? 'the kit' : seen.labs.join(', ')}): declare it once and share it.`);
      }
      known.set(option.key, { option, labs: seen && seen.labs !== 'all' ? [...seen.labs, lab.id] : seen ? 'all' : [lab.id] });
    }
  }
  return known;
}

/**
 * Keys that belong to the CDK, not the kit: feature flags (`@aws-cdk/...:flag`), the CLI's own
 * (`aws:cdk:...`), cached lookups in cdk.context.json (`availability-zones:account=...`) all contain a colon
 * or start with `@`; these two plain ones the CLI writes itself (`cdk acknowledge`, `cdk cli-telemetry`).
 */
const CDK_PLAIN_KEYS = new Set(['acknowledged-issue-numbers', 'cli-telemetry']);

export function isCdkContextKey(key: string): boolean {
  return key.startsWith('@') || key.includes(':') || CDK_PLAIN_KEYS.has(key);
}

/** The known key nearest to a mistyped one (edit distance, case-insensitive), if it is close enough to be a typo. */
export function nearestContextKey(key: string, keys: Iterable<string>): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const known of keys) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (!best || distance < best.distance) {
      best = { key: known, distance };
    }
  }
  return best && best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

export function editDistance(a: string, b: string): number {
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

/** The README's "Context options" table: one row per option of the kit with these labs. */
export function contextOptionsTable(labs: readonly OptionsOf[]): string {
  const rows = [...knownOptions(labs).values()].map(
    ({ option, labs: readers }) =>
      `| \`-c ${option.key}=...\` | ${readers === 'all' ? 'all' : readers.join(', ')} | ${option.allowed} | ${option.default} | ${option.description} |`,
  );
  return ['| Option | Labs | Values | Default | What it does |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
