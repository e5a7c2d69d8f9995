import type { App } from 'aws-cdk-lib';
import { readKitConfig, stackName, type KitConfig } from './config';
import type { LabStack } from './labs/lab-stack';
import { regionSupport } from './labs/regions';
import { LAB_REGISTRY } from './labs/registry';
import { UnavailableLabStack } from './labs/unavailable-lab-stack';
import { addLabValidations } from './validation/plugins';

export interface LabApp {
  readonly config: KitConfig;
  /** The selected labs that can be built in the Region. */
  readonly stacks: readonly LabStack[];
  /** The selected labs that cannot: each stands in as a stack that fails with its message when selected. */
  readonly unavailable: readonly UnavailableLabStack[];
}

/**
 * Adds the selected labs to `app`, each as one self-contained stack, and the synth-time validations.
 * A lab that cannot be built in the Region is never constructed (its constructs may throw there); an
 * UnavailableLabStack takes its name instead. bin/app.ts, `npm run synth` and the tests all build the app
 * through this one function.
 */
export function addLabs(
  app: App,
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly validations?: boolean } = {},
): LabApp {
  const config = readKitConfig(app.node.getAllContext() as Record<string, unknown>, env);
  const selected = new Set(config.labs.map((lab) => lab.id));
  const stacks: LabStack[] = [];
  const unavailable: UnavailableLabStack[] = [];
  for (const lab of LAB_REGISTRY.filter((l) => selected.has(l.id))) {
    const props = { lab, learner: config.learner, env: { account: config.account, region: config.region } };
    const support = regionSupport(lab, config.region);
    if (support.supported) {
      stacks.push(lab.create(app, stackName(lab, config.learner), props));
    } else {
      unavailable.push(new UnavailableLabStack(app, stackName(lab, config.learner), { ...props, message: support.message }));
    }
  }
  if (options.validations ?? true) {
    addLabValidations(app);
  }
  return { config, stacks, unavailable };
}
