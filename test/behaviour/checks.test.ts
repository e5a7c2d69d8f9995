/**
 * The behaviour checks can fail: a test-only stack with one defect of each kind the layer looks for
 * makes each check report it, and the fix (where the kit has one) makes the report go away. The checks
 * derived from the type facts (type-facts.ts) are shown failing on a lab's template (the run's shared
 * synth) with one ordering or property removed.
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
import { appTemplates } from '../helpers/shared-synth';
import { creationProblems, staleDataProblems } from './create-order';
import { DestroyOrder } from './destroy-order';
import { dataAccessRows } from './facts';
import { type TemplateResource } from './template-model';
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

  test("accepts a bucket's ARN beside its objects' for object actions, as aws-cdk-lib's bucket grants write them, but not alone", async () => {
    const writes = ['s3:PutObject', 's3:DeleteObject*', 's3:Abort*'];
    expect(await statementProblems({ Action: writes, Resource: ['arn:aws:s3:::lab-bucket', 'arn:aws:s3:::lab-bucket/*'] })).toEqual([]);
    expect(await statementProblems({ Action: writes, Resource: ['arn:aws:s3:::lab-bucket'] })).toEqual([
      'resource arn:aws:s3:::lab-bucket is of no resource type of s3:PutObject, s3:DeleteObject*, s3:Abort*',
    ]);
    expect(await statementProblems({ Action: writes, Resource: ['arn:aws:s3:::lab-bucket', 'arn:aws:s3:::other-bucket/*'] })).toEqual([
      'resource arn:aws:s3:::lab-bucket is of no resource type of s3:PutObject, s3:DeleteObject*, s3:Abort*',
    ]);
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

/** A lab's template (the run's shared synth), changed by `edit`, with the checks' view of it. */
function mutated(labId: string, edit: (resources: Record<string, TemplateResource & { DependsOn?: string[]; Properties?: Record<string, unknown> }>, m: TemplateModel) => void): DestroyOrder {
  const { stackName, template } = appTemplates().find((t) => t.labId === labId)!;
  const copy = JSON.parse(JSON.stringify(template)) as { Resources: Record<string, TemplateResource & { DependsOn?: string[]; Properties?: Record<string, unknown> }> };
  edit(copy.Resources, new TemplateModel(stackName, template));
  return new DestroyOrder(new TemplateModel(stackName, copy));
}

/** Removes from `dependent`'s DependsOn every logical id whose construct path starts with one of `paths`. */
function dropDependsOn(m: TemplateModel, resources: Record<string, { DependsOn?: string[] }>, dependent: string, ...paths: string[]): void {
  const r = resources[m.logicalId(dependent)];
  const before = r.DependsOn ?? [];
  r.DependsOn = before.filter((d) => !paths.some((p) => m.pathOf(d).startsWith(p)));
  expect(r.DependsOn.length).toBeLessThan(before.length);
}

