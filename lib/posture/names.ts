/**
 * Stable names for the resources of a template: their construct paths, not their logical ids. A logical id
 * ends in a hash of the path, so it says nothing to a reader; the path (`Data`, `Crawler/Role`) is what the
 * lab's code calls the resource, and it is the same for every learner's copy of the stack.
 */
import { PATH_METADATA, type Template } from './template';

/**
 * Maps each logical id to the resource's construct path without the stack (the first segment) and without
 * the `Resource`/`Default` child that L2 constructs give their CloudFormation resource.
 */
export function resourceNames(template: Template): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const path = resource.Metadata?.[PATH_METADATA];
    if (typeof path !== 'string') {
      throw new Error(
        `Resource ${logicalId} has no ${PATH_METADATA} metadata: synthesize with the context ` +
          '`aws:cdk:enable-path-metadata` set to true (the CDK CLI sets it; a plain App does not).',
      );
    }
    const name = constructName(path);
    const owner = owners.get(name);
    if (owner) {
      throw new Error(`Resources ${owner} and ${logicalId} would both be called "${name}" in the posture.`);
    }
    owners.set(name, logicalId);
    names.set(logicalId, name);
  }
  return names;
}

/**
 * `Lab01DataLake/Crawler/Role/Resource` -> `Crawler/Role`. A construct id that embeds another construct's
 * unique id (security group rules: `from Lab03SageMakerPrivateSageMakerSecurityGroupBA1F0282:ESP`) gets that
 * id without the stack name and the hash (`from SageMakerSecurityGroup:ESP`), the same in every learner's copy.
 */
export function constructName(path: string): string {
  const [stack, ...segments] = path.split('/');
  while (segments.length > 1 && ['Resource', 'Default'].includes(segments[segments.length - 1])) {
    segments.pop();
  }
  const uniqueId = new RegExp(`${stack.replace(/[^A-Za-z0-9]/g, '')}([A-Za-z0-9]*?)[0-9A-F]{8}(?![A-Za-z0-9])`, 'g');
  return segments.join('/').replace(uniqueId, '$1');
}
