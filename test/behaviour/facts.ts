/**
 * Reads the behaviour facts of test/behaviour/type-facts.ts against one template: which roles, keys,
 * bucket locations and subnets each resource uses in each phase of its life, as logical ids.
 */
import { allow, type CallRow } from '../../lib/labs/call-table';
import type { TemplateModel } from './template-model';
import { type Location, missingEntry, type Phase, TYPE_FACTS, type TypeFacts, typeFacts, type When } from './type-facts';

/** Marks a reference inside a symbolically resolved string: ⟦LogicalId⟧ or ⟦LogicalId.Attribute⟧. */
const MARK = /⟦([^⟧.]+)(?:\.[^⟧]*)?⟧/g;

/** A bucket location: the bucket's logical id and the key prefix ('' for the whole bucket). */
export interface BucketLocation {
  readonly bucket: string;
  readonly prefix: string;
}

export type PhaseName = 'create' | 'runs' | 'delete';

export class Facts {
  private readonly symbolic = new Map<string, unknown>();

  constructor(
    readonly model: TemplateModel,
    private readonly table: Readonly<Record<string, TypeFacts>> = TYPE_FACTS,
  ) {}

  /** The facts of a resource's type (throws, saying what to fill in, for a type with no entry). */
  of(id: string): TypeFacts {
    return typeFacts(this.model.resource(id).Type, this.model.pathOf(id), this.table);
  }

  /** One message per resource type of the template that has no entry, saying what to fill in. */
  gaps(): string[] {
    const first = new Map<string, string>();
    for (const [id, r] of Object.entries(this.model.resources)) {
      if (!this.table[r.Type] && !first.has(r.Type)) {
        first.set(r.Type, id);
      }
    }
    return [...first].map(([type, id]) => missingEntry(type, this.model.pathOf(id)));
  }

  /** The phase of a resource, or undefined when it does nothing in that phase (or its `when` does not hold). */
  phase(id: string, name: PhaseName): Phase | undefined {
    const phase = this.of(id)[name];
    return phase && this.holds(id, phase.when) ? phase : undefined;
  }

  /** What a resource does while it exists, with what it invokes and delivers to. */
  runs(id: string): TypeFacts['runs'] {
    const runs = this.of(id).runs;
    return runs && this.holds(id, runs.when) ? runs : undefined;
  }

  holds(id: string, when: When | undefined): boolean {
    if (!when) {
      return true;
    }
    const values = this.valuesAt(id, when.path);
    return when.equals === undefined ? values.length > 0 : values.some((v) => String(v) === when.equals);
  }

  /** The property values at a path (`A.B`, `A>B` follows A's references), JSON strings parsed, arrays flattened. */
  valuesAt(id: string, path: string): unknown[] {
    const [first, ...hops] = path.split('>');
    let values = walk(this.props(id), first.split('.'));
    for (const hop of hops) {
      values = [...new Set(values.flatMap((v) => refsIn(v)))].filter((r) => this.model.resources[r]).flatMap((r) => walk(this.props(r), hop.split('.')));
    }
    return values;
  }

  /** The logical ids referred to at a path. */
  refsAt(id: string, path: string): string[] {
    return [...new Set(this.valuesAt(id, path).flatMap((v) => refsIn(v)))].filter((r) => this.model.resources[r]);
  }

  /**
   * The roles a resource acts as in a phase: roles named at its `as` paths, and the roles of resources
   * named there (a custom resource's handler function), with what those invoke, transitively.
   */
  roles(id: string, name: PhaseName): string[] {
    const phase = this.phase(id, name);
    const named = (phase?.as ?? []).flatMap((p) => this.refsAt(id, p));
    return [...new Set(named.flatMap((r) => this.rolesOf(r, new Set())))];
  }

  /**
   * The roles that read and write a phase's bucket locations: those at its `as` paths other than
   * `ServiceToken` (a handler that starts work the service then does as another role), or the handler's
   * when it names no other.
   */
  dataRoles(id: string, name: PhaseName): string[] {
    const paths = this.phase(id, name)?.as ?? [];
    const own = paths.filter((p) => p !== 'ServiceToken');
    return [...new Set((own.length > 0 ? own : paths).flatMap((p) => this.refsAt(id, p)).flatMap((r) => this.rolesOf(r, new Set())))];
  }

  /** A role, or the roles a resource runs as and those of what it invokes. */
  private rolesOf(id: string, seen: Set<string>): string[] {
    if (seen.has(id)) {
      return [];
    }
    seen.add(id);
    if (this.model.resources[id].Type === 'AWS::IAM::Role') {
      return [id];
    }
    const runs = this.runs(id);
    const targets = [...(runs?.as ?? []), ...(runs?.invokes ?? [])].flatMap((p) => this.refsAt(id, p));
    return targets.flatMap((t) => this.rolesOf(t, seen));
  }

  /** The bucket locations at a phase's `reads` or `writes`. */
  locations(id: string, name: PhaseName, kind: 'reads' | 'writes'): BucketLocation[] {
    const phase = this.phase(id, name);
    return (phase?.[kind] ?? []).flatMap((l) => this.locationsAt(id, l));
  }

