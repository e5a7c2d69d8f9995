/**
 * The documentation a learner follows stays true: the README's commands are the ones CI runs, every lab
 * guide has the same sections, and every security control in a guide is a test of the same name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guidePath, LAB_CATALOG, testPath, type LabInfo } from '../lib/labs/catalog';
import { examColumn, examMappingProblems, EXAMS, MLA_C02 } from '../lib/labs/exams';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

const GUIDE_SECTIONS = [
  'What it teaches',
  'Architecture',
  'Cost while deployed',
  'Deploy',
  'Steps',
  'Verify',
  'Security controls',
  'Clean-up',
  'Exam tips',
];

/** The Control column of the table in a guide's "Security controls" section. */
function securityControls(guide: string): string[] {
  const section = guide.split(/^## /m).find((s) => s.startsWith('Security controls')) ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  const [header, , ...body] = rows;
  expect(header?.split('|')[1]?.trim()).toBe('Control');
  return body.map((row) => row.split('|')[1].trim().replace(/^`|`$/g, ''));
}

/** Titles of `test('...')` calls in a test file. */
function testTitles(source: string): Set<string> {
  return new Set([...source.matchAll(/\btest\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2].replace(/\\(.)/g, '$1')));
}

/** The cells of the README lab-table row that links to a lab's guide. */
function readmeRow(readme: string, lab: LabInfo): string[] {
  const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`](${guidePath(lab)})`));
  return row ? row.split('|').slice(1, -1).map((cell) => cell.trim()) : [];
}

describe('exam mapping (lib/labs/exams.ts)', () => {
  test('every lab teaches at least one MLA-C02 task statement, and only task statements the exam data lists', () => {
    expect(examMappingProblems(LAB_CATALOG)).toEqual([]);
  });

  test('the mapping check fails for a lab with no task statement or with one the data does not list', () => {
    expect(
      examMappingProblems([
        { id: 'empty', mlaC02Tasks: [] },
        { id: 'typo', mlaC02Tasks: ['1.4'], otherExams: { 'AIF-C01': ['9.1'] } },
      ]),
    ).toEqual([
      'lab empty maps to no MLA-C02 task statement',
      'lab typo maps to MLA-C02 1.4, which lib/labs/exams.ts does not list',
      'lab typo maps to AIF-C01 9.1, which lib/labs/exams.ts does not list',
    ]);
  });

  test('MLA-C02 comes first, and every exam has four or five domains whose weights add up to 100%', () => {
    expect(EXAMS[0]).toBe(MLA_C02);
    for (const exam of EXAMS) {
      expect([exam.code, exam.domains.reduce((sum, d) => sum + d.weight, 0)]).toEqual([exam.code, 100]);
    }
  });

  test('every exam, domain and task statement cites an AWS page', () => {
    const aws = /^https:\/\/(docs\.)?aws\.amazon\.com\//;
    const sources = EXAMS.flatMap((e) => [e.source, ...e.domains.flatMap((d) => [d.source, ...d.tasks.map((t) => t.source)])]);
    expect(sources.filter((s) => !aws.test(s))).toEqual([]);
  });
});

describe('README', () => {
  const readme = read('README.md');

  test('quick start is the two commands: synth without an account, and the tests', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm ci && npm test');
  });

  test('.ci/run installs from the lock file and runs the same test command', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  test.each(LAB_CATALOG.map((l) => [l.stackId, l] as const))('lists %s with its guide and deploy command', (stackId, lab) => {
    expect(readme).toContain(`](${guidePath(lab)})`);
    expect(readme).toContain(stackId);
  });

  test.each(LAB_CATALOG.map((l) => [l.id, l] as const))('the exam column of lab %s is the one the exam data gives', (_, lab) => {
    expect(readmeRow(readme, lab)[3]).toBe(examColumn(lab));
  });
});

describe.each(LAB_CATALOG.map((l) => [l.id, l] as const))('guide of lab %s', (_, lab) => {
  // A missing guide fails its own test below instead of the whole file, so the other labs' checks still run.
  const exists = fs.existsSync(path.join(root, guidePath(lab)));
  const guide = exists ? read(guidePath(lab)) : '';

  test('exists', () => {
    expect([guidePath(lab), exists]).toEqual([guidePath(lab), true]);
  });

  test('has every section, in order', () => {
    const headings = [...guide.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
    expect(headings.filter((h) => GUIDE_SECTIONS.includes(h))).toEqual(GUIDE_SECTIONS);
  });

  test('has an architecture diagram and the deploy and destroy commands for its stack', () => {
    expect(guide).toContain('```mermaid');
    expect(guide).toContain(`npx cdk deploy ${lab.stackId}`);
    expect(guide).toContain(`npx cdk destroy ${lab.stackId}`);
  });

  test('every security control it lists is a test of the same name', () => {
    const controls = securityControls(guide);
    expect(controls.length).toBeGreaterThanOrEqual(5);
    const titles = testTitles(read(testPath(lab)));
    expect(controls.filter((c) => !titles.has(c))).toEqual([]);
  });
});
