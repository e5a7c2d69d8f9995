/**
 * Command-line context of the app (`-c learner=alice`, `-c lab=<id>`, ...), validated once, up front,
 * against the options of the kit and of the labs it is given (context-options.ts), with messages that say
 * what is allowed. No lab folder is imported: callers pass the labs.
 */
import { CDK_FALLBACK_REGION, unknownRegionProblem } from './aws-region';
import { type ContextOption, isCdkContextKey, knownOptions, LEARNER, LEARNER_PATTERN, nearestContextKey, type OptionsOf } from './context-options';
import { findLabIn, type LabInfo } from './labs/lab-info';

/** The Region the app builds for when the CDK CLI gives none (as the CLI itself falls back to). */
export const DEFAULT_REGION = CDK_FALLBACK_REGION;

/** A context value the user passed is not allowed; the message lists every problem and what to use. */
export class KitConfigError extends Error {
  override readonly name = 'KitConfigError';
}

export interface KitConfig<L extends OptionsOf = OptionsOf> {
  /** Learner name, or undefined for a single-user deployment. */
  readonly learner?: string;
  /** The labs to synthesize: all of those given, or the one named with `-c lab=<id>`. */
  readonly labs: readonly L[];
  /** Account to deploy to, when the CLI knows it; undefined when synthesizing without an account. */
  readonly account?: string;
  readonly region: string;
}

/**
 * Reads the context the app was given (`app.node.getAllContext()`: cdk.json, cdk.context.json and `-c`
 * values together). Every key of the kit and of `labs` is validated; a key they do not know is rejected, with
 * the nearest known key as a suggestion. All problems are reported in one KitConfigError.
 */
export function readKitConfig<L extends OptionsOf>(
  context: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  labs: readonly L[],
): KitConfig<L> {
  const known = knownOptions(labs);
  const problems: string[] = [];
  for (const key of Object.keys(context)) {
    if (!isCdkContextKey(key) && !known.has(key)) {
      problems.push(unknownKeyProblem(key, [...known.keys()]));
    }
  }
  for (const { option } of known.values()) {
    const parsed = option.parse(context[option.key]);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
    }
  }
  const region = env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  // A Region that does not exist (us-east-9) would otherwise synthesize and fail only at deploy.
  const regionProblem = unknownRegionProblem(region, env.CDK_DEFAULT_REGION ? 'the CDK CLI: AWS_REGION, AWS_DEFAULT_REGION or your profile' : undefined);
  if (regionProblem) {
    problems.push(regionProblem);
  }
  if (problems.length > 0) {
    throw new KitConfigError(`Invalid context:\n- ${problems.join('\n- ')}`);
  }
  const learner = valueOf(LEARNER, context);
  const lab = valueOf(known.get('lab')!.option as ContextOption<string | undefined>, context);
  return { learner, labs: lab === undefined ? labs : [findLabIn(labs, lab)], region, account: env.CDK_DEFAULT_ACCOUNT };
}

function unknownKeyProblem(key: string, keys: readonly string[]): string {
  const nearest = nearestContextKey(key, keys);
  return (
    `-c ${key} is not a context key of this kit` +
    (nearest ? `: did you mean -c ${nearest}=...?` : '.') +
    ` The kit's keys are ${keys.join(', ')} (README, "Context options").`
  );
}

function valueOf<T>(option: ContextOption<T>, context: Readonly<Record<string, unknown>>): T {
  const parsed = option.parse(context[option.key]);
  if ('problem' in parsed) {
    throw new KitConfigError(`Invalid context:\n- ${parsed.problem}`);
  }
  return parsed.value;
}

/**
 * The validated value of a context option, for a stack: `contextOption(this, TARGET_LANGUAGE)`, with the option
 * the lab declares (and lists in its definition). The app validated every value before building stacks, so
 * this throws only if a stack is built without it.
 */
export function contextOption<T>(scope: { readonly node: { tryGetContext(key: string): unknown } }, option: ContextOption<T>): T {
  return valueOf(option, { [option.key]: scope.node.tryGetContext(option.key) });
}

/** The stack name for a lab: `Lab01DataLake`, or `alice-Lab01DataLake` for a learner. */
export function stackName(lab: Pick<LabInfo, 'stackId'>, learner?: string): string {
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
