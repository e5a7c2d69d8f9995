/**
 * Synth results shared by the test files of one jest run. Jest gives every test file its own modules, so two
 * files that need the same synth would each pay for it (2.5 to 10 CPU-s for the whole app). Here the first file
 * that asks synthesizes and writes the result to the run's temporary directory; the others read it.
 *
 * - appTemplates(): every lab's template as `npx cdk synth` builds it, with construct paths in the metadata, no
 *   bundling and no validations, and the construct-tree facts tests need; read by the posture, behaviour, docs,
 *   app and lab 04 state-machine tests.
 * - validateApp() / labFindings(): every lab through every validation (cdk-nag, Control Tower guard, the strict
 *   CloudFormation schema) in one synth, as `npm run synth` runs them. validations.test.ts runs it, and jest runs
 *   that file early (test/run-order.js); each lab's test reads its lab's findings. A lab's test that runs first,
 *   or alone, validates its own lab instead, so the result never depends on the order.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LABS } from '../../lib/labs';
import { POSTURE_CONTEXT, type Template } from '../../lib/posture/template';
import { type Finding, synthesize, type SynthResult } from '../../lib/synthesize';
import { SHARED_SYNTH_DIR } from '../global-setup';
import { describeStack, TEST_ENV, TEST_SYNTH_CONTEXT } from './synth';

export interface LabTemplate {
  readonly labId: string;
  readonly stackName: string;
  readonly template: Template & { readonly Outputs?: Readonly<Record<string, unknown>> };
  /** Facts of the construct tree, which the template does not keep: the stacks this one depends on ... */
  readonly dependencies: readonly string[];
  /** ... and the handler file of each of its LabFunctions, relative to the repository root. */
  readonly handlerEntries: readonly string[];
}

/** Every lab of the app, in registry order, as `npx cdk synth [-c learner=<learner>]` builds it. */
export function appTemplates(learner?: string): readonly LabTemplate[] {
  return readOrWrite(`templates-${learner ?? 'default'}`, () => synthesizeTemplates(learner));
}

/** How validateApp synthesizes: without an account, as `npm run synth` and CI do. */
const VALIDATE_OPTIONS = { labs: LABS, bundle: false, env: { CDK_DEFAULT_REGION: TEST_ENV.CDK_DEFAULT_REGION }, context: TEST_SYNTH_CONTEXT } as const;

/**
 * Every lab through every validation, synthesized without an account as `npm run synth` and CI do (a value that
 * only resolves for a known account, such as ${AWS::AccountId} in a plain string, fails the schema check).
 * Shares each lab's findings with the lab tests.
 */
export function validateApp(outdir: string): SynthResult {
  const result = synthesize({ ...VALIDATE_OPTIONS, outdir });
  write(VALIDATION, Object.fromEntries(result.stacks.map((stack) => [stack.lab.id, describeStack(result, stack).findings])));
  return result;
}

/**
 * One lab's unacknowledged findings of cdk-nag, guard and the CloudFormation schema: from the run's whole-app
 * validation if it ran already, else from a synth of the lab with cdk-nag and guard. Call it at collection time
 * (module scope), like synthLab.
 */
export function labFindings(labId: string): readonly Finding[] {
  return read<Record<string, Finding[]>>(VALIDATION)?.[labId] ?? validateLab(labId);
}

/**
 * One lab through cdk-nag and guard, synthesized as validateApp synthesizes it, so its template is byte for byte the
 * one validateApp checks and guard's report comes from the cache when either ran first (with cold caches, as in
 * CI, a lab's test may start before validations.test.ts has finished).
 */
function validateLab(labId: string): readonly Finding[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lab-kit-lab-'));
  try {
    const result = synthesize({ ...VALIDATE_OPTIONS, schemaValidation: false, outdir, context: { ...VALIDATE_OPTIONS.context, lab: labId } });
    return result.findings;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const VALIDATION = 'validation';

function file(name: string): string {
  return path.join(os.tmpdir(), SHARED_SYNTH_DIR, `${name}.json`);
}

function read<T>(name: string): T | undefined {
  return fs.existsSync(file(name)) ? (JSON.parse(fs.readFileSync(file(name), 'utf8')) as T) : undefined;
}

/** Written whole and then renamed, so a file running beside this one reads all of it or nothing. */
function write(name: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file(name)), { recursive: true });
  const partial = `${file(name)}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(value));
  fs.renameSync(partial, file(name));
}

function readOrWrite<T>(name: string, produce: () => T): T {
  const cached = read<T>(name);
  if (cached !== undefined) {
    return cached;
  }
  const value = produce();
  write(name, value);
  return value;
}

function synthesizeTemplates(learner: string | undefined): LabTemplate[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lab-kit-app-'));
  try {
    const result = synthesize({
      labs: LABS,
      bundle: false,
      validations: false,
      outdir,
      env: TEST_ENV,
      context: { ...TEST_SYNTH_CONTEXT, ...POSTURE_CONTEXT, ...(learner ? { learner } : {}) },
    });
    if (result.stacks.length !== LABS.length) {
      throw new Error(`Expected every lab in ${TEST_ENV.CDK_DEFAULT_REGION}, got ${result.stacks.map((s) => s.stackName).join(', ')}`);
    }
    return result.stacks.map((stack) => ({
      labId: stack.lab.id,
      stackName: stack.stackName,
      template: result.assembly.getStackArtifact(stack.artifactId).template as LabTemplate['template'],
      dependencies: stack.dependencies.map((d) => d.stackName),
      handlerEntries: stack.node.findAll().flatMap((c) => (c instanceof LabFunction ? [c.entry] : [])),
    }));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
