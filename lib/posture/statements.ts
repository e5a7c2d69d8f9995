/**
 * Policy documents (identity, trust, bucket, topic, queue, key, endpoint and vector-bucket policies) as
 * sorted statements: effect, principals, actions, resources and conditions, with tokens rendered as names.
 * Sids are left out: they name a statement, they do not change what it allows.
 */
import type { Rendered, TokenRenderer } from './tokens';

export interface StatementPosture {
  readonly effect: string;
  /** `Service:glue.amazonaws.com`, `AWS:arn:${AWS::Partition}:iam::123456789012:root`, `*`; NotPrincipal as `not ...`. */
  readonly principals: readonly string[];
  /** Actions, and NotAction entries prefixed with `not `. */
  readonly actions: readonly string[];
  /** Resources, and NotResource entries prefixed with `not `. */
  readonly resources: readonly string[];
  /** `StringEquals aws:SourceAccount = 123456789012`, one per condition key. */
  readonly conditions: readonly string[];
}

/** The statements of a policy document (an object, or a JSON string), sorted so equal policies print equally. */
export function policyStatements(document: unknown, tokens: TokenRenderer): StatementPosture[] {
  const rendered = tokens.render(typeof document === 'string' ? (JSON.parse(tokens.text(document)) as unknown) : document);
  const statement = (rendered as { Statement?: Rendered } | null)?.Statement ?? [];
  const statements = (Array.isArray(statement) ? statement : [statement]) as Record<string, Rendered>[];
  const sortable = statements.map(normalize).map((s) => ({ s, text: statementLines(s).join('\n') }));
  return sortable.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)).map(({ s }) => s);
}

function normalize(statement: Record<string, Rendered>): StatementPosture {
  return {
    effect: scalar(statement.Effect),
    principals: [...principals(statement.Principal, ''), ...principals(statement.NotPrincipal, 'not ')].sort(),
    actions: [...list(statement.Action, ''), ...list(statement.NotAction, 'not ')].sort(),
    resources: [...list(statement.Resource, ''), ...list(statement.NotResource, 'not ')].sort(),
    conditions: conditions(statement.Condition).sort(),
  };
}

function list(value: Rendered | undefined, prefix: string): string[] {
  if (value === undefined) {
    return [];
  }
  const values: readonly Rendered[] = Array.isArray(value) ? value : [value];
  return values.map((v) => prefix + scalar(v));
}

function principals(value: Rendered | undefined, prefix: string): string[] {
  if (value === undefined) {
    return [];
  }
  if (typeof value === 'string') {
    return [prefix + value];
  }
  return Object.entries(value as Record<string, Rendered>).flatMap(([kind, ids]) => list(ids, `${prefix}${kind}:`));
}

function conditions(value: Rendered | undefined): string[] {
  if (value === undefined) {
    return [];
  }
  return Object.entries(value as Record<string, Record<string, Rendered>>).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => `${operator} ${key} = ${list(values, '').sort().join(', ')}`),
  );
}

function scalar(value: Rendered): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A statement as lines: the effect, then one line per part that it has. */
export function statementLines(statement: StatementPosture): string[] {
  const part = (label: string, values: readonly string[]) =>
    values.length > 0 ? [`  ${label.padEnd(10)}${values.join(', ')}`] : [];
  return [
    statement.effect,
    ...part('principal', statement.principals),
    ...part('action', statement.actions),
    ...part('resource', statement.resources),
    ...statement.conditions.map((c) => `  ${'condition'.padEnd(10)}${c}`),
  ];
}
