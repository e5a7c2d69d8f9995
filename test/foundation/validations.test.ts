/**
 * Every lab passes every validation (cdk-nag, Control Tower guard, aws-cdk-lib's strict CloudFormation schema),
 * and negative tests: resources that bypass the kit's building blocks must fail the validations and the destroy
 * guardrails, so we know the checks the labs pass are able to fail.
 */
import { CfnResource, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { GUARDRAIL_WARNINGS } from '../../lib/aspects/lab-guardrails';
import { LABS } from '../../lib/labs';
import type { LabStack } from '../../lib/labs/lab-stack';
import { type Finding, formatFindings } from '../../lib/synthesize';
import { acknowledgeXRayWrites } from '../../lib/validation/acknowledgements';
import { controlTowerRules, rulesToSkip } from '../../lib/validation/plugins';
import { validateApp } from '../helpers/shared-synth';
import { describeStack, expectNoFindings, testApp, testOutdir } from '../helpers/synth';
import { synthTestStack } from '../helpers/test-stack';

const lab = synthTestStack((stack) => {
  new s3.Bucket(stack, 'RawBucket');
  new logs.LogGroup(stack, 'RawLogs', { retention: logs.RetentionDays.INFINITE });
  new kms.Key(stack, 'RawKey', { removalPolicy: RemovalPolicy.RETAIN });
  new lambda.CfnFunction(stack, 'TooSmall', {
    code: { zipFile: 'exports.handler = async () => 1;' },
    handler: 'index.handler',
    role: 'arn:aws:iam::123456789012:role/example',
    runtime: 'nodejs24.x',
    memorySize: 64,
  });
}, { schemaValidation: true });
const rules = formatFindings(lab.findings).split('\n');

// The same stack with the CloudFormation schema check off, as an App turns it off and as CDK_VALIDATION=false does.
const tooSmall = (stack: LabStack) =>
  new lambda.CfnFunction(stack, 'TooSmall', { code: { zipFile: 'exports.handler = 1' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs24.x', memorySize: 64 });
const schemaFindings = (findings: readonly Finding[]) => formatFindings(findings).split('\n').filter((line) => line.includes('F3034'));
const schemaOff = schemaFindings(synthTestStack(tooSmall, { schemaValidation: false }).findings);
const previousCdkValidation = process.env.CDK_VALIDATION;
process.env.CDK_VALIDATION = 'false';
const schemaTurnedOff = schemaFindings(synthTestStack(tooSmall, { schemaValidation: true }).findings);
process.env.CDK_VALIDATION = previousCdkValidation;

// Every lab through cdk-nag, guard and the schema check in one synth, shared with the lab tests (they read
// their findings). The schema engine costs about 3 CPU-s to load per test file; this file needs it anyway.
const app = validateApp(testOutdir());

describe('every lab', () => {
  test('is in the app', () => {
    expect(app.stacks.map((s) => s.lab.id)).toEqual(LABS.map((l) => l.id));
  });

  test.each(LABS.map((l) => [l.id] as const))('%s passes cdk-nag, Control Tower guard and the strict CloudFormation schema validation, with no guardrail warning', (labId) => {
    const stack = app.stacks.find((s) => s.lab.id === labId)!;
    expectNoFindings(app.findings.filter((f) => f.path.split('/')[0] === stack.node.id));
    expect(describeStack(app, stack).warnings).toEqual([]);
  });
});

describe('validations catch what the building blocks prevent', () => {
  test.each([
    ['AwsSolutions-S1 at Test/RawBucket/Resource', 'cdk-nag: no server access logs'],
    ['AwsSolutions-S10 at Test/RawBucket/Resource', 'cdk-nag: TLS not enforced'],
    ['AwsSolutions-KMS5 at Test/RawKey/Resource', 'cdk-nag: key rotation off'],
    ['s3_bucket_default_encryption_kms_check at Test/RawBucket/Resource', 'guard CT.S3.PR.10: no KMS encryption'],
    ['s3_bucket_logging_enabled_check at Test/RawBucket/Resource', 'guard CT.S3.PR.2: no access logs'],
    ['cloudwatch_log_group_encrypted_check at Test/RawLogs/Resource', 'guard CT.CLOUDWATCH.PR.3: unencrypted log group'],
    ['kms_create_grant_aws_service_check at Test/RawKey/Resource', 'guard CT.KMS.PR.3: anyone may create grants'],
    ['F3034 at Test/TooSmall', 'CloudFormation schema, strict: MemorySize below 128'],
  ])('%s (%s)', (expected) => {
    expect(rules).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  test("the CloudFormation schema check runs once (the kit's cached one replaces the CDK's), and only where the CDK's would", () => {
    expect({ on: schemaFindings(lab.findings), schemaOff, schemaTurnedOff }).toEqual({
      on: [expect.stringContaining('F3034 at Test/TooSmall')],
      schemaOff: [],
      schemaTurnedOff: [],
    });
  });

  test.each([
    [GUARDRAIL_WARNINGS.retained, 'Test/RawKey/Resource'],
    [GUARDRAIL_WARNINGS.retained, 'Test/RawBucket/Resource'],
    [GUARDRAIL_WARNINGS.bucketNotEmptied, 'Test/RawBucket/Resource'],
    [GUARDRAIL_WARNINGS.keyWindow, 'Test/RawKey/Resource'],
    [GUARDRAIL_WARNINGS.logRetention, 'Test/RawLogs/Resource'],
  ])('the destroy guardrail warns %s at %s', (id, path) => {
    expect(lab.warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`\\[ack: ${id}\\]" at /${path}$`))]));
  });

  test('guardrail warnings are validation findings too, so strict mode fails the synth', () => {
    expect(rules).toEqual(
      expect.arrayContaining([expect.stringContaining(`${GUARDRAIL_WARNINGS.retained} at Test/RawKey/Resource (Construct Annotations, warning)`)]),
    );
  });

  test('the lab foundation itself stays clean next to them', () => {
    expect(lab.findings.filter((f) => /^Test\/(LabKey|AccessLogs)\//.test(f.path))).toEqual([]);
  });

  test('a raw CfnResource is still a resource the guardrail sees', () => {
    expect(lab.stack.node.findChild('TooSmall')).toBeInstanceOf(CfnResource);
  });
});

describe('the guard plugin runs only the rules that can report on the templates', () => {
  const rules = controlTowerRules();

  test('finds every bundled Control Tower rule and the types each reports on', () => {
    expect(rules.length).toBeGreaterThan(200);
    expect(rules.filter((r) => r.reportsOn.length === 0)).toEqual([]);
    expect(rules.find((r) => r.id === 'ct-s3-pr-1')?.reportsOn).toEqual(['AWS::S3::Bucket']);
  });

  test('skips a rule only when no template has a type it reports on', () => {
    const skipped = rulesToSkip(rules, new Set(['AWS::S3::Bucket', 'AWS::KMS::Key']));
    expect(skipped).toContain('ct-sagemaker-pr-1');
    expect(skipped).not.toContain('ct-s3-pr-1');
    expect(skipped).not.toContain('ct-kms-pr-3');
  });

  test('never skips a rule whose header names no type', () => {
    expect(rulesToSkip([{ id: 'custom', reportsOn: [] }], new Set())).toEqual([]);
  });
});

describe('an acknowledgement', () => {
  const outdir = testOutdir();
  /** The stack traces the CDK recorded with the acknowledgements on a role, in an app with creation traces on or off. */
  const traces = (creationTraces: boolean) => {
    const stack = new Stack(testApp({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': !creationTraces } }), 'Traces');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    acknowledgeXRayWrites(role);
    const acks = role.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(acks.length).toBeGreaterThan(0);
    return acks.map((m) => m.trace ?? []);
  };

  test('records where it was made, except where creation stack traces are off (as in the tests): the CDK\'s own rule for resources', () => {
    const frames = (trace: readonly string[]) => trace.filter((line) => /^\s+at /.test(line));
    expect(traces(true).every((t) => frames(t).some((line) => line.includes('acknowledgements.ts')))).toBe(true);
    // Without frames the CDK writes one line saying so ("no user code in 0 frames").
    expect(traces(false).map(frames)).toEqual(traces(false).map(() => []));
  });
});