  private locationsAt(id: string, location: Location): BucketLocation[] {
    const at = typeof location === 'string' ? location : location.at;
    const prefixes = typeof location === 'string' ? undefined : this.valuesAt(id, location.prefixes).map(String);
    const result: BucketLocation[] = [];
    for (const value of this.valuesAt(id, at)) {
      const text = String(value);
      for (const match of text.matchAll(MARK)) {
        if (this.model.resources[match[1]]?.Type !== 'AWS::S3::Bucket') {
          continue;
        }
        // What follows the bucket in an S3 URI or ARN is the key prefix.
        const rest = text.slice((match.index ?? 0) + match[0].length).replace(/^\//, '');
        for (const prefix of prefixes ?? [rest]) {
          result.push({ bucket: match[1], prefix });
        }
      }
    }
    return result;
  }

  /** The logical ids at a phase's key paths. */
  keys(id: string, name: PhaseName): string[] {
    return [...new Set((this.phase(id, name)?.keys ?? []).flatMap((p) => this.refsAt(id, p)))].filter(
      (k) => this.model.resources[k].Type === 'AWS::KMS::Key',
    );
  }

  /** The subnets at a phase's subnet paths. */
  subnets(id: string, name: PhaseName): string[] {
    return [...new Set((this.phase(id, name)?.subnets ?? []).flatMap((p) => this.refsAt(id, p)))].filter(
      (s) => this.model.resources[s].Type === 'AWS::EC2::Subnet',
    );
  }

  /** Properties with every intrinsic replaced by ⟦LogicalId⟧ markers, so JSON strings built with Fn::Join parse. */
  props(id: string): unknown {
    if (!this.symbolic.has(id)) {
      this.symbolic.set(id, symbolic(this.model.resource(id).Properties ?? {}));
    }
    return this.symbolic.get(id);
  }
}

/** One call per bucket read and write the type facts name, by the role that makes it (facts.ts dataRoles). */
export function dataAccessRows(facts: Facts): CallRow[] {
  const m = facts.model;
  const rows: CallRow[] = [];
  for (const id of Object.keys(m.resources)) {
    for (const phase of ['create', 'runs', 'delete'] as const) {
      const callPhase = phase === 'create' ? 'deploy' : phase === 'runs' ? 'run' : 'destroy';
      for (const [kind, action] of [['reads', 's3:GetObject'], ['writes', 's3:PutObject']] as const) {
        for (const { bucket, prefix } of facts.locations(id, phase, kind)) {
          for (const role of facts.dataRoles(id, phase)) {
            const why = `${m.pathOf(id)} ${kind} ${prefix || '/'} (type-facts.ts)`;
            // An S3 URI without a trailing slash is a folder (SageMaker writes under `<uri>/`); Firehose's
            // !{...} expressions are filled in at delivery. The buckets are the stack's, in its account.
            const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
            const key = `${folder.replace(/!\{[^}]*\}/g, 'x')}facts-check`;
            rows.push(allow(callPhase, why, { role: m.pathOf(role) }, action, `\${${m.pathOf(bucket)}.Arn}/${key}`, { context: { 'aws:ResourceAccount': '${AWS::AccountId}' } }));
          }
        }
      }
    }
  }
  return rows;
}

/** The logical ids marked in a value (strings, or anything nested). */
export function refsIn(value: unknown): string[] {
  return [...JSON.stringify(value ?? null).matchAll(MARK)].map((m) => m[1]);
}

/** True when two key prefixes can name the same object (one starts with the other). */
export function overlaps(a: BucketLocation, b: BucketLocation): boolean {
  return a.bucket === b.bucket && (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix));
}

/** The values at a dot-separated path of a plain value, seeing through arrays and JSON strings. */
export function valuesAtPath(value: unknown, path: string): unknown[] {
  return walk(value, path.split('.'));
}

function walk(value: unknown, segments: string[]): unknown[] {
  const parsed = parseJson(value);
  if (Array.isArray(parsed)) {
    return parsed.flatMap((v) => walk(v, segments));
  }
  if (segments.length === 0) {
    return parsed === undefined ? [] : [parsed];
  }
  if (parsed === null || typeof parsed !== 'object') {
    return [];
  }
  const [head, ...rest] = segments;
  return walk((parsed as Record<string, unknown>)[head], rest);
}

function parseJson(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function symbolic(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(symbolic);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [fn] = keys;
    const arg = obj[fn];
    switch (fn) {
      case 'Ref':
        return `⟦${String(arg)}⟧`;
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split(/\.(.+)/);
        return `⟦${id}.${attr}⟧`;
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown];
        const resolved = symbolic(parts);
        return Array.isArray(resolved) ? resolved.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(sep) : JSON.stringify(resolved);
      }
      case 'Fn::Sub': {
        const [template, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
        return template.replace(/\$\{([^}!]+)\}/g, (_, name: string) => (name in vars ? String(symbolic(vars[name])) : `⟦${name}⟧`));
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const resolved = symbolic(list);
        return Array.isArray(resolved) ? resolved[Number(index)] : resolved;
      }
      default:
        if (fn.startsWith('Fn::')) {
          // Fn::GetAZs, Fn::Split, Fn::Base64 ...: keep the references they contain.
          return JSON.stringify(symbolic(arg));
        }
    }
  }
  return Object.fromEntries(keys.map((k) => [k, symbolic(obj[k])]));
}
