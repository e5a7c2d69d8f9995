/**
 * The README's "Regions" and "Context options" tables are generated from the data the app uses
 * (each lab's definition, lib/labs/<lab>/lab.ts, and lib/context-options.ts), so they cannot drift from it. After changing that
 * data, refresh them with `UPDATE_DOCS=1 npx jest test/foundation/regions-docs.test.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contextOptionsTable } from '../../lib/context-options';
import { LABS } from '../../lib/labs';
import { examSection } from '../../lib/labs/exams';
import { FIREHOSE_TRANSFORM_REGIONS } from '../../lib/labs/firehose-transform/regions';
import { regionsTable } from '../../lib/labs/regions';

const README = path.join(__dirname, '..', '..', 'README.md');

/** The text between `<!-- name:start ... -->` and `<!-- name:end -->`, or undefined without both markers. */
export function generatedSection(text: string, name: string): string | undefined {
  const match = new RegExp(`<!-- ${name}:start[^>]*-->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(text);
  return match?.[1];
}

function replaceSection(text: string, name: string, content: string): string {
  return text.replace(new RegExp(`(<!-- ${name}:start[^>]*-->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1${content}\n$2`);
}

const SECTIONS = [
  { name: 'regions', generate: () => regionsTable(LABS) },
  { name: 'context-options', generate: () => contextOptionsTable(LABS) },
  { name: 'mla-c02', generate: () => examSection(LABS) },
];

if (process.env.UPDATE_DOCS === '1') {
  let text = fs.readFileSync(README, 'utf8');
  for (const section of SECTIONS) {
    text = replaceSection(text, section.name, section.generate());
  }
  fs.writeFileSync(README, text);
}

const readme = fs.readFileSync(README, 'utf8');

describe('README tables generated from the kit\'s data', () => {
  test.each(SECTIONS)('the $name table is the one the data generates (UPDATE_DOCS=1 to refresh)', ({ name, generate }) => {
    expect(generatedSection(readme, name)).toBe(generate());
  });

  test('every lab has a row in the Regions table', () => {
    for (const lab of LABS) {
      expect(regionsTable(LABS)).toContain(`| \`${lab.stackId}\` |`);
    }
  });

  test('every source the Regions table links is a page a reader can open, not a file in node_modules', () => {
    const links = [...regionsTable(LABS).matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !/^https:\/\//.test(l) || l.includes('node_modules'))).toEqual([]);
    const cdkLib = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8')) as { version: string }).version;
    expect(FIREHOSE_TRANSFORM_REGIONS.source).toContain(`/aws/aws-cdk/blob/v${cdkLib}/`);
  });

  test('the MLA-C02 table lists every task statement, says which no lab teaches yet, and links each lab that does', () => {
    const section = examSection([{ folder: 'labs/09-x', exam: { mlaC02Tasks: ['1.1'] } }]);
    expect(section).toContain('| 1 (28%) | **1.1** Collect and store data | [09](labs/09-x/GUIDE.md) |');
    expect(section.match(/\| none yet \|/g)).toHaveLength(11);
  });

  test('the check fails on a stale table and without markers', () => {
    const stale = replaceSection(readme, 'regions', '| Stack | Regions |');
    expect(generatedSection(stale, 'regions')).not.toBe(regionsTable(LABS));
    expect(generatedSection('no markers here', 'regions')).toBeUndefined();
  });
});
