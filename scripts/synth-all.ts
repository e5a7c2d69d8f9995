/**
 * The kit's main job, with no AWS account: synthesize every lab (Lambda code bundled with esbuild) with
 * all validations, print a summary per lab, and fail if any finding is not acknowledged.
 * `npm run synth`; pass `-- -c lab=<id>` or `-- -c learner=<name>` like with `cdk synth`. The Region is the
 * one the CDK CLI would use (lib/aws-region.ts: AWS_REGION, AWS_DEFAULT_REGION, then your profile's region); a lab that cannot
 * be built there is reported with the reason, and the others are still synthesized.
 */
import * as path from 'node:path';
import { checkedCdkRegion, regionLine } from '../lib/aws-region';
import { LABS } from '../lib/labs';
import { regionAdvice, regionSupport, type LabWithRegions } from '../lib/labs/regions';
import { formatFindings, synthesize } from '../lib/synthesize';
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

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let exitCode = 0;
  const started = Date.now();
  const outdir = path.join(__dirname, '..', 'cdk.out');
  const resolved = await checkedCdkRegion(env);
  const { region } = resolved;
  console.log(`Synthesizing for ${regionLine(resolved)}; another: AWS_REGION=<region> npm run synth\n`);
  const result = synthesize({ labs: LABS, context: parseContext(argv), outdir, env: { ...env, CDK_DEFAULT_REGION: region } });
  const unavailableIds = new Set(result.unavailable.map((s) => s.node.id));
  const findings = result.findings.filter((f) => !unavailableIds.has(f.path.split('/')[0]));
  const rows = result.stacks.map((stack) => {
    const template = result.assembly.getStackArtifact(stack.artifactId).template as { Resources?: object };
    const stackFindings = findings.filter((f) => f.path.split('/')[0] === stack.node.id);
    return {
      stack: stack.stackName,
      resources: Object.keys(template.Resources ?? {}).length,
      validation: stackFindings.length === 0 ? 'passed' : `FAILED (${stackFindings.length})`,
      acknowledged: result.acknowledged.get(stack.stackName) ?? 0,
    };
  });
  const notAvailable = result.unavailable.map((s) => ({ stack: s.stackName, resources: '-', validation: `not available in ${region}`, acknowledged: '-' }));
  console.log(formatTable([...rows, ...notAvailable]));
  console.log(`\nSynthesized ${rows.length} lab(s) for ${region} to ${path.relative(process.cwd(), outdir)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log('Validations: cdk-nag AwsSolutions, CfnGuard (Control Tower rules), CloudFormation schema (strict).');
  if (findings.length > 0) {
    console.error(`\nUnacknowledged findings, as rule at path:\n${formatFindings(findings)}`);
    exitCode = 1;
  }
  if (result.unavailable.length > 0) {
    console.error(`\n${unavailableReport(region, result.unavailable.map((s) => s.lab))}`);
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
