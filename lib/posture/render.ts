/**
 * The posture as text: one block per resource, one `category  property = value` line per fact, policy
 * statements indented under their property. The snapshot tests store this text and
 * `npm run lab -- <lab> posture` prints it, so a reviewer and a learner read the same table.
 */
import type { Posture, ResourcePosture } from './extract';

const CATEGORY_WIDTH = 'public access'.length + 2;

export function renderPosture(posture: Posture): string {
  return posture.resources.map(renderResource).join('\n\n');
}

export function renderResource(resource: ResourcePosture): string {
  const lines = resource.facts.flatMap((fact) => {
    const [first, ...rest] = fact.value.split('\n');
    const head = `  ${fact.category.padEnd(CATEGORY_WIDTH)}${fact.key} = `;
    return [head + first, ...rest.map((line) => ' '.repeat(head.length) + line)];
  });
  return [`${resource.name}  [${resource.type}]`, ...lines].join('\n');
}
