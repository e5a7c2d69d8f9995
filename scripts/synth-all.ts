/**
 * The kit's main job, with no AWS account: synthesize every lab (Lambda code bundled with esbuild) with
 * all validations, print a summary per lab, and fail if any finding is not acknowledged.
 * `npm run synth`; pass `-- -c lab=<id>` or `-- -c learner=<name>` like with `cdk synth`.
 */
import * as path from 'node:path';
import { formatFindings, synthesize } from '../lib/synthesize';
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

function main(): void {
  const started = Date.now();
  const outdir = path.join(__dirname, '..', 'cdk.out');
  const result = synthesize({ context: parseContext(process.argv.slice(2)), outdir });
  const rows = result.stacks.map((stack) => {
    const template = result.assembly.getStackArtifact(stack.artifactId).template as { Resources?: object };
    const findings = result.findings.filter((f) => f.path.split('/')[0] === stack.node.id);
    return {
      stack: stack.stackName,
      resources: Object.keys(template.Resources ?? {}).length,
      validation: findings.length === 0 ? 'passed' : `FAILED (${findings.length})`,
      acknowledged: result.acknowledged.get(stack.stackName) ?? 0,
    };
  });
  console.log(formatTable(rows));
  console.log(`\nSynthesized ${rows.length} lab(s) to ${path.relative(process.cwd(), outdir)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log('Validations: cdk-nag AwsSolutions, CfnGuard (Control Tower rules), CloudFormation schema (strict).');
  if (result.findings.length > 0) {
    console.error(`\nUnacknowledged findings, as rule at path:\n${formatFindings(result.findings)}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
