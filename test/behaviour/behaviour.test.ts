/**
 * What AWS will do with each lab, proven offline on its synthesized template (synthesized once here):
 * - every call in its call table (lib/labs/<lab>/calls.ts) is allowed or denied as the table says, by a
 *   real IAM policy evaluator (iam-simulate: identity, resource, key and endpoint policies);
 * - every IAM statement is valid (actions, condition keys, resource types of iam-data);
 * - every resource type has reviewed behaviour facts (type-facts.ts), and every bucket read and write
 *   they name is allowed to the role that makes it;
 * - `cdk deploy` creates in an order that cannot fail: what a resource's create uses (its role with the
 *   role's policies, its key, the data it reads, the routes of its subnets) is created before it;
 * - `cdk destroy` deletes in an order that cannot fail: buckets are emptied after everything that can
 *   write to them is gone, what a deletion needs (data, role, key) outlives it, network interfaces are
 *   cleaned after the last resource that leaves them, log groups that services write by name outlive
 *   their writers;
 * - a deploy adds nothing to account-wide policies that destroy never shrinks.
 */
import { LABS } from '../../lib/labs';
import { appTemplates } from '../helpers/shared-synth';
import { classPolicySize, LOGS_RESOURCE_POLICY_LIMIT, logsResourcePolicyGrowth, type PolicyGrowth } from './account-wide';
import { creationProblems } from './create-order';
import { DestroyOrder } from './destroy-order';
import { dataAccessRows } from './facts';
import { CallEvaluator, formatFailures } from './evaluator';
import { statementProblems, templateStatements } from './iam-validity';
import { TemplateModel } from './template-model';

/** What each lab adds to the account's CloudWatch Logs resource policy per deploy, for the class test. */
const growthPerLab = new Map<string, PolicyGrowth[]>();

describe.each(LABS.map((lab) => [lab.id, lab] as const))('%s', (labId, { calls: table }) => {
  // The app's templates, synthesized once per jest run (test/helpers/shared-synth.ts).
  const { stackName, template } = appTemplates().find((t) => t.labId === labId)!;
  const model = new TemplateModel(stackName, template);
  const order = new DestroyOrder(model);
  const ofType = (type: string) => Object.keys(model.resources).filter((id) => model.resources[id].Type === type);
  const at = (id: string) => model.pathOf(id);

  test('every resource type has an entry in test/behaviour/type-facts.ts', () => {
    expect(order.facts.gaps()).toEqual([]);
  });

  test('has a call table in lib/labs/<lab>/calls.ts, with calls that must be allowed and calls that must be denied', () => {
    expect(table.lab).toBe(labId);
    expect(table.calls.some((c) => c.expect === 'allow')).toBe(true);
    expect(table.calls.some((c) => c.expect === 'deny')).toBe(true);
  });

  test('every call it depends on is allowed, every call it must not allow is denied', async () => {
    const evaluator = new CallEvaluator(model);
    const results = [];
    for (const row of table.calls) {
      results.push(await evaluator.evaluate(row));
    }
    expect(formatFailures(results)).toBe('');
  });

  test('every IAM statement names real actions, condition keys that apply to them, and resources of their types', async () => {
    const problems: string[] = [];
    for (const { where, statement } of templateStatements(model)) {
      (await statementProblems(statement)).forEach((p) => problems.push(`${where}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  test('every bucket is emptied on destroy only after everything that can write to it is deleted', () => {
    const problems = ofType('Custom::S3AutoDeleteObjects').flatMap((emptying) => order.emptyingProblems(emptying));
    expect(problems).toEqual([]);
  });

  test('network interfaces are cleaned up only after the last resource that leaves them is deleted', () => {
    expect(order.networkInterfaceProblems()).toEqual([]);
  });

  test('what a deletion needs (the data it reads, the role it acts as with its policies, its key) is deleted after it', () => {
    expect(order.deletionProblems()).toEqual([]);
  });

  test("what a resource's create uses (its role with the role's policies, its key, the data it reads, its subnets' routes) is created before it", () => {
    expect(creationProblems(order)).toEqual([]);
  });

  test('every bucket read and write of the type facts is allowed to the role that makes it', async () => {
    const evaluator = new CallEvaluator(model);
    const results = [];
    for (const row of dataAccessRows(order.facts)) {
      results.push(await evaluator.evaluate(row));
    }
    expect(formatFailures(results)).toBe('');
  });

  test('every log group is deleted only after what writes to it', () => {
    const problems: string[] = [];
    for (const group of ofType('AWS::Logs::LogGroup')) {
      for (const writer of order.logGroupWriters(group)) {
        if (!order.deletedBefore(writer.id, group)) {
          problems.push(`${at(group)} may be deleted before ${at(writer.id)}, which ${writer.why}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('a deploy adds nothing to the account-wide CloudWatch Logs resource policy', () => {
    const growth = logsResourcePolicyGrowth(model);
    growthPerLab.set(labId, growth);
    expect(growth.map((g) => `${g.path} adds ${g.entry}`)).toEqual([]);
  });
});

// Runs after every lab's block above (describe blocks run in order).
describe('a class in one account', () => {
  test('30 learners deploying and destroying every lab twice stay within the account-wide policy limit', () => {
    expect(growthPerLab.size).toBeGreaterThan(0);
    expect(classPolicySize([...growthPerLab.values()], 30, 2)).toBeLessThanOrEqual(LOGS_RESOURCE_POLICY_LIMIT);
  });
});
