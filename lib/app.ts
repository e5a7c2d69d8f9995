import type { App } from 'aws-cdk-lib';
import { KitConfigError, readKitConfig, stackName, type KitConfig } from './config';
import type { LabDefinition } from './labs/lab-definition';
import type { LabStack } from './labs/lab-stack';
import { regionSupport } from './labs/regions';
import { UnavailableLabStack } from './labs/unavailable-lab-stack';
import { addLabValidations } from './validation/plugins';

export interface LabApp {
  readonly config: KitConfig<LabDefinition>;
  /** The selected labs that can be built in the Region. */
  readonly stacks: readonly LabStack[];
  /** The selected labs that cannot: each stands in as a stack that fails with its message when selected. */
  readonly unavailable: readonly UnavailableLabStack[];
}

/**
 * Adds the selected ones of `labs` (the kit's list, lib/labs/index.ts, or a test's) to `app`, each as one
 * self-contained stack, and the synth-time validations.
 * A lab that cannot be built in the Region is never constructed (its constructs may throw there); an
 * UnavailableLabStack takes its name instead. bin/app.ts, `npm run synth` and the tests all build the app
 * through this one function.
 */
export function addLabs(
  app: App,
  labs: readonly LabDefinition[],
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly validations?: boolean } = {},
): LabApp {
  const config = readKitConfig(app.node.getAllContext() as Record<string, unknown>, env, labs);
  const stacks: LabStack[] = [];
  const unavailable: UnavailableLabStack[] = [];
  for (const lab of config.labs) {
    const props = { lab, learner: config.learner, env: { account: config.account, region: config.region } };
    const support = regionSupport(lab, config.region);
    if (support.supported) {
      stacks.push(lab.createStack(app, stackName(lab, config.learner), props));
    } else {
      unavailable.push(new UnavailableLabStack(app, stackName(lab, config.learner), { ...props, message: support.message }));
    }
  }
  if (options.validations ?? true) {
    addLabValidations(app);
  }
  return { config, stacks, unavailable };
}

/**
 * bin/app.ts, the app `cdk synth` and `cdk deploy` run: adds the labs, or says once what is wrong with the
 * user's -c values or Region (a KitConfigError), with no stack trace, and returns undefined (exit code 1).
 */
export function addLabsOrExplain(
  app: App,
  labs: readonly LabDefinition[],
  env: NodeJS.ProcessEnv,
  printError: (text: string) => void,
  options: { readonly validations?: boolean } = {},
): LabApp | undefined {
  try {
    return addLabs(app, labs, env, options);
  } catch (e) {
    if (!(e instanceof KitConfigError)) {
      throw e;
    }
    printError(`\n✖ ${e.message}\n`);
    return undefined;
  }
}
