/**
 * Every lab's template from one synth of the whole app, shared by the test files of one jest run: the first
 * file that asks synthesizes the app and writes the templates to the run's temporary directory, the others read
 * them. The posture, behaviour and docs tests read the same templates; without the share each synthesized them
 * again (about 2.5 CPU-s per file). Synthesized like `npx cdk synth` with construct paths in the metadata, no
 * bundling and no validations: the lab tests and the app test run those.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LAB_REGISTRY } from '../../lib/labs/registry';
import { POSTURE_CONTEXT, type Template } from '../../lib/posture/template';
import { synthesize } from '../../lib/synthesize';
import { APP_TEMPLATES_DIR } from '../global-setup';
import { TEST_ENV, TEST_SYNTH_CONTEXT } from './synth';

export interface LabTemplate {
  readonly labId: string;
  readonly stackName: string;
  readonly template: Template & { readonly Outputs?: Readonly<Record<string, unknown>> };
}

/** Every lab of the app, in registry order, as `npx cdk synth [-c learner=<learner>]` builds it. */
export function appTemplates(learner?: string): readonly LabTemplate[] {
  const file = path.join(os.tmpdir(), APP_TEMPLATES_DIR, `${learner ?? 'default'}.json`);
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LabTemplate[];
  }
  const templates = synthesizeApp(learner);
  // Written whole and then renamed, so a file running beside this one reads all of it or nothing.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(templates));
  fs.renameSync(partial, file);
  return templates;
}

function synthesizeApp(learner: string | undefined): LabTemplate[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lab-kit-app-'));
  try {
    const result = synthesize({
      bundle: false,
      validations: false,
      outdir,
      env: TEST_ENV,
      context: { ...TEST_SYNTH_CONTEXT, ...POSTURE_CONTEXT, ...(learner ? { learner } : {}) },
    });
    if (result.stacks.length !== LAB_REGISTRY.length) {
      throw new Error(`Expected every lab in ${TEST_ENV.CDK_DEFAULT_REGION}, got ${result.stacks.map((s) => s.stackName).join(', ')}`);
    }
    return result.stacks.map((stack) => ({
      labId: stack.lab.id,
      stackName: stack.stackName,
      template: result.assembly.getStackArtifact(stack.artifactId).template as LabTemplate['template'],
    }));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
