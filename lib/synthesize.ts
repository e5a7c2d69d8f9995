/**
 * Synthesizes the kit in-process exactly as `cdk synth` does (cdk.json context, the same app builder,
 * every validation), and reads back what the validations found. Used by `npm run synth` and the tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import { BUNDLING_STACKS, type CloudAssembly, DISABLE_ASSET_STAGING_CONTEXT } from 'aws-cdk-lib/cx-api';
import { addLabs, type LabApp } from './app';
import type { LabDefinition } from './labs/lab-definition';

const REPO_ROOT = path.join(__dirname, '..');

export interface SynthOptions {
  /** The labs of the app: the kit's list (lib/labs/index.ts) or a test's. */
  readonly labs: readonly LabDefinition[];
  /** Extra context, as with `-c key=value` (e.g. `{ lab: '<id>', learner: 'alice' }`). */
  readonly context?: Record<string, unknown>;
  /** Environment the app reads (CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Bundle Lambda code with esbuild. Tests that do not test the bundle skip it. @default true */
  readonly bundle?: boolean;
  /**
   * Run the validations (cdk-nag, guard, CloudFormation schema). Only tests that look at names or
   * structure of an app already validated elsewhere turn them off, to save time. @default true
   */
  readonly validations?: boolean;
  /**
   * Run aws-cdk-lib's built-in CloudFormation schema validation with the other validations. Its engine costs
   * about 3 s of CPU to load in every process, so the tests run it, with cdk-nag and guard, once over every lab
   * (validations.test.ts) and where a test is about it. @default the value of `validations`
   */
  readonly schemaValidation?: boolean;
  /** @default a fresh temporary directory */
  readonly outdir?: string;
}

/** One finding of a validation plugin that was not acknowledged. */
export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly path: string;
  readonly severity: string;
  readonly description: string;
}

export interface SynthResult extends LabApp {
  readonly app: App;
  readonly assembly: CloudAssembly;
  /** Findings that fail (or, in strict mode, warn) the synth. Empty when every lab is clean. */
  readonly findings: readonly Finding[];
  /** Number of acknowledged findings per stack name. */
  readonly acknowledged: ReadonlyMap<string, number>;
}

/** The context in cdk.json, as the CDK CLI passes it to the app. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/**
 * How bin/app.ts builds the app for the CDK CLI command that runs it. The CLI passes `aws:cdk:bundling-stacks`
 * as `['**']` (or the stacks of `--exclusively`) for the commands that use templates and assets (deploy, diff,
 * synth, watch, import, publish-assets, refactor) and as `[]` for every other (`ls`, `destroy`, ...): aws-cdk
 * 2.1148.1, node_modules/aws-cdk/lib/index.js, `commandLineArgumentsToSettings` (`BUNDLING_COMMANDS`) and
 * `contextFromSettings`. Those others read only the stacks' names and environments, so the app then skips the
 * validations (cdk-nag, guard, the CloudFormation schema) and copying assets as well as bundling: `cdk ls` took
 * 17 to 44 s with them.
 */
export function cliAppProps(cliContext: Readonly<Record<string, unknown>>): { readonly props: AppProps; readonly validations: boolean } {
  const bundlingStacks = cliContext[BUNDLING_STACKS];
  const templatesUsed = !Array.isArray(bundlingStacks) || bundlingStacks.length > 0;
  return templatesUsed
    ? { props: {}, validations: true }
    : { props: { builtinCloudFormationValidation: false, postCliContext: { [DISABLE_ASSET_STAGING_CONTEXT]: true } }, validations: false };
}

/** Synthesizes the kit's labs: the app that `cdk synth` builds from bin/app.ts. */
export function synthesize(options: SynthOptions): SynthResult {
  return synthesizeWith(options, (app) => addLabs(app, options.labs, options.env ?? process.env, { validations: options.validations }));
}

/**
 * Synthesizes an app that `populate` builds, with cdk.json context and the kit's validations applied by
 * `populate` (addLabs does both). Tests use it for small apps that exercise one building block.
 */
export function synthesizeWith(options: Omit<SynthOptions, 'labs'>, populate: (app: App) => LabApp): SynthResult {
  const outdir = options.outdir ?? temporaryOutdir();
  const app = new App({
    outdir,
    builtinCloudFormationValidation: options.schemaValidation ?? options.validations ?? true,
    context: {
      ...cdkJsonContext(),
      ...options.context,
      // Report findings instead of throwing, so callers can print or assert them all.
      '@aws-cdk/core:failSynthOnValidationErrors': false,
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
  });
  const labApp = populate(app);
  const assembly = app.synth();
  const { findings, acknowledged } = readValidationReport(outdir, labApp);
  return { ...labApp, app, assembly, findings, acknowledged };
}

interface ReportedConstruct {
  readonly constructPath?: string;
}
interface ReportedViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly violatingConstructs: readonly ReportedConstruct[];
}
interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly ReportedViolation[];
    readonly suppressedViolations?: readonly ReportedViolation[];
  }[];
}

function readValidationReport(outdir: string, labApp: LabApp) {
  const file = path.join(outdir, 'validation-report.json');
  const report: ValidationReport = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ValidationReport)
    : { pluginReports: [] };
  const flatten = (violations: readonly ReportedViolation[], plugin: string): Finding[] =>
    violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({
        plugin,
        rule: v.ruleName,
        path: c.constructPath ?? '(unknown path)',
        severity: v.severity,
        description: v.description,
      })),
    );
  const findings = report.pluginReports.flatMap((r) => flatten(r.violations, r.pluginName));
  const suppressed = report.pluginReports.flatMap((r) => flatten(r.suppressedViolations ?? [], r.pluginName));
  const acknowledged = new Map(
    labApp.stacks.map((s) => [s.stackName, suppressed.filter((f) => f.path.split('/')[0] === s.node.id).length]),
  );
  return { findings, acknowledged };
}

/** A fresh directory for a cloud assembly that nobody keeps, removed when the process exits. */
function temporaryOutdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lab-kit-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `rule at path`, one per line: how findings are printed in test failures and by `npm run synth`. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.rule} at ${f.path} (${f.plugin}, ${f.severity})`).join('\n');
}
