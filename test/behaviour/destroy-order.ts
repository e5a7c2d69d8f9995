/**
 * The order in which `cdk destroy` deletes a lab, computed from its template. CloudFormation deletes a
 * resource before the resources it depends on (DependsOn, Ref, Fn::GetAtt, Fn::Sub):
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
 * so "A is deleted before B" holds exactly when A depends on B, directly or through others.
 */
import type { TemplateModel } from './template-model';

interface Statement {
  readonly Effect: string;
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A resource that can write somewhere, and why the check thinks so. */
export interface Writer {
  readonly id: string;
  readonly why: string;
  /**
   * `identity`: it writes with IAM permissions of its own (or a learner's, through a workgroup), so it must
   * be deleted before the bucket is emptied. `bucket-policy`: a service whose only permission is the
   * bucket policy, which holds the emptying handler's Deny until it is deleted, right before the bucket.
   */
  readonly kind: 'identity' | 'bucket-policy';
}

/** Types that grant permissions or name a role, but run nothing themselves. */
const NOT_RUNNING = new Set(['AWS::Logs::LogGroup', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::Lambda::Permission', 'AWS::IAM::InstanceProfile']);

/**
 * Writers that write only while CloudFormation creates or updates them, never on delete: the CDK
 * BucketDeployment handler uploads on Create/Update and, with `retainOnDelete` (its default, which
 * SampleData keeps), deletes and writes nothing on Delete.
 */
const DEPLOY_TIME_ONLY = [/^Custom::CDKBucketDeployment/];

export class DestroyOrder {
  private readonly closure = new Map<string, Set<string>>();

  constructor(private readonly model: TemplateModel) {}

  /** Everything `id` depends on, directly or not. */
  dependsOn(id: string): Set<string> {
    const cached = this.closure.get(id);
    if (cached) {
      return cached;
    }
    const all = new Set<string>();
    this.closure.set(id, all);
    for (const dep of this.model.dependencies(id)) {
      all.add(dep);
      for (const d of this.dependsOn(dep)) {
        all.add(d);
      }
    }
    return all;
  }

  /** True when CloudFormation deletes `first` before it starts deleting `second`. */
  deletedBefore(first: string, second: string): boolean {
    return this.dependsOn(first).has(second);
  }

  /** The resources that run with a role: those that name it (a SageMaker model runs in its endpoints and transform jobs). */
  roleUsers(roleId: string): string[] {
    const m = this.model;
    const direct = Object.keys(m.resources).filter(
      (id) => !NOT_RUNNING.has(m.resources[id].Type) && m.references(id).has(roleId) && !this.deployTimeOnly(id),
    );
    const models = direct.filter((d) => m.resources[d].Type === 'AWS::SageMaker::Model');
    const endpoints = Object.keys(m.resources).filter(
      (id) => m.resources[id].Type === 'AWS::SageMaker::Endpoint' && models.some((d) => this.dependsOn(id).has(d)),
    );
    // Batch transform jobs (custom resources here) run the model they name.
    const transforms = Object.keys(m.resources).filter(
      (id) => /^Custom::SageMaker/.test(m.resources[id].Type) && models.some((d) => m.references(id).has(d)),
    );
    return [...new Set([...direct, ...endpoints, ...transforms])];
  }

  private deployTimeOnly(id: string): boolean {
    const path = this.model.pathOf(id);
    return DEPLOY_TIME_ONLY.some((p) => p.test(path));
  }

  /** Identity-policy statements of the template, with the policy resource and the roles it is attached to. */
  private identityStatements(): { policyId: string; roles: string[]; statement: Statement }[] {
    const m = this.model;
    const roleIdByName = new Map(
      Object.keys(m.resources)
        .filter((id) => m.resources[id].Type === 'AWS::IAM::Role')
        .map((id) => [m.ref(id), id]),
    );
    const result: { policyId: string; roles: string[]; statement: Statement }[] = [];
    for (const [id, r] of Object.entries(m.resources)) {
      if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') {
        const roles = ((m.resolve(r.Properties?.Roles ?? []) as string[]) ?? []).map((n) => roleIdByName.get(n)).filter((x): x is string => !!x);
        const doc = m.resolve(r.Properties?.PolicyDocument) as { Statement: Statement[] };
        doc.Statement.forEach((statement) => result.push({ policyId: id, roles, statement }));
      } else if (r.Type === 'AWS::IAM::Role') {
        for (const p of (r.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? []) {
          (m.resolve(p.PolicyDocument) as { Statement: Statement[] }).Statement.forEach((statement) =>
            result.push({ policyId: id, roles: [id], statement }),
          );
        }
      }
    }
    return result;
  }

  /** Everything that can put objects into a bucket while the stack is being destroyed. */
  bucketWriters(bucketId: string): Writer[] {
    const m = this.model;
    const bucketName = m.ref(bucketId);
    const objectArn = `arn:aws:s3:::${bucketName}/`;
    const writers: Writer[] = [];
    for (const { policyId, roles, statement } of this.identityStatements()) {
      if (statement.Effect === 'Allow' && allows(statement.Action, 's3:PutObject') && coversPrefix(statement.Resource, objectArn)) {
        const users = roles.flatMap((r) => this.roleUsers(r));
        if (users.length > 0) {
          writers.push({ id: policyId, why: 'grants s3:PutObject', kind: 'identity' });
          users.forEach((u) => writers.push({ id: u, why: `runs as ${m.pathOf(roles[0])}, which may put objects`, kind: 'identity' }));
        }
      }
    }
    // Services allowed by a bucket policy to write on behalf of a resource of the stack (S3 log delivery).
    for (const r of Object.values(m.resources)) {
      if (r.Type !== 'AWS::S3::BucketPolicy' || m.resolve(r.Properties?.Bucket) !== bucketName) {
        continue;
      }
      for (const s of (m.resolve(r.Properties?.PolicyDocument) as { Statement: Statement[] }).Statement) {
        const source = Object.values(s.Condition ?? {}).map((c) => c['aws:SourceArn']).find((v) => v !== undefined);
        if (s.Effect === 'Allow' && allows(s.Action, 's3:PutObject') && source) {
          const sourceId = Object.keys(m.resources).find((id) => m.resources[id].Type !== 'AWS::S3::BucketPolicy' && safeArn(m, id) === source);
          if (sourceId) {
            writers.push({ id: sourceId, why: 'delivers to it through the bucket policy', kind: 'bucket-policy' });
          }
        }
      }
    }
    // Services configured to write into the bucket: Athena query results, SageMaker data capture.
    for (const [id, r] of Object.entries(m.resources)) {
      const props = JSON.stringify(m.resolve(r.Properties ?? {}));
      if (r.Type === 'AWS::Athena::WorkGroup' && props.includes(`s3://${bucketName}/`)) {
        writers.push({ id, why: 'writes query results there', kind: 'identity' });
      }
      if (r.Type === 'AWS::SageMaker::EndpointConfig' && props.includes(`s3://${bucketName}/`)) {
        Object.keys(m.resources)
          .filter((e) => m.resources[e].Type === 'AWS::SageMaker::Endpoint' && m.dependencies(e).has(id))
          .forEach((e) => writers.push({ id: e, why: 'captures requests and responses there', kind: 'identity' }));
      }
    }
    return dedupe(writers);
  }

  /**
   * Why `cdk destroy` could fail with BucketNotEmpty: a writer with permissions of its own that is not
   * deleted before the emptying, or a service writer whose only permission (the bucket policy) does not
   * outlive the emptying's Deny.
   */
  emptyingProblems(emptyingId: string): string[] {
    const m = this.model;
    const bucketId = (m.resource(emptyingId).Properties?.BucketName as { Ref: string }).Ref;
    const policyId = Object.keys(m.resources).find(
      (id) => m.resources[id].Type === 'AWS::S3::BucketPolicy' && m.references(id).has(bucketId),
    );
    const problems: string[] = [];
    for (const writer of this.bucketWriters(bucketId)) {
      if (writer.kind === 'identity' && !this.deletedBefore(writer.id, emptyingId)) {
        problems.push(`${m.pathOf(bucketId)} may be emptied before ${m.pathOf(writer.id)} is deleted, which ${writer.why}`);
      }
      if (writer.kind === 'bucket-policy' && !(policyId && this.deletedBefore(emptyingId, policyId))) {
        problems.push(`${m.pathOf(bucketId)}'s policy, the only permission of ${m.pathOf(writer.id)}, may go before the emptying`);
      }
    }
    return problems;
  }

  /** Writers of a log group that write it by name (not through a reference, which orders them anyway). */
  logGroupWriters(logGroupId: string): Writer[] {
    const m = this.model;
    const groupArn = `arn:aws:logs:${m.arn(logGroupId).split(':').slice(3, 5).join(':')}:log-group:${m.physicalName(logGroupId)}`;
    const writers: Writer[] = [];
    for (const { roles, statement } of this.identityStatements()) {
      const resources = [statement.Resource ?? []].flat();
      const namesGroup = resources.some((r) => r === groupArn || r.startsWith(`${groupArn}:`));
      if (statement.Effect === 'Allow' && allows(statement.Action, 'logs:PutLogEvents') && namesGroup) {
        roles.flatMap((r) => this.roleUsers(r)).forEach((u) => writers.push({ id: u, why: `runs as a role that writes ${m.pathOf(logGroupId)}`, kind: 'identity' }));
      }
    }
    return dedupe(writers);
  }
}

/** True when one of the statement's actions (wildcards allowed) is `action`. */
export function allows(actions: string | string[] | undefined, action: string): boolean {
  return [actions ?? []].flat().some((a) => globToRegExp(a).test(action));
}

/** True when a resource pattern can match an ARN that starts with `prefix` (an object of a bucket). */
function coversPrefix(resources: string | string[] | undefined, prefix: string): boolean {
  return [resources ?? []].flat().some((r) => {
    const literal = r.split(/[*?]/)[0];
    return r === '*' || r.startsWith(prefix) || (literal.length < r.length && prefix.startsWith(literal));
  });
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function safeArn(m: TemplateModel, id: string): string | undefined {
  try {
    return m.arn(id);
  } catch {
    return undefined;
  }
}

function dedupe(writers: Writer[]): Writer[] {
  const seen = new Set<string>();
  return writers.filter((w) => (seen.has(w.id) ? false : (seen.add(w.id), true)));
}
