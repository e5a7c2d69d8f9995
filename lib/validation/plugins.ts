import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import {
  type App,
  type IPolicyValidationContextBeta1,
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
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new ControlTowerGuard());
}

/** A Control Tower guard rule file and the resource types it reports on. */
export interface GuardRule {
  /** The file name without `.guard`, as `disabledRules` takes it: `ct-s3-pr-1`. */
  readonly id: string;
  readonly reportsOn: readonly string[];
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
      return { id: path.basename(file, '.guard'), reportsOn: reportsOn.match(/AWS::\w+::\w+/g) ?? [] };
    });
}

/**
 * Rules that cannot report anything for these resource types. A rule whose header names no type is
 * never skipped.
 */
export function rulesToSkip(rules: readonly GuardRule[], presentTypes: ReadonlySet<string>): string[] {
  return rules.filter((r) => r.reportsOn.length > 0 && !r.reportsOn.some((t) => presentTypes.has(t))).map((r) => r.id);
}

/**
 * The CfnGuard validator with every Control Tower rule, run only with the rules that report on a
 * resource type the templates contain. The findings are the same (a rule for an absent type can only
 * skip); cfn-guard's run time grows with the number of rules (2.7 s for all 237 on one template, 0.3 s
 * for the 30-odd a lab needs), and the tests synthesize many times.
 */
class ControlTowerGuard implements IPolicyValidationPluginBeta1 {
  private readonly rules = controlTowerRules();
  /** The guard plugin's own name: acknowledgements use it as their namespace. */
  readonly name = new CfnGuardValidator().name;

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const types = new Set(
      context.templatePaths.flatMap((file) => {
        const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type: string }> };
        return Object.values(template.Resources ?? {}).map((r) => r.Type);
      }),
    );
    const disabledRules = rulesToSkip(this.rules, types);
    if (disabledRules.length === this.rules.length) {
      // No rule applies (an UnavailableLabStack alone has no resource any rule checks); cfn-guard cannot run without rules.
      return { success: true, violations: [] };
    }
    return new CfnGuardValidator({ disabledRules }).validate(context);
  }
}
