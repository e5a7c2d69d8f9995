import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import {
  type App,
  type IPolicyValidationContextBeta1,
  type IPolicyValidationPlugin,
  type IPolicyValidationPluginBeta1,
  type PolicyValidationPluginReportBeta1,
  Validations,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * The synth-time validations every lab passes. aws-cdk-lib's built-in CloudFormation validation is on
 * by default; cdk.json makes it strict (`validateAgainstDefaultRules`, `strictCfnValidateErrors`).
 * This is the only file that names the plugins, so upgrading one touches one file.
 */
export function addLabValidations(app: App): void {
  Validations.of(app).addPlugins(timed(app, new AwsSolutionsChecks(app, { verbose: true })), timed(app, new ControlTowerGuard()));
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

/** Where guard results are kept between runs, by content (git ignores node_modules/; `npm ci` starts it afresh). */
export const GUARD_CACHE_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'ml-lab-kit', 'guard');

/** Stands for a template's path in a cached result, which outlives the cloud assembly it was read from. */
const TEMPLATE_PLACEHOLDER = '<template>';

/**
 * The CfnGuard validator with every Control Tower rule, run on each template with only the rules that report on
 * a resource type it contains. The findings are the same (a rule for an absent type can only skip); cfn-guard's
 * run time grows with the number of rules and resources (about 6 CPU-s for the 32 rules and 124 resources of lab
 * 05). Guard's result depends only on the template, the rules and the guard version, so it is kept in
 * GUARD_CACHE_DIR under the SHA-256 of all three (the guard plugin's version stands for the binary it ships): a template that changed in any byte is validated again.
 */
export class ControlTowerGuard implements IPolicyValidationPluginBeta1 {
  private readonly rules = controlTowerRules();
  /** The guard plugin's own name: acknowledgements use it as their namespace. */
  readonly name = new CfnGuardValidator().name;
  /** The guard plugin's version: it names the cfn-guard binary the plugin ships and how it reads guard's output. */
  readonly version = new CfnGuardValidator().version;

  constructor(private readonly cacheDir: string = GUARD_CACHE_DIR) {}

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
    const hash = crypto.createHash('sha256').update(`${this.version}\0${content}`);
    for (const file of enabled) {
      hash.update(`\0${path.basename(file)}\0`).update(fs.readFileSync(file));
    }
    const cacheFile = path.join(this.cacheDir, `${hash.digest('hex').slice(0, 40)}.json`);
    if (fs.existsSync(cacheFile)) {
      const report = JSON.parse(fs.readFileSync(cacheFile, 'utf8'), (key, value: unknown) =>
        key === 'templatePath' && value === TEMPLATE_PLACEHOLDER ? templatePath : value,
      ) as PolicyValidationPluginReportBeta1;
      return { ...report, cached: true };
    }
    const report = new CfnGuardValidator({ disabledRules }).validate({ ...context, templatePaths: [templatePath] });
    fs.mkdirSync(this.cacheDir, { recursive: true });
    const partial = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(partial, JSON.stringify(report, (key, value: unknown) => (key === 'templatePath' ? TEMPLATE_PLACEHOLDER : value)));
    fs.renameSync(partial, cacheFile);
    return { ...report, cached: false };
  }
}
