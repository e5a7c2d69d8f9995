import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA_DIR } from '../../../labs/01-data-lake/generate-data';
import { generateDataSet, renderDataFiles, SEED } from '../../../labs/01-data-lake/sample-data';

const data = generateDataSet();
const inspections = [...data.inspections.values()].flat();

function filesIn(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesIn(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

test('the committed data files are exactly what generate-data writes (rerun it after changing the generator)', () => {
  const expected = renderDataFiles(generateDataSet(SEED));
  expect(filesIn(DATA_DIR).sort()).toEqual([...expected.keys()].sort());
  for (const [file, content] of expected) {
    expect(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')).toBe(content);
  }
});

test('the same seed gives the same data, another seed different data', () => {
  expect(generateDataSet(SEED)).toEqual(data);
  expect(generateDataSet(SEED + 1)).not.toEqual(data);
});

test('two related tables in two formats, Hive-style year partitions, a few hundred rows', () => {
  const files = [...renderDataFiles(data).keys()];
  expect(files).toEqual(['hives/hives.csv', 'inspections/year=2024/inspections.jsonl', 'inspections/year=2025/inspections.jsonl']);
  expect(data.hives.length + inspections.length).toBeGreaterThanOrEqual(300);
  const hiveIds = new Set(data.hives.map((h) => h.hive_id));
  expect(inspections.every((i) => hiveIds.has(i.hive_id))).toBe(true);
});

test('the CSV has a header and only numeric or plain values, so the Glue CSV classifier detects the header', () => {
  const [header, ...rows] = renderDataFiles(data).get('hives/hives.csv')!.trimEnd().split('\n');
  expect(header).toBe('hive_id,apiary,region,hive_type,installed_year,colony_source,latitude,longitude');
  expect(rows.every((row) => row.split(',').length === 8 && !row.includes('"'))).toBe(true);
});

test('the data shows what EDA looks for: an unbalanced label and missing values', () => {
  const share = (outcome: string) => inspections.filter((i) => i.outcome === outcome).length / inspections.length;
  expect(share('healthy')).toBeGreaterThan(0.6);
  expect(share('lost')).toBeGreaterThan(0.02);
  expect(share('lost')).toBeLessThan(0.15);
  expect(inspections.some((i) => i.outcome === 'healthy' && i.mite_count === null)).toBe(true);
  expect(data.hives.some((h) => h.colony_source === '')).toBe(true);
});
