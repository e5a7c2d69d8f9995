/** A minimal lab stack for testing one building block with the kit's real validations. */
import type { App } from 'aws-cdk-lib';
import { readKitConfig } from '../../lib/config';
import { findLab, LABS } from '../../lib/labs';
import { LabStack } from '../../lib/labs/lab-stack';
import { synthesizeWith } from '../../lib/synthesize';
import { addLabValidations } from '../../lib/validation/plugins';
import { describeStack, TEST_ENV, TEST_SYNTH_CONTEXT, testOutdir, type SynthesizedLab } from './synth';

/** The lab foundation plus what `build` adds, in a stack named `Test`. */
export class TestLabStack extends LabStack {
  constructor(app: App, build: (stack: LabStack) => void) {
    super(app, 'Test', {
      lab: findLab('data-lake'),
      env: { account: TEST_ENV.CDK_DEFAULT_ACCOUNT, region: TEST_ENV.CDK_DEFAULT_REGION },
    });
    build(this);
  }
}

/**
 * Synthesizes a stack named `Test` that has the lab foundation plus what `build` adds, with cdk-nag and guard;
 * the CloudFormation schema validation only when `schemaValidation` is set (see synthLab).
 */
export function synthTestStack(
  build: (stack: LabStack) => void = () => undefined,
  options: { readonly schemaValidation?: boolean } = {},
): SynthesizedLab {
  const result = synthesizeWith({ bundle: false, env: TEST_ENV, outdir: testOutdir(), context: TEST_SYNTH_CONTEXT, schemaValidation: options.schemaValidation ?? false }, (app) => {
    const stack = new TestLabStack(app, build);
    addLabValidations(app);
    return { config: readKitConfig({}, TEST_ENV, LABS), stacks: [stack], unavailable: [] };
  });
  return describeStack(result, result.stacks[0]);
}
