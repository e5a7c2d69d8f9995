/**
 * The lab's saved Athena queries, read from labs/01-data-lake/queries.sql: the one place they are written.
 * No aws-cdk-lib import: the stack and the verify script both use this.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const QUERIES_FILE = path.join(__dirname, '..', '..', '..', 'labs', '01-data-lake', 'queries.sql');

export interface NamedQuery {
  /** snake_case name, shown in the Athena console's "Saved queries". */
  readonly name: string;
  readonly description: string;
  /** The SQL without its trailing semicolon (Athena's API takes one statement). */
  readonly sql: string;
}

/**
 * Parses blocks that start with `-- name: <name>` and `-- description: <text>`, followed by one SQL
 * statement ending with `;`. Comment lines before the first block are the file's preamble.
 */
export function parseNamedQueries(text: string): NamedQuery[] {
  const blocks = text.split(/^-- name:[ \t]*/m).slice(1);
  const queries = blocks.map((block, index) => {
    const [nameLine, descriptionLine = '', ...rest] = block.split('\n');
    const name = nameLine.trim();
    const description = /^-- description:[ \t]*(.*)$/.exec(descriptionLine)?.[1].trim();
    const sql = rest.join('\n').trim().replace(/;$/, '').trimEnd();
    const where = `queries.sql, query ${index + 1} (${name || 'no name'})`;
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      throw new Error(`${where}: the name must be snake_case, e.g. "-- name: preview_inspections".`);
    }
    if (!description) {
      throw new Error(`${where}: the line after "-- name:" must be "-- description: <what it shows>".`);
    }
    if (sql.length === 0 || sql.includes(';')) {
      throw new Error(`${where}: write exactly one SQL statement ending with ";".`);
    }
    return { name, description, sql };
  });
  const names = queries.map((q) => q.name);
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  if (queries.length === 0 || duplicates.length > 0) {
    throw new Error(
      queries.length === 0
        ? 'queries.sql has no "-- name:" blocks.'
        : `queries.sql: duplicate query names: ${duplicates.join(', ')}.`,
    );
  }
  return queries;
}

/** The saved queries of the lab, read once per process. */
let cached: readonly NamedQuery[] | undefined;
export function labQueries(): readonly NamedQuery[] {
  cached ??= parseNamedQueries(fs.readFileSync(QUERIES_FILE, 'utf8'));
  return cached;
}
