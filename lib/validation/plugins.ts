import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import {
  type App,
  CloudFormationValidatePlugin,
  type IPolicyValidationContext,
  type IPolicyValidationContextBeta1,
  type IPolicyValidationPlugin,
  type IPolicyValidationPluginBeta1,
  type PolicyValidationPluginReport,
  type PolicyValidationPluginReportBeta1,
  type PolicyValidationStack,
  Validations,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ReportCache, VALIDATION_CACHE_ROOT } from './report-cache';

/**
 * The synth-time validations every lab passes. aws-cdk-lib's built-in CloudFormation validation is on
 * by default; cdk.json makes it strict (`validateAgainstDefaultRules`, `strictCfnValidateErrors`).
 * This is the only file that names the plugins, so upgrading one touches one file.
 */
export function addLabValidations(app: App): void {
  Validations.of(app).addPlugins(timed(app, new AwsSolutionsChecks(app, { verbose: true })), timed(app, new ControlTowerGuard()));
  // The CDK's own check, where the app runs it (App's builtinCloudFormationValidation, unless CDK_VALIDATION=false,
  // the same test as aws-cdk-lib's `defaultValidationEnabled`), with its reports kept by content.
  if (app._builtinCloudFormationValidation && process.env.CDK_VALIDATION !== 'false') {
    Validations.of(app).addPlugins(CachedCloudFormationValidation.instance());
  }
}

const pluginTime = new WeakMap<App, number>();

/** Milliseconds the app's cdk-nag and guard plugins took to validate, for `npm run synth`'s summary. */
export function validationPluginTime(app: App): number {
  return pluginTime.get(app) ?? 0;
}

/** `plugin`, adding the time each validation takes to the app's total. */
function timed(app: App, plugin: IPolicyValidationPlugin): IPolicyValidationPlugin {
  return {
    name: plugin.name,
    version: plugin.version,
    ruleIds: plugin.ruleIds,
    validate: (context) => {
      const start = performance.now();
      try {
        return plugin.validate(context);
      } finally {
        pluginTime.set(app, validationPluginTime(app) + performance.now() - start);
      }
    },
  };
}

/** A Control Tower guard rule file and the resource types it reports on. */
export interface GuardRule {
  /** The file name without `.guard`, as `disabledRules` takes it: `ct-s3-pr-1`. */
  readonly id: string;
  readonly reportsOn: readonly string[];
  /** The rule file (controlTowerRules gives it; a hand-made list for a test may leave it out). */
  readonly file?: string;
}

const RULES_DIR = path.join(
  path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')),
  'rules',
  'control-tower',
  'cfn-guard',
);

