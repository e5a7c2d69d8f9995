/**
 * The Node.js versions the kit supports: the active LTS lines (22 and 24; the labs' Lambda functions run on 24).
 * Node.js 20 reached end of life in April 2026, and the AWS SDK prints a multi-line warning on it before every
 * message, so the lab scripts stop with one line that says what to install instead.
 */
export const SUPPORTED_NODE_MAJORS = [22, 24] as const;

/** Undefined when `version` (as in `process.version`) is supported, else what to tell the learner. */
export function unsupportedNode(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if ((SUPPORTED_NODE_MAJORS as readonly number[]).includes(major) || major > SUPPORTED_NODE_MAJORS[SUPPORTED_NODE_MAJORS.length - 1]) {
    return undefined;
  }
  return `Node.js ${version} is not supported: install Node.js ${SUPPORTED_NODE_MAJORS.join(' or ')} (https://nodejs.org) and run the command again.`;
}
