import type { App } from 'aws-cdk-lib';
import { readKitConfig, stackName, type KitConfig } from './config';
import type { LabStack } from './labs/lab-stack';
import { LAB_REGISTRY } from './labs/registry';
import { addLabValidations } from './validation/plugins';

export interface LabApp {
  readonly config: KitConfig;
  readonly stacks: readonly LabStack[];
}

/**
 * Adds the selected labs to `app`, each as one self-contained stack, and the synth-time validations.
 * bin/app.ts, `npm run synth` and the tests all build the app through this one function.
 */
export function addLabs(
  app: App,
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly validations?: boolean } = {},
): LabApp {
  const config = readKitConfig(app.node.getAllContext() as Record<string, unknown>, env);
  const selected = new Set(config.labs.map((lab) => lab.id));
  const stacks = LAB_REGISTRY.filter((lab) => selected.has(lab.id)).map((lab) =>
    lab.create(app, stackName(lab, config.learner), {
      lab,
      learner: config.learner,
      env: { account: config.account, region: config.region },
    }),
  );
  if (options.validations ?? true) {
    addLabValidations(app);
  }
  return { config, stacks };
}
