/**
 * The order in which CloudFormation creates a lab, checked against what each resource's create uses
 * (type-facts.ts, `create`). CloudFormation creates a resource only after the resources it depends on
 * (DependsOn, Ref, Fn::GetAtt, Fn::Sub), and creates independent resources in parallel:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
 * so "B exists when A is created" holds exactly when A depends on B, directly or through others.
 */
import type { DestroyOrder } from './destroy-order';
import { overlaps, refsIn } from './facts';

/**
 * Why a resource's create could run before something it uses exists: the role it acts as or one of that
 * role's policies, a key it encrypts with, data another resource of the stack uploads or writes where it
 * reads, or the routes of the subnets it runs in (gateway and interface endpoints, route tables).
 */
export function creationProblems(order: DestroyOrder): string[] {
  const { facts } = order;
  const m = facts.model;
  const at = (id: string) => m.pathOf(id);
  const after = (id: string, needed: string) => order.dependsOn(id).has(needed);
  const ids = Object.keys(m.resources);
  const writes = new Map(ids.map((id) => [id, facts.locations(id, 'create', 'writes')]));
  const problems: string[] = [];
  for (const id of ids) {
    if (!facts.phase(id, 'create')) {
      continue;
    }
    for (const role of facts.roles(id, 'create')) {
      for (const needed of [role, ...order.policiesOf(role)].filter((r) => !after(id, r))) {
        problems.push(`${at(id)} acts as ${at(role)} when it is created, but may be created before ${at(needed)}`);
      }
    }
    for (const key of facts.keys(id, 'create').filter((k) => !after(id, k))) {
      problems.push(`${at(id)} uses ${at(key)} when it is created, but may be created before it`);
    }
    for (const read of facts.locations(id, 'create', 'reads')) {
      for (const [writer, locations] of writes) {
        if (writer !== id && locations.some((w) => overlaps(w, read)) && !after(id, writer)) {
          problems.push(`${at(id)} reads ${read.prefix || 'objects'} of ${at(read.bucket)} when it is created, but may be created before ${at(writer)} writes there`);
        }
      }
    }
    for (const subnet of facts.subnets(id, 'create')) {
      const vpc = facts.refsAt(subnet, 'VpcId');
      const routes = ids.filter((n) => {
        const network = facts.of(n).network;
        return (
          (network?.subnet !== undefined && facts.refsAt(n, network.subnet).includes(subnet)) ||
          (network?.vpc !== undefined && facts.refsAt(n, network.vpc).some((v) => vpc.includes(v)))
        );
      });
      for (const route of routes.filter((r) => !after(id, r))) {
        problems.push(`${at(id)} runs in ${at(subnet)} when it is created, but may be created before ${at(route)}`);
      }
    }
  }
  return [...new Set(problems)];
}

/**
 * Why a resource that reads data another resource writes during deploy (an upload, a job's output) could keep
 * what it made from the old data after a deploy that changes the data: CloudFormation updates a resource only
 * when one of its properties changes, so it must refer to the writer (the upload's object keys, a job's output
 * attribute) or carry a fingerprint of the data (`DataFingerprint`, computed at synth from the files).
 */
export function staleDataProblems(order: DestroyOrder): string[] {
  const { facts } = order;
  const m = facts.model;
  const ids = Object.keys(m.resources);
  const problems: string[] = [];
  for (const id of ids) {
    const props = facts.props(id) as Record<string, unknown>;
    const refers = new Set(refsIn(props));
    for (const read of facts.locations(id, 'create', 'reads')) {
      for (const writer of ids.filter((w) => w !== id && facts.locations(w, 'create', 'writes').some((l) => overlaps(l, read)))) {
        if (!refers.has(writer) && typeof props.DataFingerprint !== 'string') {
          problems.push(`${m.pathOf(id)} reads what ${m.pathOf(writer)} writes, but no property of it changes when that data changes`);
        }
      }
    }
  }
  return [...new Set(problems)];
}
