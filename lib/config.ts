/**
 * Command-line context of the app (`-c learner=alice`, `-c lab=data-lake`, ...), validated once, up front,
 * against the registry in context-options.ts, with messages that say what is allowed.
 */
import { findLab, LAB_CATALOG, type LabInfo } from './labs/catalog';
import {
  CONTEXT_OPTIONS,
  type ContextKey,
  type ContextOption,
  type ContextValue,
  isCdkContextKey,
  LEARNER_PATTERN,
  nearestContextKey,
} from './context-options';

export const DEFAULT_REGION = 'us-east-1';

/** Region names as AWS spells them: `eu-west-1`, `us-gov-west-1`, `eusc-de-east-1`. */
const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

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

/**
 * Reads the context the app was given (`app.node.getAllContext()`: cdk.json, cdk.context.json and `-c`
 * values together). Every kit key is validated; a key the kit does not know is rejected, with the nearest
 * known key as a suggestion. All problems are reported in one KitConfigError.
 */
export function readKitConfig(context: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv = process.env): KitConfig {
  const problems: string[] = [];
  for (const key of Object.keys(context)) {
    if (!isCdkContextKey(key) && !(key in CONTEXT_OPTIONS)) {
      problems.push(unknownKeyProblem(key));
    }
  }
  for (const [key, option] of Object.entries(CONTEXT_OPTIONS) as [ContextKey, ContextOption<unknown>][]) {
    const parsed = option.parse(context[key], key);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
    }
  }
  const region = env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  if (!REGION_PATTERN.test(region)) {
    problems.push(`region "${region}" is not an AWS Region name such as eu-west-1.`);
  }
  if (problems.length > 0) {
    throw new KitConfigError(`Invalid context:\n- ${problems.join('\n- ')}`);
  }
  const learner = valueOf('learner', context);
  const lab = valueOf('lab', context);
  return { learner, labs: lab === undefined ? LAB_CATALOG : [findLab(lab)], region, account: env.CDK_DEFAULT_ACCOUNT };
}

function unknownKeyProblem(key: string): string {
  const nearest = nearestContextKey(key);
  const known = Object.keys(CONTEXT_OPTIONS).join(', ');
  return (
    `-c ${key} is not a context key of this kit` +
    (nearest ? `: did you mean -c ${nearest}=...?` : '.') +
    ` The kit's keys are ${known} (README, "Context options").`
  );
}

function valueOf<K extends ContextKey>(key: K, context: Readonly<Record<string, unknown>>): ContextValue<K> {
  const parsed = (CONTEXT_OPTIONS[key] as ContextOption<ContextValue<K>>).parse(context[key], key);
  if ('problem' in parsed) {
    throw new KitConfigError(`Invalid context:\n- ${parsed.problem}`);
  }
  return parsed.value;
}

/**
 * The validated value of a registered context option, for a stack: `contextOption(this, 'targetLanguage')`.
 * The app validated every value before building stacks, so this throws only if a stack is built without it.
 */
export function contextOption<K extends ContextKey>(scope: { readonly node: { tryGetContext(key: string): unknown } }, key: K): ContextValue<K> {
  return valueOf(key, { [key]: scope.node.tryGetContext(key) });
}

/** The stack name for a lab: `Lab01DataLake`, or `alice-Lab01DataLake` for a learner. */
export function stackName(lab: LabInfo, learner?: string): string {
  return learner ? `${learner}-${lab.stackId}` : lab.stackId;
}

/** The learner a stack name belongs to (`alice-Lab01DataLake` is alice's), or undefined for the shared copy. */
export function learnerOf(name: string): string | undefined {
  const [learner, ...rest] = name.split('-');
  return rest.length > 0 && LEARNER_PATTERN.test(learner) ? learner : undefined;
}

/**
 * The CDK CLI command for a stack, with the `-c learner=...` a learner copy needs (without it the app would
 * not build `alice-Lab01DataLake`): `npx cdk deploy -c learner=alice alice-Lab01DataLake`.
 */
export function cdkCommand(verb: 'deploy' | 'destroy', name: string): string {
  const learner = learnerOf(name);
  return learner ? `npx cdk ${verb} -c learner=${learner} ${name}` : `npx cdk ${verb} ${name}`;
}
