/**
 * The documentation a learner follows stays true: the README's commands are the ones CI runs, every lab
 * guide has the same sections, and every security control in a guide is a test of the same name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LABS } from '../lib/labs';
import { guidePath, testPath, type LabInfo } from '../lib/labs/lab-info';
import { examColumn, examMappingProblems, EXAMS, MLA_C02 } from '../lib/labs/exams';
import { labScripts } from '../labs/run';
import { appTemplates } from './helpers/shared-synth';
import { evidenceProblems } from '../lib/posture/controls/check';
import { readPostureSnapshots } from './posture/snapshot';

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

/** The shell commands a document shows: the lines of its bash blocks (continuations joined) and its inline code spans. */
export function shownCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```bash\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].replace(/\\\n\s*/g, ' ').split('\n'));
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  return [...blocks, ...spans].map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line.length > 0);
}

/** What `"$STACK"` stands for in a guide that sets `STACK="${LEARNER:+$LEARNER-}Lab01DataLake"` (or `STACK=Lab01DataLake`). */
function stackVariable(markdown: string): string | undefined {
  return /^STACK="?(?:\$\{LEARNER:\+\$LEARNER-\})?([A-Za-z0-9-]+)"?/m.exec(markdown)?.[1];
}

/**
 * Every `npx cdk deploy|destroy` and `npm run lab --` command a document shows that names a stack, lab or script
 * that does not exist. `<lab>`-style placeholders are allowed; a learner copy is `<name>-<stack id>`.
 */
export function commandProblems(markdown: string): string[] {
  const problems: string[] = [];
  const stackIds = LABS.map((l) => l.stackId);
  const isStack = (name: string) => stackIds.some((id) => name === id || new RegExp(`^[a-z][a-z0-9]{0,15}-${id}$`).test(name));
  for (const command of shownCommands(markdown)) {
    const cdk = /\bnpx cdk (deploy|destroy)\b(.*)$/.exec(command);
    if (cdk) {
      const words = cdk[2].split(/\s+/).filter((w) => w.length > 0);
      const stacks = words.filter((w, i) => !w.startsWith('-') && !w.startsWith('${') && !['-c', '--context'].includes(words[i - 1]));
      for (const word of stacks) {
        const name = word.replace(/^"|"$/g, '') === '$STACK' ? stackVariable(markdown) : word;
        if (name === undefined || (!isStack(name) && !/^<.+>$/.test(name))) {
          problems.push(`${command}: no stack ${word}${word.includes('$') ? ` (STACK=${name})` : ''}`);
        }
      }
    }
    const lab = /\bnpm run lab -- (\S+)(?: (\S+))?/.exec(command);
    if (lab && !/^<.+>$/.test(lab[1])) {
      const info = LABS.find((l) => l.id === lab[1]);
      if (!info) {
        problems.push(`${command}: no lab ${lab[1]}`);
      } else if (lab[2] === undefined || (!/^<.+>$/.test(lab[2]) && !labScripts(path.join(root, info.folder)).includes(lab[2]))) {
        problems.push(`${command}: lab ${info.id} has no script ${lab[2] ?? '(none given)'}`);
      }
    }
  }
  return problems;
}

/** The stack outputs a guide names: `out Name` calls, `OutputKey=='Name'` queries and `Name` in a sentence about outputs. */
export function namedOutputs(markdown: string): string[] {
  const prose = markdown.replace(/^```mermaid[\s\S]*?^```/gm, '');
  const calls = [...prose.matchAll(/\bout ([A-Z][A-Za-z0-9]+)/g), ...prose.matchAll(/OutputKey=='([A-Za-z0-9]+)'/g)].map((m) => m[1]);
  const direct = [...prose.matchAll(/\boutputs? `([A-Z][a-z][A-Za-z0-9]*)`/g)].map((m) => m[1]);
  const sentences = prose
    .split(/\n\s*\n|(?<=\.)\s/)
    .filter((p) => /\b(?:the|stack|its|these) outputs\b/i.test(p))
    .flatMap((p) => [...p.matchAll(/`([A-Z][a-z][A-Za-z0-9]*)`/g)].map((m) => m[1]));
  return [...new Set([...calls, ...direct, ...sentences])];
}

/** The cells of the README lab-table row that links to a lab's guide. */
function readmeRow(readme: string, lab: LabInfo): string[] {
  const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`](${guidePath(lab)})`));
  return row ? row.split('|').slice(1, -1).map((cell) => cell.trim()) : [];
}

describe('exam mapping (lib/labs/exams.ts)', () => {
  test('every lab teaches at least one MLA-C02 task statement, and only task statements the exam data lists', () => {
    expect(examMappingProblems(LABS)).toEqual([]);
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

  test('every lab command it shows names a stack, lab and script that exist', () => {
    expect(commandProblems(readme)).toEqual([]);
  });

  test('quick start is the two commands: synth without an account, and the tests', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm ci && npm test');
  });

  test('puts the learner first: what you get, cost, Start here, troubleshooting and what destroy leaves', () => {
    const headings = [...readme.matchAll(/^##+ (.+)$/gm)].map((m) => m[1].trim());
    for (const heading of ['Start here', 'What you need', 'Lab 01, step by step', 'Troubleshooting and FAQ', 'What destroy leaves, by design']) {
      expect(headings).toContain(heading);
    }
    expect(headings.indexOf('Start here')).toBeLessThan(headings.indexOf('Quick start for contributors (no AWS account needed)'));
    expect(readme.slice(0, readme.indexOf('| Lab |'))).toMatch(/MLA-C02[\s\S]*What you get[\s\S]*What it costs/);
    for (const fact of ['Unable to resolve AWS account', 'npx cdk bootstrap', 'ResourceLimitExceeded', 'CDKToolkit', 'acknowledged findings']) {
      expect(readme).toContain(fact);
    }
  });

  test('names the Node.js versions package.json requires', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const majors = [...engines.matchAll(/\^(\d+)\./g)].map((m) => m[1]);
    expect(majors.length).toBeGreaterThan(0);
    expect(readme).toContain(`Node.js ${majors.join(' or ')}`);
  });

  test('LICENSE is the full text of the license package.json names', () => {
    const license = (JSON.parse(read('package.json')) as { license: string }).license;
    expect(license).toBe('Apache-2.0');
    const text = read('LICENSE');
    expect(text).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(text).toContain('9. Accepting Warranty or Additional Liability.');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  test('.ci/run installs from the lock file and runs the same test command', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  test.each(LABS.map((l) => [l.stackId, l] as const))('lists %s with its guide and deploy command', (stackId, lab) => {
    expect(readme).toContain(`](${guidePath(lab)})`);
    expect(readme).toContain(stackId);
  });

  test.each(LABS.map((l) => [l.id, l] as const))('the exam column of lab %s is the one the exam data gives', (_, lab) => {
    expect(readmeRow(readme, lab)[3]).toBe(examColumn(lab));
  });
});

describe('the docs checks themselves', () => {
  test('a command with an unknown stack, lab or script is reported', () => {
    const guide = ['```bash', 'STACK="${LEARNER:+$LEARNER-}Lab09Nothing"', 'npx cdk deploy "$STACK"', 'npx cdk destroy Lab01DataLak', 'npm run lab -- data-lake vrify', '```', '`npm run lab -- no-such-lab verify`'].join('\n');
    expect(commandProblems(guide)).toEqual([
      'npx cdk deploy "$STACK": no stack "$STACK" (STACK=Lab09Nothing)',
      'npx cdk destroy Lab01DataLak: no stack Lab01DataLak',
      'npm run lab -- data-lake vrify: lab data-lake has no script vrify',
      'npm run lab -- no-such-lab verify: no lab no-such-lab',
    ]);
  });

  test('learner copies, the $STACK variable and placeholders are accepted', () => {
    const guide = ['```bash', 'STACK="${LEARNER:+$LEARNER-}Lab01DataLake"', 'npx cdk deploy ${LEARNER:+--context=learner=$LEARNER} "$STACK"', 'npx cdk deploy -c learner=alice alice-Lab01DataLake', 'npm run lab -- data-lake verify ${LEARNER:+--learner} $LEARNER', '```', '`npm run lab -- <lab> <script>`'].join('\n');
    expect(commandProblems(guide)).toEqual([]);
  });

  test('outputs are found in out calls, output queries and sentences about outputs', () => {
    const guide = ['```bash', 'DB=$(out DatabaseName)', "--query \"Stacks[0].Outputs[?OutputKey=='BucketName'].OutputValue\"", '```', 'The outputs give you `AthenaConsoleUrl`.', 'Open it (output `StateMachineArn`).', 'Its error output is `ProcessingFailed`; a condition on `VolumeKmsKeyArn`.'].join('\n');
    expect(namedOutputs(guide)).toEqual(['DatabaseName', 'BucketName', 'StateMachineArn', 'AthenaConsoleUrl']);
  });
});

/** Output keys of every lab's template, from the app's templates shared by the run's test files. */
const outputsByStack = new Map(appTemplates().map(({ stackName, template }) => [stackName, new Set(Object.keys(template.Outputs ?? {}))]));

describe.each(LABS.map((l) => [l.id, l] as const))('guide of lab %s', (_, lab) => {
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
    const stackOf = (verb: string) =>
      shownCommands(guide)
        .filter((c) => c.startsWith(`npx cdk ${verb} `))
        .map((c) => (c.endsWith('"$STACK"') ? stackVariable(guide) : c.split(' ').pop()));
    expect(stackOf('deploy')).toContain(lab.stackId);
    expect(stackOf('destroy')).toContain(lab.stackId);
  });

  test('sets its shell variables the same way as every guide: LEARNER, and STACK derived from it', () => {
    expect(guide).toMatch(/^LEARNER=""\s+# for example LEARNER=alice in a shared account$/m);
    expect(guide).toContain(`STACK="\${LEARNER:+$LEARNER-}${lab.stackId}"`);
  });

  test('"What it teaches" names each MLA-C02 task statement the catalogue lists', () => {
    const section = guide.split(/^## /m).find((s) => s.startsWith('What it teaches')) ?? '';
    expect(section).toContain('MLA-C02');
    expect(lab.mlaC02Tasks.filter((id) => !new RegExp(`\\*\\*${id.replace('.', '\\.')} `).test(section))).toEqual([]);
  });

  test('every lab command it shows names a stack, lab and script that exist', () => {
    expect(commandProblems(guide)).toEqual([]);
  });

  test('every stack output it names exists in the synthesized template', () => {
    const outputs = outputsByStack.get(lab.stackId);
    expect(outputs).toBeDefined();
    expect(namedOutputs(guide).filter((name) => !outputs?.has(name))).toEqual([]);
  });

  test('every security control it lists is a test of the same name', () => {
    const controls = securityControls(guide);
    expect(controls.length).toBeGreaterThanOrEqual(5);
    const titles = testTitles(read(testPath(lab)));
    expect(controls.filter((c) => !titles.has(c))).toEqual([]);
  });
});

// The postures come from the posture snapshot, which test/posture/labs.test.ts keeps equal to the synthesized
// labs, so this block synthesizes nothing.
describe.each(LABS.map((l) => [l.id, l] as const))('posture of lab %s', (_, lab) => {
  test('every security control in its guide shows in its posture', () => {
    const posture = readPostureSnapshots().get(lab.id);
    expect({ posture: posture === undefined ? 'missing: run npx jest test/posture -u' : 'present' }).toEqual({ posture: 'present' });
    expect(evidenceProblems(posture ?? '', securityControls(read(guidePath(lab))), lab.evidence)).toEqual([]);
  });
});