describe('checks derived from the type facts', () => {
  test('a resource type with no entry fails, saying what to fill in', () => {
    const order = mutated('data-lake', (r) => {
      r.Gadget = { Type: 'AWS::Gadget::Widget', Properties: {}, Metadata: { 'aws:cdk:path': 'Lab01DataLake/Gadget/Resource' } };
    });
    expect(order.facts.gaps()).toEqual([expect.stringMatching(/^Gadget\/Resource: resource type AWS::Gadget::Widget has no entry in test\/behaviour\/type-facts.ts. Add one: .*sources/)]);
    expect(() => order.facts.of('Gadget')).toThrow(/AWS::Gadget::Widget has no entry/);
  });

  test('finds a data source whose deletion reads the corpus, deleted after the corpus is emptied (lab 06 before its fix)', () => {
    const order = mutated('bedrock-rag', (r, m) => dropDependsOn(m, r, 'KnowledgeBase/DataSource', 'Documents/AutoDeleteObjectsCustomResource'));
    expect(order.deletionProblems()).toEqual([
      'KnowledgeBase/DataSource may be deleted after Documents/AutoDeleteObjectsCustomResource/Default empties Documents/Resource, and its deletion reads corpus/ there',
    ]);
  });

  test('finds a deletion that acts as a role whose policy may be deleted first', () => {
    // The knowledge base depends on the role too (it is created as the role), and the data source on the knowledge base.
    const order = mutated('bedrock-rag', (r, m) => {
      dropDependsOn(m, r, 'KnowledgeBase/DataSource', 'KnowledgeBase/ServiceRole/DefaultPolicy');
      dropDependsOn(m, r, 'KnowledgeBase/KnowledgeBase', 'KnowledgeBase/ServiceRole/DefaultPolicy');
    });
    expect(order.deletionProblems()).toEqual([
      'KnowledgeBase/DataSource is deleted as KnowledgeBase/ServiceRole/Resource, but KnowledgeBase/ServiceRole/DefaultPolicy/Resource may be deleted first',
    ]);
  });

  test('finds a resource that leaves network interfaces and that the clean-up does not wait for', () => {
    // The endpoint serves the model, which is made from the training job's artifact: all three wait for the clean-up.
    const order = mutated('sagemaker-private', (r, m) => {
      for (const path of ['Endpoint', 'Model', 'TrainingJob/Resource/Default']) {
        dropDependsOn(m, r, path, 'EniCleanup');
      }
    });
    expect(order.networkInterfaceProblems()).toEqual([
      expect.stringMatching(/^TrainingJob\/Resource\/Default leaves network interfaces in Vpc\/IsolatedSubnet1\/Subnet, Vpc\/IsolatedSubnet2\/Subnet when it is deleted, and no clean-up runs after its deletion$/),
      expect.stringMatching(/^Endpoint leaves network interfaces in .* and no clean-up runs after its deletion$/),
    ]);
  });

  test('finds a writer configured by a property (an Athena workgroup) that may outlive the emptying of its bucket', () => {
    const order = mutated('data-lake', (r, m) => dropDependsOn(m, r, 'WorkGroup', 'AthenaResults/AutoDeleteObjectsCustomResource'));
    const emptying = order.facts.model.logicalId('AthenaResults/AutoDeleteObjectsCustomResource/Default');
    expect(order.emptyingProblems(emptying)).toEqual(['AthenaResults/Resource may be emptied before WorkGroup/Resource is deleted, which writes athena/ there while it exists']);
  });

  test("finds a job created before its role's policy, before the data it reads, and before a route of its subnets", () => {
    const order = mutated('tune-and-batch', (r, m) => {
      dropDependsOn(m, r, 'TuningJob/Resource/Default', 'ExecutionRole/DefaultPolicy', 'TrainingData/Upload');
      r.LateEndpoint = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: { Ref: m.logicalId('Vpc') } }, Metadata: { 'aws:cdk:path': 'Lab05TuneAndBatch/LateEndpoint' } };
    });
    expect(creationProblems(order).filter((p) => p.startsWith('TuningJob/'))).toEqual([
      'TuningJob/Resource/Default acts as ExecutionRole/Resource when it is created, but may be created before ExecutionRole/DefaultPolicy/Resource',
      expect.stringMatching(/^TuningJob\/Resource\/Default reads input\/train\/ of Data\/Resource when it is created, but may be created before TrainingData\/Upload\/CustomResource-512MiB\/Default writes there$/),
      expect.stringMatching(/^TuningJob\/Resource\/Default reads input\/validation\/ of Data\/Resource when it is created, but may be created before TrainingData\/Upload\/CustomResource-512MiB\/Default writes there$/),
      expect.stringMatching(/^TuningJob\/Resource\/Default runs in Vpc\/IsolatedSubnet1\/Subnet when it is created, but may be created before LateEndpoint$/),
      expect.stringMatching(/^TuningJob\/Resource\/Default runs in Vpc\/IsolatedSubnet2\/Subnet when it is created, but may be created before LateEndpoint$/),
    ]);
  });

  test('finds a resource that reads uploaded data and would not change when the data does', () => {
    const order = mutated('bedrock-rag', (r, m) => {
      delete r[m.logicalId('Ingestion/Resource/Default')].Properties!.CorpusVersion;
    });
    expect(staleDataProblems(order)).toEqual([expect.stringMatching(/^Ingestion\/Resource\/Default reads what Corpus\/Upload\/CustomResource-512MiB\/Default writes, but no property of it changes when that data changes$/)]);
  });

  test('finds a bucket write the facts name that the acting role may not make', async () => {
    const order = mutated('sagemaker-private', (r, m) => {
      const policy = r[m.logicalId('ExecutionRole/DefaultPolicy')].Properties!.PolicyDocument as { Statement: { Resource?: unknown }[] };
      for (const statement of policy.Statement) {
        statement.Resource = [statement.Resource ?? []].flat().filter((x) => !JSON.stringify(x).includes('/data-capture/*'));
      }
    });
    const evaluator = new CallEvaluator(order.facts.model);
    const rows = dataAccessRows(order.facts);
    const failures = formatFailures(await Promise.all(rows.map((row) => evaluator.evaluate(row))));
    expect(failures).toMatch(/^\[run\] Endpoint writes data-capture \(type-facts.ts\): ExecutionRole\/Resource s3:PutObject expected allow, got ImplicitlyDenied/);
    expect(failures.split('\n')).toHaveLength(1);
  });
});
