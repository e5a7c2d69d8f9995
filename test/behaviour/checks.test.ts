/**
 * The behaviour checks can fail: a test-only stack with one defect of each kind the layer looks for
 * makes each check report it, and the fix (where the kit has one) makes the report go away.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LabLogGroup } from '../../lib/constructs/lab-log-group';
import { SecureBucket } from '../../lib/constructs/secure-bucket';
import { allow, deny } from '../../lib/labs/call-table';
import type { LabStack } from '../../lib/labs/lab-stack';
import { readKitConfig } from '../../lib/config';
import { LABS } from '../../lib/labs';
import { synthesizeWith } from '../../lib/synthesize';
import { describeStack, logicalId, type SynthesizedLab, TEST_ENV, TEST_SYNTH_CONTEXT, testOutdir } from '../helpers/synth';
import { TestLabStack } from '../helpers/test-stack';
import { classPolicySize, LOGS_RESOURCE_POLICY_LIMIT, logsResourcePolicyGrowth } from './account-wide';
import { DestroyOrder } from './destroy-order';
import { CallEvaluator, formatFailures } from './evaluator';
import { statementProblems, templateStatements } from './iam-validity';
import { TemplateModel } from './template-model';
import { POSTURE_CONTEXT } from '../../lib/posture/template';

/** A test stack, synthesized without validations (the checks here are not about them). */
function synth(build: (stack: LabStack) => void): SynthesizedLab {
  const result = synthesizeWith({ bundle: false, validations: false, env: TEST_ENV, outdir: testOutdir(), context: { ...TEST_SYNTH_CONTEXT, ...POSTURE_CONTEXT } }, (app) => ({
    config: readKitConfig({}, TEST_ENV, LABS),
    stacks: [new TestLabStack(app, build)],
    unavailable: [],
  }));
  return describeStack(result, result.stacks[0]);
}

function model(build: (stack: LabStack) => void): TemplateModel {
  return TemplateModel.of(synth(build));
}

/**
 * A bucket written by a state machine that logs to a group outside /aws/vendedlogs/; when broken, also a
 * log group and an ENI clean-up in the wrong order.
 */
function writerStack(fixed: boolean) {
  return (stack: LabStack) => {
    const bucket = new SecureBucket(stack, 'Out', { encryptionKey: stack.key, accessLogsBucket: stack.accessLogsBucket });
    const role = new iam.Role(stack, 'MachineRole', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('out/*')] }));
    const logs = fixed
      ? LabLogGroup.forStateMachine(stack, 'MachineLogs', { encryptionKey: stack.key })
      : new LabLogGroup(stack, 'MachineLogs', { encryptionKey: stack.key });
    const machine = new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Nothing')),
      role,
      logs: { destination: logs, level: sfn.LogLevel.ERROR },
    });
    if (fixed) {
      bucket.emptiedAfter(machine, role);
      return;
    }
    // A log group a service writes by name, written by a resource that does not depend on it.
    const group = new LabLogGroup(stack, 'Named', { encryptionKey: stack.key, logGroupName: '/aws/custom/writer' });
    const writerRole = new iam.Role(stack, 'WriterRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
    group.grantWrite(writerRole);
    new CfnResource(stack, 'Writer', { type: 'AWS::Glue::Crawler', properties: { Role: writerRole.roleArn, Targets: {} } });
    // A network-interface clean-up that one SageMaker resource waits for and another does not.
    const cleanup = new CfnResource(stack, 'Cleanup', { type: 'Custom::SageMakerEniCleanup', properties: { ServiceToken: 'x' } });
    new CfnResource(stack, 'Waits', { type: 'AWS::SageMaker::Model', properties: {} }).addResourceDependency(cleanup);
    new CfnResource(stack, 'DoesNotWait', { type: 'AWS::SageMaker::Endpoint', properties: {} });
  };
}

const broken = model(writerStack(false));
const fixedLab = synth(writerStack(true));
const fixed = TemplateModel.of(fixedLab);

