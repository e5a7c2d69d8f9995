import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * The synth-time validations every lab passes. aws-cdk-lib's built-in CloudFormation validation is on
 * by default; cdk.json makes it strict (`validateAgainstDefaultRules`, `strictCfnValidateErrors`).
 * This is the only file that names the plugins, so upgrading one touches one file.
 */
export function addLabValidations(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new CfnGuardValidator());
}
