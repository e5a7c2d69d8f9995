/**
 * The Node.js versions the kit supports, read from `engines.node` in package.json, the one place they are
 * written: Node.js 22 from 22.12 and Node.js 24 or newer (the labs' Lambda functions run on 24). `npm ci` warns
 * about any other, the lab scripts and `npm run synth` / `cdk synth` stop with one line that says what to install,
 * and scripts/node24.sh runs the tests on the machine's Node.js when it is one of these. Node.js 20 reached end
 * of life in April 2026, and the AWS SDK prints a multi-line warning on it before every message.
 */
import { engines } from '../../package.json';

/** One range of `engines.node`: `^22.12.0` (that major, from that version) or `>=24.0.0` (that version and up). */
interface NodeRange {
  readonly min: readonly [number, number, number];
  readonly sameMajor: boolean;
}

/** The ranges of an `engines.node` value such as `^22.12.0 || >=24.0.0`; any other form is refused. */
export function parseEngines(value: string): NodeRange[] {
  return value.split('||').map((part) => {
    const match = /^\s*(\^|>=)(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!match) {
      throw new Error(`engines.node in package.json: "${part.trim()}" is not ^X.Y.Z or >=X.Y.Z`);
    }
    return { min: [Number(match[2]), Number(match[3]), Number(match[4])], sameMajor: match[1] === '^' };
  });
}

const SUPPORTED = parseEngines(engines.node);

/** The supported versions in words: `22 (22.12 or newer) or 24 or newer`. */
export const SUPPORTED_NODE = SUPPORTED.map((r) =>
  r.sameMajor ? `${r.min[0]}${r.min[1] + r.min[2] > 0 ? ` (${r.min[0]}.${r.min[1]} or newer)` : ''}` : `${r.min[0]} or newer`,
).join(' or ');

/** Undefined when `version` (as in `process.version`) is supported, else what to tell the learner. */
export function unsupportedNode(version: string, ranges: readonly NodeRange[] = SUPPORTED): string | undefined {
  const parts = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
  const atLeast = (v: readonly number[], min: readonly number[]) => v[0] !== min[0] ? v[0] > min[0] : v[1] !== min[1] ? v[1] > min[1] : v[2] >= min[2];
  if (parts && ranges.some((r) => atLeast(parts, r.min) && (!r.sameMajor || parts[0] === r.min[0]))) {
    return undefined;
  }
  return `Node.js ${version} is not supported: install Node.js ${SUPPORTED_NODE} (https://nodejs.org) and run the command again.`;
}
