/**
 * The whole app, as `cdk synth` builds it for a learner and the shared copy in one account: every lab is its
 * own stack, every handler bundles, and the shared copy and two learners' copies share no stack name, no
 * service-unique name and no IAM scope over each other's names. (That every
 * lab passes the CloudFormation schema validation is in validations.test.ts, where the schema engine is loaded
 * anyway; cdk-nag and guard run in each lab's own test.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleHandlers } from '../../lib/constructs/handler-bundles';
import { LABS } from '../../lib/labs';
import { globToRegExp } from '../behaviour/destroy-order';
import { valuesAtPath } from '../behaviour/facts';
import { templateStatements } from '../behaviour/iam-validity';
import { TemplateModel } from '../behaviour/template-model';
import { typeFacts } from '../behaviour/type-facts';
import { appTemplates, type LabTemplate } from '../helpers/shared-synth';

// Two learners' copies and the shared copy (no learner), from the run's shared synths of the app: the posture
// test reads the same alice and shared copies.
const aliceTemplates = appTemplates('alice');
const sharedTemplates = appTemplates();
const bobTemplates = appTemplates('bob');
const COPIES: readonly (readonly [string, readonly LabTemplate[]])[] = [
  ['shared', sharedTemplates],
  ['alice', aliceTemplates],
  ['bob', bobTemplates],
];

/** A name (or an IAM scope) of a copy, where it is, with every reference resolved to the copy's fake physical value. */
interface CopyName {
  readonly where: string;
  readonly value: string;
}

/**
 * The names each resource holds unique in the account and Region, from the type facts (`uniqueNames`, names inside
 * custom resource requests included), resolved: a reference becomes the copy's own generated name, so a name built
 * from a generated one (a crawler's log group) differs between copies as the real ones do.
 */
function uniqueNames(templates: readonly LabTemplate[]): CopyName[] {
  const names: CopyName[] = [];
  for (const { stackName, template } of templates) {
    const model = new TemplateModel(stackName, template);
    for (const [id, resource] of Object.entries(template.Resources)) {
      const where = `${stackName}/${model.pathOf(id)}`;
      const properties = model.resolve(resource.Properties ?? {});
      for (const property of typeFacts(resource.Type, where).uniqueNames ?? []) {
        valuesAtPath(properties, property).forEach((value) => names.push({ where: `${where} ${property}`, value: String(value) }));
      }
    }
  }
  return names;
}

/** Every resource pattern of the copy's Allow statements (identity, resource and key policies), with where it is. */
function iamScopes(templates: readonly LabTemplate[]): CopyName[] {
  return templates.flatMap(({ stackName, template }) =>
    templateStatements(new TemplateModel(stackName, template))
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ where, statement }) => [statement.Resource ?? []].flat().map((value) => ({ where: `${stackName}/${where}`, value }))),
  );
}

/**
 * True when an IAM resource pattern can match a resource named `name`, or named with it as a prefix as jobs are
 * (`<prefix>-<hash>`): the pattern's last name segment (after its last `/` or `:`) matches.
 */
function scopeCovers(pattern: string, name: string): boolean {
  const segment = pattern.slice(Math.max(pattern.lastIndexOf('/'), pattern.lastIndexOf(':')) + 1);
  if (segment === '' || segment === '*') {
    return false;
  }
  const glob = globToRegExp(segment);
  return glob.test(name) || glob.test(`${name}-0123abcd`);
}