describe('destroy order', () => {
  const problems = (m: TemplateModel) => new DestroyOrder(m).emptyingProblems(m.logicalId('Out/AutoDeleteObjectsCustomResource'));

  test('finds a bucket that may be emptied while a state machine that writes to it, or its permission, still exists', () => {
    expect(problems(broken)).toEqual([
      'Out/Resource may be emptied before MachineRole/DefaultPolicy/Resource is deleted, which grants s3:PutObject',
      'Out/Resource may be emptied before Machine/Resource is deleted, which runs as MachineRole/Resource, which may put objects',
    ]);
  });

  test('SecureBucket.emptiedAfter makes the writer and its permissions go first', () => {
    expect(problems(fixed)).toEqual([]);
    const order = new DestroyOrder(fixed);
    const emptying = fixed.logicalId('Out/AutoDeleteObjectsCustomResource');
    expect(order.deletedBefore(fixed.logicalId('Machine'), emptying)).toBe(true);
    expect(order.deletedBefore(emptying, fixed.logicalId('Machine'))).toBe(false);
  });

  test('S3 log delivery, whose only permission is the log bucket policy, cannot write between the emptying and the deletion', () => {
    const order = new DestroyOrder(fixed);
    const logs = fixed.logicalId('AccessLogs');
    const emptying = fixed.logicalId('AccessLogs/AutoDeleteObjectsCustomResource');
    expect(order.bucketWriters(logs).map((w) => [fixed.pathOf(w.id), w.kind])).toEqual([['Out/Resource', 'bucket-policy']]);
    // The real order: the emptying (Deny, then delete every version), then the policy, then the bucket.
    // The data bucket goes later than the policy, which names it as a log source.
    expect(order.deletedBefore(emptying, fixed.logicalId('AccessLogs/Policy'))).toBe(true);
    expect(order.deletedBefore(fixed.logicalId('AccessLogs/Policy'), logs)).toBe(true);
    expect(order.deletedBefore(fixed.logicalId('AccessLogs/Policy'), fixed.logicalId('Out'))).toBe(true);
    expect(order.emptyingProblems(emptying)).toEqual([]);
  });

  test('finds a log group that a service writes by name and that may be deleted before its writer', () => {
    const m = broken;
    const order = new DestroyOrder(m);
    const group = m.logicalId('Named');
    expect(order.logGroupWriters(group).map((w) => [m.pathOf(w.id), order.deletedBefore(w.id, group)])).toEqual([['Writer', false]]);
  });

  test('finds a SageMaker resource that the network-interface clean-up does not wait for', () => {
    const m = broken;
    const order = new DestroyOrder(m);
    expect(order.deletedBefore(m.logicalId('Waits'), m.logicalId('Cleanup'))).toBe(true);
    expect(order.deletedBefore(m.logicalId('DoesNotWait'), m.logicalId('Cleanup'))).toBe(false);
  });
});

describe('account-wide policies', () => {
  test('finds a state machine that logs to a group outside /aws/vendedlogs/, and a class that would overflow the policy', () => {
    const growth = logsResourcePolicyGrowth(broken);
    expect(growth.map((g) => g.path)).toEqual(['Machine/Resource']);
    // Four labs with one such state machine each, 30 learners, two rounds.
    expect(classPolicySize([growth, growth, growth, growth], 30, 2)).toBeGreaterThan(LOGS_RESOURCE_POLICY_LIMIT);
  });

  test('LabLogGroup.forStateMachine names the group under /aws/vendedlogs/states/, which adds nothing', () => {
    expect(logsResourcePolicyGrowth(fixed)).toEqual([]);
    expect(fixed.physicalName(fixed.logicalId('MachineLogs'))).toMatch(/^\/aws\/vendedlogs\/states\/Test-MachineLogs-/);
  });
});

