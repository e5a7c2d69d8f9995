/**
 * The documentation a learner follows stays true: the README's commands are the ones CI runs, every lab
 * guide has the same sections, and every security control in a guide is a test of the same name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guidePath, LAB_CATALOG, testPath } from '../lib/labs/catalog';

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
});

describe.each(LAB_CATALOG.map((l) => [l.id, l] as const))('guide of lab %s', (_, lab) => {
  const guide = read(guidePath(lab));

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