describe('the app for a learner beside the shared copy in one account', () => {
  test('has one stack per lab, prefixed with the learner', () => {
    expect(aliceTemplates.map((t) => t.stackName)).toEqual(LABS.map((l) => `alice-${l.stackId}`));
    expect(sharedTemplates.map((t) => t.stackName)).toEqual(LABS.map((l) => l.stackId));
  });

  test("the shared copy and two learners' copies share no name a service holds unique (type-facts.ts uniqueNames)", () => {
    const byValue = new Map<string, string[]>();
    for (const [copy, templates] of COPIES) {
      for (const { where, value } of uniqueNames(templates)) {
        byValue.set(value, [...(byValue.get(value) ?? []), `${copy}: ${where}`]);
      }
    }
    expect(uniqueNames(aliceTemplates).length).toBeGreaterThanOrEqual(10);
    expect([...byValue].filter(([, where]) => where.length > 1)).toEqual([]);
  });

  test('every unique name of a learner copy carries the learner, names inside custom resource requests included', () => {
    for (const [learner, templates] of COPIES.slice(1)) {
      const names = uniqueNames(templates);
      expect(names.map((n) => n.where)).toEqual(expect.arrayContaining([expect.stringMatching(/TuningJob\/Resource\/Default JobNamePrefix$/)]));
      expect(names.filter((n) => !n.value.toLowerCase().includes(learner))).toEqual([]);
    }
  });

  test('no IAM scope of one copy covers a name another copy holds unique (job-name prefixes, log streams, stacks)', () => {
    const overlaps: string[] = [];
    for (const [copy, templates] of COPIES) {
      const scopes = iamScopes(templates);
      for (const [other, otherTemplates] of COPIES.filter(([c]) => c !== copy)) {
        for (const name of uniqueNames(otherTemplates)) {
          for (const scope of scopes.filter((s) => scopeCovers(s.value, name.value))) {
            overlaps.push(`${copy}: ${scope.where} ${scope.value} covers ${other}: ${name.where} ${name.value}`);
          }
        }
      }
    }
    // The check sees the scopes built from names: alice's tuning handler may act on alice's jobs.
    expect(iamScopes(aliceTemplates).some((s) => scopeCovers(s.value, 'alice-l05-tune'))).toBe(true);
    expect(overlaps).toEqual([]);
  });

  test('every resource that takes tags is tagged with the learner', () => {
    for (const { template } of aliceTemplates) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        const tags = resource.Properties?.Tags;
        if (Array.isArray(tags)) {
          expect({ id, tags }).toEqual({ id, tags: expect.arrayContaining([{ Key: 'learner', Value: 'alice' }]) });
        }
      }
    }
  });

  test('no stack references another (each lab deploys alone)', () => {
    for (const { stackName, dependencies, template } of aliceTemplates) {
      expect({ stackName, dependencies }).toEqual({ stackName, dependencies: [] });
      expect(JSON.stringify(template)).not.toMatch(/Fn::ImportValue|Fn::GetStackOutput/);
    }
  });

  test('every Lambda function, CDK-internal ones included, logs to a log group the stack deletes', () => {
    for (const { template } of aliceTemplates) {
      for (const [id, f] of Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function')) {
        const ref = (f.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref ?? '';
        expect({ id, logGroup: template.Resources[ref]?.Type }).toEqual({ id, logGroup: 'AWS::Logs::LogGroup' });
      }
    }
  });

  test('every lab function bundles into one minified file that exports its handler', () => {
    const labFunctions = aliceTemplates.flatMap((t) => t.handlerEntries);
    expect(labFunctions.length).toBeGreaterThanOrEqual(11);
    // The bundles `npm run synth` ships, from the same cache: every handler that changed since the last run is built
    // in one esbuild run (a failed import or an esbuild warning throws); the others are read back.
    const entries = [...new Set(labFunctions)].sort();
    const bundles = bundleHandlers(entries);
    for (const entry of entries) {
      const dir = bundles.get(entry)!.dir;
      const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
      // Minified: very few lines, or very long ones (string literals keep their own line breaks).
      const lines = code.split('\n').length;
      const minified = lines <= 5 || code.length / lines > 1_000;
      expect({ entry, files: fs.readdirSync(dir).sort(), exportsHandler: /\bhandler\b/.test(code), minified }).toEqual({
        entry,
        files: ['index.js', 'index.js.map'],
        exportsHandler: true,
        minified: true,
      });
    }
  });
});