/** Every bundled Control Tower rule, with the types from the "Reports on:" block of its header. */
export function controlTowerRules(dir: string = RULES_DIR): GuardRule[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.guard'))
    .map((file) => {
      const header = fs.readFileSync(path.join(dir, file), 'utf8').split(/^# Evaluates:/m)[0];
      const reportsOn = header.split(/^# Reports on:/m)[1] ?? '';
      return { id: path.basename(file, '.guard'), reportsOn: reportsOn.match(/AWS::\w+::\w+/g) ?? [], file: path.join(dir, file) };
    });
}

/**
 * Rules that cannot report anything for these resource types. A rule whose header names no type is
 * never skipped.
 */
export function rulesToSkip(rules: readonly GuardRule[], presentTypes: ReadonlySet<string>): string[] {
  return rules.filter((r) => r.reportsOn.length > 0 && !r.reportsOn.some((t) => presentTypes.has(t))).map((r) => r.id);
}

/** Where guard reports are kept between runs, by content. */
export const GUARD_CACHE_DIR = path.join(VALIDATION_CACHE_ROOT, 'guard');

/**
 * The CfnGuard validator with every Control Tower rule, run on each template with only the rules that report on
 * a resource type it contains. The findings are the same (a rule for an absent type can only skip); cfn-guard's
 * run time grows with the number of rules and resources (about 3 s for the 25 rules and 124 resources of lab 05).
 * Guard's report depends only on the template, the rules and the guard version, so it is kept by the SHA-256 of
 * all three (the guard plugin's version stands for the binary it ships; ReportCache).
 */
export class ControlTowerGuard implements IPolicyValidationPluginBeta1 {
  private readonly rules = controlTowerRules();
  private readonly cache: ReportCache<PolicyValidationPluginReportBeta1>;
  /** The guard plugin's own name: acknowledgements use it as their namespace. */
  readonly name = new CfnGuardValidator().name;
  /** The guard plugin's version: it names the cfn-guard binary the plugin ships and how it reads guard's output. */
  readonly version = new CfnGuardValidator().version;

  constructor(cacheDir: string = GUARD_CACHE_DIR) {
    this.cache = new ReportCache(cacheDir);
  }

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const reports = context.templatePaths.map((templatePath) => this.validateTemplate(context, templatePath));
    return { success: reports.every((r) => r.success), violations: reports.flatMap((r) => r.violations) };
  }

  /** Guard's report on one template: from the cache when it holds one for the same content, else from cfn-guard. */
  validateTemplate(context: IPolicyValidationContextBeta1, templatePath: string): PolicyValidationPluginReportBeta1 & { readonly cached: boolean } {
    const content = fs.readFileSync(templatePath, 'utf8');
    const template = JSON.parse(content) as { Resources?: Record<string, { Type: string }> };
    const disabledRules = rulesToSkip(this.rules, new Set(Object.values(template.Resources ?? {}).map((r) => r.Type)));
    if (disabledRules.length === this.rules.length) {
      // No rule applies (an UnavailableLabStack alone has no resource any rule checks); cfn-guard cannot run without rules.
      return { success: true, violations: [], cached: false };
    }
    const enabled = this.rules.filter((r) => !disabledRules.includes(r.id)).flatMap((r) => (r.file ? [r.file] : []));
    const key = this.cache.key([this.version ?? '', content, ...enabled.flatMap((file) => [path.basename(file), fs.readFileSync(file)])]);
    const { report, cached } = this.cache.readOrProduce(key, templatePath, () =>
      new CfnGuardValidator({ disabledRules }).validate({ ...context, templatePaths: [templatePath] }),
    );
    return { ...report, cached };
  }
}

/** Where the CloudFormation schema validation's reports are kept between runs, by content. */
export const SCHEMA_CACHE_DIR = path.join(VALIDATION_CACHE_ROOT, 'schema');

/**
 * aws-cdk-lib's built-in CloudFormation validation (the resource schemas and the CDK's default rules, in a
 * WebAssembly engine), with its report on each template kept by content. Building the engine costs about 3 CPU-s
 * in each process, checking a template a few hundredths of a second: with every template cached, the engine is
 * never built. The report depends on the template, the stack's path, account and Region (pseudo-parameter values),
 * the engine's version and the CDK's rules (aws-cdk-lib's version); each is part of the key.
 *
 * Registered explicitly, a CloudFormationValidatePlugin replaces the default instance the App would add
 * (aws-cdk-lib's synthesis-validation: `hasUserRegisteredCloudFormationValidatePlugin`), so the check runs once,
 * and the CDK still treats its findings as its own (strict errors, `CDK_VALIDATION=false`; addLabValidations).
 */
export class CachedCloudFormationValidation extends CloudFormationValidatePlugin {
  private static shared?: CachedCloudFormationValidation;

  /** One instance per process, as the CDK keeps its default one: the engine, once built, serves every app. */
  static instance(): CachedCloudFormationValidation {
    return (CachedCloudFormationValidation.shared ??= new CachedCloudFormationValidation());
  }

  private readonly cache: ReportCache<PolicyValidationPluginReport>;
  /** Templates the last validate() call had to check with the engine (for tests). */
  lastChecked: readonly string[] = [];

  constructor(cacheDir: string = SCHEMA_CACHE_DIR) {
    super();
    this.cache = new ReportCache(cacheDir);
  }

  /**
   * The engine's version, as the CDK's plugin gives it (its `version()`, which is the package's version), read
   * from the package instead: asking the engine loads its 9 MB of WebAssembly, which a synth whose reports all
   * come from the cache never needs.
   */
  override get version(): string {
    return ENGINE_VERSION;
  }

  override get ruleIds(): string[] {
    return [ENGINE_VERSION];
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const reports: PolicyValidationPluginReport[] = [];
    const toCheck: { stack: PolicyValidationStack; key: string }[] = [];
    for (const stack of context.stackTemplates) {
      const key = this.cache.key([
        this.version,
        AWS_CDK_LIB_VERSION,
        stack.stackConstructPath,
        stack.accountId ?? '',
        stack.region ?? '',
        fs.readFileSync(stack.templatePath),
      ]);
      const cached = this.cache.read(key, stack.templatePath);
      if (cached) {
        reports.push(cached);
      } else {
        toCheck.push({ stack, key });
      }
    }
    this.lastChecked = toCheck.map(({ stack }) => stack.templatePath);
    if (toCheck.length > 0) {
      // One engine for all of them: it is built for the resource types of the templates it is given.
      const checked = super.validate({ ...context, templatePaths: toCheck.map(({ stack }) => stack.templatePath), stackTemplates: toCheck.map(({ stack }) => stack) });
      for (const { stack, key } of toCheck) {
        const report = reportOn(checked, stack.templatePath);
        this.cache.write(key, report);
        reports.push(report);
      }
    }
    return { success: reports.every((r) => r.success), violations: reports.flatMap((r) => r.violations) };
  }
}

const packageVersion = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
const AWS_CDK_LIB_VERSION = packageVersion(require.resolve('aws-cdk-lib/package.json'));
const ENGINE_VERSION = packageVersion(
  require.resolve('@aws/cloudformation-validate/package.json', { paths: [path.dirname(require.resolve('aws-cdk-lib/package.json'))] }),
);

/**
 * The part of a report on several templates that is about one: each violation with its resources in that template.
 * Success as the CDK's plugin decides it: no violation of severity error or fatal.
 */
function reportOn(report: PolicyValidationPluginReport, templatePath: string): PolicyValidationPluginReport {
  const violations = report.violations.flatMap((v) => {
    const resources = v.violatingResources.filter((r) => r.templatePath === templatePath);
    return resources.length > 0 ? [{ ...v, violatingResources: resources }] : [];
  });
  return { success: violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'), violations };
}
