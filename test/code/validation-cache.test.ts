/**
 * Validation reports are kept by content (lib/validation/plugins.ts: ControlTowerGuard and
 * CachedCloudFormationValidation): the same template gives the same findings from the cache, with the path of the
 * template at hand, and a template that changed is validated again. The cached CloudFormation check replaces the
 * CDK's own, runs once per synth, and is off where the CDK's would be.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationValidatePlugin, type IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import { CachedCloudFormationValidation, ControlTowerGuard } from '../../lib/validation/plugins';
import { ReportCache } from '../../lib/validation/report-cache';
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

describe('the CloudFormation schema check', () => {
  const schema = new CachedCloudFormationValidation(path.join(dir, 'schema-cache'));
  // The CDK's engine stands in here for speed (building it takes seconds; validations.test.ts runs the real one
  // through this class on every lab): a template's function with less than 128 MB is an error, as F3034 says.
  let engine: jest.SpyInstance;
  beforeAll(() => {
    engine = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate').mockImplementation((context) => ({
      success: false,
      violations: [
        {
          ruleName: 'F3034',
          description: 'MemorySize: below the minimum of 128',
          severity: 'error',
          violatingResources: context.stackTemplates.flatMap(({ templatePath }) => {
            const { Resources } = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as { Resources: Record<string, { Properties: { MemorySize: number } }> };
            return Object.entries(Resources)
              .filter(([, r]) => r.Properties.MemorySize < 128)
              .map(([resourceLogicalId]) => ({ resourceLogicalId, templatePath, locations: ['Properties.MemorySize'] }));
          }),
        },
      ],
    }));
  });
  afterAll(() => jest.restoreAllMocks());

  /** A template with one function of `memorySize` MB. */
  function functionTemplate(name: string, memorySize: number): string {
    const file = path.join(dir, `${name}.template.json`);
    fs.writeFileSync(file, JSON.stringify({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: memorySize } } } }));
    return file;
  }
  const check = (...templatePaths: string[]) => {
    const stackTemplates = templatePaths.map((templatePath) => ({ stackConstructPath: path.basename(templatePath), templatePath, accountId: '123456789012', region: 'us-east-1' }));
    const report = schema.validate({ templatePaths, stackTemplates, appConstruct: testApp({ outdir: dir }) });
    return {
      checked: schema.lastChecked.map((p) => path.basename(p)),
      success: report.success,
      findings: report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.resourceLogicalId} in ${path.basename(r.templatePath ?? '')}`)).sort(),
    };
  };

  test('checks all new templates in one engine call, keeps a report per template, and gives it back with the path at hand', () => {
    const [small, large] = [functionTemplate('small', 64), functionTemplate('large', 512)];
    const first = check(small, large);
    expect(first).toEqual({ checked: ['small.template.json', 'large.template.json'], success: false, findings: ['F3034 at Fn in small.template.json'] });
    expect(engine).toHaveBeenCalledTimes(1);
    expect(check(small, large)).toEqual({ ...first, checked: [] });
    const copy = path.join(dir, 'copy.template.json');
    fs.copyFileSync(small, copy);
    expect(check(copy)).toEqual({ checked: ['copy.template.json'], success: false, findings: ['F3034 at Fn in copy.template.json'] });
  });

  test("names the engine's version as the engine itself does, without loading it", () => {
    const enginesOwn = Object.getOwnPropertyDescriptor(CloudFormationValidatePlugin.prototype, 'version')!.get!.call(schema) as string;
    expect({ version: schema.version, ruleIds: schema.ruleIds }).toEqual({ version: enginesOwn, ruleIds: [enginesOwn] });
  });

  test('checks a changed template again, and only that one; a template with no error succeeds on its own', () => {
    const large = functionTemplate('large', 512);
    const changed = functionTemplate('small', 128);
    expect(check(changed, large)).toEqual({ checked: ['small.template.json'], success: true, findings: [] });
  });
});

describe('a report another process is making', () => {
  const cache = new ReportCache<{ readonly by: string }>(path.join(dir, 'lock-cache'));
  const made: string[] = [];
  const produce = (by: string) => () => {
    made.push(by);
    return { by };
  };

  test('is waited for, not made again: the process holding the lock writes it', async () => {
    const key = cache.key(['waited']);
    // Another process: holds the lock, writes the report after 300 ms (whole, then renamed, as ReportCache.write
    // does), then lets the lock go.
    const file = JSON.stringify(cache.file(key));
    const other = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); setTimeout(() => { fs.writeFileSync(${file} + '.part', '{"by":"the other process"}'); fs.renameSync(${file} + '.part', ${file}); fs.rmSync(${file} + '.lock'); }, 300);`,
    ]);
    fs.mkdirSync(path.dirname(cache.file(key)), { recursive: true });
    fs.writeFileSync(`${cache.file(key)}.lock`, String(other.pid));
    expect(cache.readOrProduce(key, 'template', produce('this process'))).toEqual({ report: { by: 'the other process' }, cached: true });
    expect(made).toEqual([]);
    await new Promise((resolve) => other.on('exit', resolve));
  });

  test('is made here when the process that held the lock is gone, and the lock is let go', () => {
    const key = cache.key(['taken over']);
    fs.writeFileSync(`${cache.file(key)}.lock`, '999999999');
    expect(cache.readOrProduce(key, 'template', produce('this process'))).toEqual({ report: { by: 'this process' }, cached: false });
    expect(fs.existsSync(`${cache.file(key)}.lock`)).toBe(false);
  });
});
