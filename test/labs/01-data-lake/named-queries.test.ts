import * as fs from 'node:fs';
import { labQueries, parseNamedQueries, QUERIES_FILE } from '../../../lib/labs/data-lake/named-queries';

test('queries.sql holds the preview, GROUP BY, join and CTAS queries the lab needs', () => {
  const queries = labQueries();
  expect(queries.map((q) => q.name)).toEqual([
    'preview_inspections',
    'outcome_balance',
    'losses_by_region_and_hive_type',
    'create_curated_inspections',
    'curated_mites_by_outcome',
  ]);
  expect(queries[1].sql).toMatch(/GROUP BY outcome/);
  expect(queries[2].sql).toMatch(/JOIN hives h ON i\.hive_id = h\.hive_id/);
  expect(queries[3].sql).toMatch(/^CREATE TABLE curated_inspections\nWITH \(\n {2}format = 'PARQUET'/);
  expect(queries[3].sql).toMatch(/partitioned_by = ARRAY\['year'\]/);
  // Under an enforced workgroup Athena rejects a CTAS that sets its own location.
  expect(queries[3].sql).not.toMatch(/external_location/);
});

test('each query is parsed verbatim from the file, without its semicolon', () => {
  const text = fs.readFileSync(QUERIES_FILE, 'utf8');
  for (const query of labQueries()) {
    expect(text).toContain(`-- name: ${query.name}\n-- description: ${query.description}\n${query.sql};\n`);
  }
});

test('malformed files fail with a message that says what to write', () => {
  expect(() => parseNamedQueries('SELECT 1;')).toThrow('queries.sql has no "-- name:" blocks.');
  expect(() => parseNamedQueries('-- name: Preview\n-- description: x\nSELECT 1;')).toThrow(
    'queries.sql, query 1 (Preview): the name must be snake_case',
  );
  expect(() => parseNamedQueries('-- name: a\nSELECT 1;')).toThrow('the line after "-- name:" must be "-- description:');
  expect(() => parseNamedQueries('-- name: a\n-- description: d\nSELECT 1; SELECT 2;')).toThrow('exactly one SQL statement');
  expect(() => parseNamedQueries('-- name: a\n-- description: d\nSELECT 1;\n-- name: a\n-- description: d\nSELECT 2;')).toThrow(
    'duplicate query names: a',
  );
});