describe('IAM statement validity', () => {
  test('finds a misspelt action, a condition key of another service and a resource of the wrong type', async () => {
    const problems = await statementProblems({
      Action: ['s3:GetObjekt', 's3:GetObject'],
      Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:x',
      Condition: { StringEquals: { 'sagemaker:VpcSubnets': 'subnet-1', 's3:prefix': 'a/' } },
    });
    expect(problems).toEqual([
      'action s3:GetObjekt does not exist',
      'condition key sagemaker:VpcSubnets applies to none of s3:GetObjekt, s3:GetObject',
      'condition key s3:prefix applies to none of s3:GetObjekt, s3:GetObject',
      'resource arn:aws:logs:us-east-1:123456789012:log-group:x is of no resource type of s3:GetObjekt, s3:GetObject',
    ]);
  });

  test('accepts wildcards, global keys, variable keys and wildcard resources', async () => {
    expect(
      await statementProblems({
        Action: ['kms:Encrypt*', 'kms:GenerateDataKey*'],
        Resource: 'arn:aws:kms:us-east-1:123456789012:key/*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:*', 'aws:SourceArn': 'x' } },
      }),
    ).toEqual([]);
    expect(await statementProblems({ Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:x:*' })).toEqual([]);
  });

  test('reads the statements of every policy-bearing resource of a template', () => {
    const where = templateStatements(broken).map((s) => s.where.split(' statement')[0]);
    expect(where).toEqual(expect.arrayContaining(['LabKey/Resource', 'Out/Policy/Resource', 'MachineRole/Resource', 'MachineRole/DefaultPolicy/Resource']));
  });
});

describe('call evaluation', () => {
  const evaluator = new CallEvaluator(fixed);
  const role = { role: 'MachineRole' };

  test('reports a call that is denied but must be allowed, and one that is allowed but must be denied', async () => {
    const results = [
      await evaluator.evaluate(allow('run', 'write elsewhere', role, 's3:PutObject', '${Out.Arn}/elsewhere/x')),
      await evaluator.evaluate(deny('run', 'write out/', role, 's3:PutObject', '${Out.Arn}/out/x')),
      await evaluator.evaluate(allow('run', 'write out/', role, 's3:PutObject', '${Out.Arn}/out/x')),
    ];
    expect(formatFailures(results).split('\n')).toEqual([
      expect.stringMatching(/^\[run\] write elsewhere: MachineRole s3:PutObject expected allow, got ImplicitlyDenied/),
      expect.stringMatching(/^\[run\] write out\/: MachineRole s3:PutObject expected deny, got Allowed/),
    ]);
  });

  test("applies the target's resource policy: the bucket refuses a request without TLS", async () => {
    const result = await evaluator.evaluate(
      allow('run', 'no TLS', role, 's3:PutObject', '${Out.Arn}/out/x', { context: { 'aws:SecureTransport': 'false' } }),
    );
    expect(result.outcome).toBe('ExplicitlyDenied');
  });

  test('rejects a context key that does not apply to the action (a typo)', async () => {
    const result = await evaluator.evaluate(allow('run', 'typo', role, 's3:PutObject', '${Out.Arn}/out/x', { context: { 's3:prefixx': 'a' } }));
    expect(result.detail).toMatch(/context keys that do not apply to s3:PutObject: s3:prefixx/);
  });

  test('resolves construct-path tokens to the fake physical values of the template', () => {
    const bucket = fixed.logicalId('Out');
    expect(fixed.resolveToken('${Out.Arn}/x')).toBe(`arn:aws:s3:::${fixed.ref(bucket)}/x`);
    expect(logicalId(Stack.of(fixedLab.stack).node.findChild('Out'))).toBe(bucket);
  });
});

describe('the evaluator stays a test tool', () => {
  test('no code under lib/, lambda/, labs/, bin/ or scripts/ imports the AGPL-3.0 @cloud-copilot packages', () => {
    const root = path.join(__dirname, '..', '..');
    const importers = ['lib', 'lambda', 'labs', 'bin', 'scripts']
      .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)))
      .filter((f) => f.endsWith('.ts') && fs.readFileSync(path.join(root, f), 'utf8').includes('@cloud-copilot/'));
    expect(importers).toEqual([]);
  });
});
