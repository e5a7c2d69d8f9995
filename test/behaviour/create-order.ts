/**
 * The order in which CloudFormation creates a lab, checked against what each resource's create uses
 * (type-facts.ts, `create`). CloudFormation creates a resource only after the resources it depends on
 * (DependsOn, Ref, Fn::GetAtt, Fn::Sub), and creates independent resources in parallel:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
 * so "B exists when A is created" holds exactly when A depends on B, directly or through others.
 */
import type { DestroyOrder } from './destroy-order';
import { overlaps } from './facts';

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
