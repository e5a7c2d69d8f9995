/**
 * The order in which `cdk destroy` deletes a lab, computed from its template. CloudFormation deletes a
 * resource before the resources it depends on (DependsOn, Ref, Fn::GetAtt, Fn::Sub):
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
 * so "A is deleted before B" holds exactly when A depends on B, directly or through others.
 */
import { Facts } from './facts';
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

export class DestroyOrder {
  private readonly closure = new Map<string, Set<string>>();
  readonly facts: Facts;

  constructor(
    private readonly model: TemplateModel,
    facts?: Facts,
  ) {
    this.facts = facts ?? new Facts(model);
  }

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

  /**
   * The resources that act as a role while the stack exists or is deleted (type-facts.ts: `runs.as`,
   * `delete.as`, and the roles of what they invoke): a state machine acts as the roles of its functions,
   * an endpoint as its model's role, a running job as its execution role.
   */
  roleUsers(roleId: string): string[] {
    return Object.keys(this.model.resources).filter(
      (id) =>
        id !== roleId &&
        !this.facts.of(id).invokedOnly &&
        (this.facts.roles(id, 'runs').includes(roleId) || this.facts.roles(id, 'delete').includes(roleId)),
    );
  }

  /** The IAM policies attached to a role (type-facts.ts: `attachesTo`). */
  policiesOf(roleId: string): string[] {
    return Object.keys(this.model.resources).filter((id) => {
      const path = this.facts.of(id).attachesTo;
      return path !== undefined && this.facts.refsAt(id, path).includes(roleId);
    });
  }

  /** The resources that empty a bucket on delete (type-facts.ts: `delete.empties`). */
  emptyingsOf(bucketId: string): string[] {
    return Object.keys(this.model.resources).filter((id) => {
      const path = this.facts.of(id).delete?.empties;
      return path !== undefined && this.facts.refsAt(id, path).includes(bucketId);
    });
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
    // Resources configured to write into the bucket while they exist or while they are deleted
    // (query results, captured requests, delivered records, a job stopped late), and services whose only
    // permission is the bucket policy (S3 server access logging).
    for (const id of Object.keys(m.resources)) {
      for (const phase of ['runs', 'delete'] as const) {
        for (const location of this.facts.locations(id, phase, 'writes').filter((l) => l.bucket === bucketId)) {
          writers.push({ id, why: `writes ${location.prefix || 'objects'} there ${phase === 'runs' ? 'while it exists' : 'until its deletion ends'}`, kind: 'identity' });
        }
      }
      for (const path of this.facts.runs(id)?.deliversTo ?? []) {
        if (this.facts.refsAt(id, path).includes(bucketId)) {
          writers.push({ id, why: 'delivers to it through the bucket policy', kind: 'bucket-policy' });
        }
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
    const bucketId = (m.resource(emptyingId).Properties!.BucketName as { Ref: string }).Ref;
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

  /**
   * Why a resource's deletion could fail or leave things behind because something it needs went first
   * (type-facts.ts, `delete`): data it reads while it is deleted emptied before, a role it acts as (or
   * that role's policies) deleted before; and a key it uses while it exists or is deleted (`runs`,
   * `delete`) scheduled for deletion before it.
   */
  deletionProblems(): string[] {
    const m = this.model;
    const at = (id: string) => m.pathOf(id);
    const problems: string[] = [];
    for (const id of Object.keys(m.resources)) {
      for (const location of this.facts.locations(id, 'delete', 'reads')) {
        for (const emptying of this.emptyingsOf(location.bucket).filter((e) => !this.deletedBefore(id, e))) {
          problems.push(`${at(id)} may be deleted after ${at(emptying)} empties ${at(location.bucket)}, and its deletion reads ${location.prefix || 'the objects'} there`);
        }
      }
      for (const role of this.facts.roles(id, 'delete')) {
        for (const needed of [role, ...this.policiesOf(role)].filter((r) => !this.deletedBefore(id, r))) {
          problems.push(`${at(id)} is deleted as ${at(role)}, but ${at(needed)} may be deleted first`);
        }
      }
      for (const phase of ['runs', 'delete'] as const) {
        const doing = phase === 'runs' ? 'runs' : 'is deleted';
        for (const key of this.facts.keys(id, phase).filter((k) => this.facts.of(k).delete?.unusableOnceDeleted && !this.deletedBefore(id, k))) {
          problems.push(`${at(id)} ${doing} with ${at(key)}, which may be scheduled for deletion (unusable) first`);
        }
      }
    }
    return [...new Set(problems)];
  }

  /**
   * Why a subnet or security group could still hold network interfaces when CloudFormation deletes it:
   * a resource whose deletion leaves interfaces behind (type-facts.ts `leavesNetworkInterfaces`) that no
   * clean-up (`cleansNetworkInterfaces`) removes after it is deleted.
   */
  networkInterfaceProblems(): string[] {
    const m = this.model;
    const cleanups = Object.keys(m.resources).filter((id) => this.facts.of(id).delete?.cleansNetworkInterfaces !== undefined);
    const problems: string[] = [];
    for (const id of Object.keys(m.resources)) {
      const leaves = this.facts.of(id).delete?.leavesNetworkInterfaces;
      const subnets = this.facts.subnets(id, 'create');
      if (!leaves || subnets.length === 0 || (typeof leaves === 'object' && !this.facts.holds(id, leaves))) {
        continue;
      }
      const before = cleanups.filter((c) => this.deletedBefore(id, c));
      if (before.length === 0) {
        problems.push(`${m.pathOf(id)} leaves network interfaces in ${subnets.map((s) => m.pathOf(s)).join(', ')} when it is deleted, and no clean-up runs after its deletion`);
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

function dedupe(writers: Writer[]): Writer[] {
  const seen = new Set<string>();
  return writers.filter((w) => (seen.has(w.id) ? false : (seen.add(w.id), true)));
}
