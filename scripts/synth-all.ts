/**
 * The kit's main job, with no AWS account: synthesize every lab (Lambda code bundled with esbuild) with
 * all validations, print a summary per lab with the time its synth and its validations took, and fail if any
 * finding is not acknowledged.
 * `npm run synth`; pass `-- -c lab=<id>` or `-- -c learner=<name>` like with `cdk synth`. The Region is the
 * one the CDK CLI would use (lib/aws-region.ts: AWS_REGION, AWS_DEFAULT_REGION, then your profile's region); a lab that cannot
 * be built there is reported with the reason, and the others are still synthesized.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { addLabs } from '../lib/app';
import { checkedCdkRegion, regionLine } from '../lib/aws-region';
import { bundleHandlers } from '../lib/constructs/handler-bundles';
import { LabFunction } from '../lib/constructs/lab-function';
import { LABS } from '../lib/labs';
import { regionAdvice, regionSupport, type LabWithRegions } from '../lib/labs/regions';
import { readKitConfig } from '../lib/config';
import { cdkJsonContext, formatFindings, synthesize } from '../lib/synthesize';
import { validationPluginTime } from '../lib/validation/plugins';
import { unsupportedNode } from '../labs/shared/node-version';
import { formatTable } from '../labs/shared/table';

/** `-c key=value` / `--context key=value` pairs, as the CDK CLI takes them. */
export function parseContext(argv: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const pair = flag === '-c' || flag === '--context' ? argv[++i] : undefined;
    const match = pair ? /^([^=]+)=(.*)$/.exec(pair) : null;
    if (!match) {
      throw new Error(`Unexpected argument "${pair ?? flag}": use -c key=value (for example -c lab=data-lake).`);
    }
    context[match[1]] = match[2];
  }
  return context;
}

/**
 * The labs that cannot be built in `region`: each lab's reason and Regions once, then what to do, once (the
 * same words for every lab).
 */
export function unavailableReport(region: string, labs: readonly LabWithRegions[]): string {
  const reasons = labs.flatMap((lab) => {
    const support = regionSupport(lab, region);
    return support.supported ? [] : [`✖ ${support.reason}`];
  });
  return [...reasons, '', `${regionAdvice(region)} Or synthesize only the labs this Region supports with -c lab=<id>.`].join('\n');
}

/** One lab's row of the summary. */
type LabRow = {
  readonly stack: string;
  readonly resources: number | string;
  readonly validation: string;
  readonly acknowledged: number | string;
  /** Building the lab and its template, the CloudFormation schema check included, in seconds. */
  readonly 'synth s': string;
  /** cdk-nag and Control Tower guard over the lab's template, in seconds. */
  readonly 'nag+guard s': string;
};

/** Synthesizes one lab (as `-c lab=<id>`) into `outdir` with every validation: its summary row and findings. */
function synthesizeLab(labId: string, context: Record<string, string>, outdir: string, env: NodeJS.ProcessEnv, region: string) {
  const started = performance.now();
  const result = synthesize({ labs: LABS, context: { ...context, lab: labId }, outdir, env });
  const total = performance.now() - started;
  const validation = validationPluginTime(result.app);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const times = { 'synth s': seconds(total - validation), 'nag+guard s': seconds(validation) };
  const [unavailable] = result.unavailable;
  if (unavailable) {
    const row: LabRow = { stack: unavailable.stackName, resources: '-', validation: `not available in ${region}`, acknowledged: '-', ...times };
    return { row, findings: [], unavailable: unavailable.lab };
  }
  const [stack] = result.stacks;
  const template = result.assembly.getStackArtifact(stack.artifactId).template as { Resources?: object };
  const findings = result.findings.filter((f) => f.path.split('/')[0] === stack.node.id);
  const row: LabRow = {
    stack: stack.stackName,
    resources: Object.keys(template.Resources ?? {}).length,
    validation: findings.length === 0 ? 'passed' : `FAILED (${findings.length})`,
    acknowledged: result.acknowledged.get(stack.stackName) ?? 0,
    ...times,
  };
  return { row, findings, unavailable: undefined };
}

/**
 * Every Lambda handler of the selected labs, bundled in one esbuild run before the labs are synthesized (a handler
 * that the cache holds unchanged is not built again): 2.4 s for all 19 handlers against 5.2 s in one run each. The
 * labs are built here without bundling or validation, to find their handlers.
 */
function prebundle(context: Record<string, string>, env: NodeJS.ProcessEnv): string {
  const started = performance.now();
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lab-kit-prebundle-')), context: { ...cdkJsonContext(), ...context, [BUNDLING_STACKS]: [] } });
  try {
    addLabs(app, LABS, env, { validations: false });
    const bundles = [...bundleHandlers(app.node.findAll().flatMap((c) => (c instanceof LabFunction ? [c.entry] : []))).values()];
    const built = bundles.filter((b) => b.built).length;
    return `Lambda handlers: ${bundles.length}, ${built} bundled and ${bundles.length - built} unchanged since the last run, in ${((performance.now() - started) / 1000).toFixed(1)} s (with loading the CDK).\n`;
  } finally {
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let exitCode = 0;
  const started = Date.now();
  const outRoot = path.join(__dirname, '..', 'cdk.out');
  const resolved = await checkedCdkRegion(env);
  const { region } = resolved;
  console.log(`Synthesizing for ${regionLine(resolved)}; another: AWS_REGION=<region> npm run synth\n`);
  const context = parseContext(argv);
  const labEnv = { ...env, CDK_DEFAULT_REGION: region };
  const labs = readKitConfig({ ...cdkJsonContext(), ...context }, labEnv, LABS).labs;
  console.log(prebundle(context, labEnv));
  // One lab at a time, each into its own cloud assembly, so the summary shows what each lab costs. (Two processes
  // at once were slower on a 2-core machine: 42 s against 31 s with cold caches, guard's runs slowing each other.)
  const results = labs.map((lab) => synthesizeLab(lab.id, context, path.join(outRoot, lab.id), labEnv, region));
  console.log(formatTable(results.map((r) => r.row)));
  const relative = path.relative(process.cwd(), outRoot);
  console.log(`\nSynthesized ${results.length} lab(s) for ${region} to ${relative}/<lab> in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log('Validations: cdk-nag AwsSolutions, CfnGuard (Control Tower rules), CloudFormation schema (strict, counted in synth s).');
  console.log("The first lab's times include loading the validators; bundles and validation reports are reused from");
  console.log('node_modules/.cache/ml-lab-kit while their inputs are unchanged.');
  const findings = results.flatMap((r) => r.findings);
  if (findings.length > 0) {
    console.error(`\nUnacknowledged findings, as rule at path:\n${formatFindings(findings)}`);
    exitCode = 1;
  }
  const unavailable = results.flatMap((r) => (r.unavailable ? [r.unavailable] : []));
  if (unavailable.length > 0) {
    console.error(`\n${unavailableReport(region, unavailable)}`);
    exitCode = 1;
  }
  return exitCode;
}

/**
 * `npm run synth`, as an exit code: a mistake of the user's (a bad Region or -c value) is said once, without a
 * stack trace.
 */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, printError: (text: string) => void = console.error): Promise<number> {
  try {
    return await main(argv, env);
  } catch (e) {
    printError(`✖ ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  const nodeProblem = unsupportedNode(process.version);
  if (nodeProblem) {
    console.error(`✖ ${nodeProblem}`);
    process.exit(1);
  }
  void run(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
