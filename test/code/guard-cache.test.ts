/**
 * Control Tower guard results are kept by content (lib/validation/plugins.ts, ControlTowerGuard): the same
 * template gives the same findings from the cache, with the path of the template at hand, and a template that
 * changed is validated again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import { ControlTowerGuard } from '../../lib/validation/plugins';
import { testApp } from '../helpers/synth';
import { testTempDir } from '../helpers/temp-dir';

const dir = testTempDir('guard-cache-');
const guard = new ControlTowerGuard(path.join(dir, 'cache'));
const context = (templatePath: string): IPolicyValidationContextBeta1 => ({ templatePaths: [templatePath], appConstruct: testApp({ outdir: dir }) });

/** A template with one bucket, without access logs (CT.S3.PR.2) unless `logged`. */
function template(name: string, logged: boolean): string {
  const file = path.join(dir, `${name}.template.json`);
  const properties = logged ? { LoggingConfiguration: { DestinationBucketName: 'logs-bucket' } } : {};
  fs.writeFileSync(file, JSON.stringify({ Resources: { Data: { Type: 'AWS::S3::Bucket', Properties: properties } } }));
  return file;
}

const rules = (report: ReturnType<ControlTowerGuard['validateTemplate']>) =>
  report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.resourceLogicalId} in ${path.basename(r.templatePath)}`));

test('the second validation of the same template comes from the cache, with the same findings', () => {
  const first = guard.validateTemplate(context(template('first', false)), path.join(dir, 'first.template.json'));
  expect(first.cached).toBe(false);
  expect(rules(first)).toContain('s3_bucket_logging_enabled_check at Data in first.template.json');
  const again = guard.validateTemplate(context(template('again', false)), path.join(dir, 'again.template.json'));
  expect({ cached: again.cached, success: again.success }).toEqual({ cached: true, success: first.success });
  expect(rules(again)).toEqual(rules(first).map((r) => r.replace('first.template.json', 'again.template.json')));
});

test('a changed template is validated again', () => {
  const changed = guard.validateTemplate(context(template('changed', true)), path.join(dir, 'changed.template.json'));
  expect(changed.cached).toBe(false);
  expect(rules(changed)).not.toContain('s3_bucket_logging_enabled_check at Data in changed.template.json');
});
