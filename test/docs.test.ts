/**
 * The documentation a learner follows stays true: the README's commands are the ones CI runs, every lab
 * guide has the same sections, and every security control in a guide is a test of the same name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LABS } from '../lib/labs';
import { guidePath, testPath, type LabInfo } from '../lib/labs/lab-info';
import {
  examColumn,
  examEvidenceProblems,
  examMappingProblems,
  EXAMS,
  EXAMS_CHECKED,
  labExam,
  MLA_C02,
  MLA_C02_COMPARISON,
  type Exam,
  type MlaC02TaskId,
} from '../lib/labs/exams';
import { labScripts } from '../labs/run';
import { CDK_FALLBACK_REGION, REGION_ENV_NAMES } from '../lib/aws-region';
import { renderChecklist } from '../lib/safety/preflight';
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
      if (stacks.length === 0 && !words.includes('--all')) {
        problems.push(`${command}: names no stack (the app has one per lab; add the stack, e.g. ${stackIds[0]})`);
      }
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

/** The MLA-C02 domains and task statements of the checked-in copy of AWS's comparison page, as `<id> <title>` lines. */
function officialTitles(copy: string): string[] {
  const domains = [...copy.matchAll(/^Content Domain (\d): (.+) \((\d+)% of scored content\)$/gm)].map((m) => `D${m[1]} ${m[2]} (${m[3]}%)`);
  const tasks = [...copy.matchAll(/^(\d\.\d) (.+)\.$/gm)].map((m) => `${m[1]} ${m[2]}`);
  return [...domains, ...tasks];
}

/** The same lines from the exam data. */
function titlesOf(exam: Exam): string[] {
  return [
    ...exam.domains.map((d) => `D${d.number} ${d.title} (${d.weight}%)`),
    ...exam.domains.flatMap((d) => d.tasks.map((t) => `${t.id} ${t.title}`)),
  ];
}

/** The task ids a guide's "What it teaches" section names in bold (`**1.1 ...`). */
function taughtInGuide(guide: string): string[] {
  const section = guide.split(/^## /m).find((s) => s.startsWith('What it teaches')) ?? '';
  return [...section.matchAll(/^- \*\*(\d\.\d) /gm)].map((m) => m[1]);
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
        { id: 'empty', exam: { mlaC02Tasks: [] } },
        { id: 'typo', exam: { mlaC02Tasks: ['1.4' as MlaC02TaskId], otherExams: { 'AIF-C01': ['9.1'] } } },
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

  test('every exam, domain, task statement and booking fact cites an AWS page', () => {
    const aws = /^https:\/\/(docs\.)?aws\.amazon\.com\//;
    const sources = EXAMS.flatMap((e) => [
      e.source,
      ...e.domains.flatMap((d) => [d.source, ...d.tasks.map((t) => t.source)]),
      ...(e.booking ?? []).map((f) => f.source),
    ]);
    expect(sources.filter((s) => !aws.test(s))).toEqual([]);
  });

  test('no exam links the MLS-C01 pages that do not exist (aws-certification/latest/userguide/)', () => {
    const sources = EXAMS.flatMap((e) => [e.source, ...e.domains.flatMap((d) => [d.source, ...d.tasks.map((t) => t.source)])]);
    expect(sources.filter((s) => s.includes('/aws-certification/latest/userguide/'))).toEqual([]);
    expect(EXAMS.find((e) => e.code === 'AIP-C01')?.source).toBe('https://docs.aws.amazon.com/aws-certification/latest/ai-professional-01/ai-professional-01.html');
  });

  test('MLA-C02 lists every domain and task statement with AWS\'s titles and weights, as the checked-in copy of the comparison page has them', () => {
    const copy = read('test/fixtures/exam-guides/mla-c02.md');
    expect(copy).toContain(`Page: ${MLA_C02_COMPARISON}`);
    expect(copy).toContain(`Checked: ${EXAMS_CHECKED}`);
    expect(officialTitles(copy)).toHaveLength(16);
    expect(titlesOf(MLA_C02)).toEqual(officialTitles(copy));
    expect(MLA_C02.domains.flatMap((d) => d.tasks.map((t) => t.source))).toEqual(Array(12).fill(MLA_C02_COMPARISON));
  });

  test('the title check fails on a paraphrase', () => {
    const copy = read('test/fixtures/exam-guides/mla-c02.md').replace('3.3 Implement automated orchestration and continuous integration and continuous delivery (CI/CD) pipelines', '3.3 Automate and orchestrate ML and AI workflows (paraphrase)');
    expect(titlesOf(MLA_C02)).not.toEqual(officialTitles(copy));
  });

  test('MLA-C02 says how to book it: appointment code, price, language, when the standard exam follows, each with its date', () => {
    const booking = MLA_C02.booking ?? [];
    expect(booking.map((f) => f.what)).toEqual(expect.arrayContaining(['Appointment code of the beta', 'Price of the beta', 'Language of the beta', 'Standard exam']));
    expect(booking.filter((f) => !/^\d{4}-\d{2}-\d{2}$/.test(f.checked) || f.value.length === 0)).toEqual([]);
  });
});

describe('evidence of the exam mappings (lib/labs/<lab>/exam.ts)', () => {
  const guide = ['## Deploy', 'Add `-c chunking=semantic` to choose.', '## Steps', '### 1. Look', 'You list the ingestion jobs.', '1. not a step', '### 2. Ask', 'Ask it.', '## Exam tips', '- chunking is tested'].join('\n');

  test.each(LABS.map((l) => [l.id, l] as const))('lab %s: every MLA-C02 task statement it claims has evidence in its guide', (_, lab) => {
    expect(examEvidenceProblems(lab.id, read(guidePath(lab)), lab.exam)).toEqual([]);
  });

  test('evidence is found in a step, across lines and inside a list within the step', () => {
    const exam = labExam([
      { task: '1.2', evidence: [{ section: 'Deploy', quote: '-c chunking=semantic' }, { section: 'Steps', step: '1', quote: 'You list the\n ingestion jobs.' }] },
      { task: '1.1', evidence: [{ section: 'Steps', step: '1', quote: 'not a step' }] },
    ]);
    expect(examEvidenceProblems('x', guide, exam)).toEqual([]);
  });

  test('the evidence check fails without evidence, for a step or section the guide does not have, for words not in the step, and for the exam tips', () => {
    const exam = labExam([
      { task: '1.1', evidence: [] },
      { task: '2.1', evidence: [{ section: 'Steps', step: '7', quote: 'Ask it.' }] },
      { task: '2.3', evidence: [{ section: 'Verify', quote: 'Ask it.' }] },
      { task: '3.2', evidence: [{ section: 'Steps', step: '2', quote: 'You list the ingestion jobs.' }] },
      { task: '1.2', evidence: [{ section: 'Steps', quote: 'chunking is tested' }] },
    ]);
    expect(examEvidenceProblems('x', guide, exam)).toEqual([
      'lab x maps to MLA-C02 1.1 with no evidence in its guide',
      'lab x maps to MLA-C02 2.1 with evidence in Steps step 7, which its guide does not have',
      'lab x maps to MLA-C02 2.3 with evidence in Verify, which its guide does not have',
      'lab x maps to MLA-C02 3.2 with evidence in Steps step 2 that does not say "You list the ingestion jobs."',
      'lab x maps to MLA-C02 1.2 with evidence in Steps that does not say "chunking is tested"',
    ]);
  });
});

describe('README', () => {
  const readme = read('README.md');

  test('every lab command it shows names a stack, lab and script that exist', () => {
    expect(commandProblems(readme)).toEqual([]);
  });

  test('quick start installs once, then synthesizes without an account and runs the tests', () => {
    const section = readme.split(/^## /m).find((s) => s.startsWith('Quick start for contributors')) ?? '';
    const commands = shownCommands(section.slice(0, section.indexOf('What they prove')));
    expect(commands.filter((c) => /\bnpm ci\b/.test(c))).toHaveLength(1);
    expect(commands).toEqual(expect.arrayContaining(['npm run synth', 'npm test']));
  });

  test('names the CDK CLI version package.json pins', () => {
    const cli = (JSON.parse(read('package.json')) as { devDependencies: Record<string, string> }).devDependencies['aws-cdk'];
    expect(readme).toContain(`The CDK CLI is pinned to ${cli}`);
    expect(readme).not.toMatch(/`latest` tag of `aws-cdk` is an older/);
  });

  test('puts the learner first: what you get, cost, Start here, troubleshooting and what destroy leaves', () => {
    const headings = [...readme.matchAll(/^##+ (.+)$/gm)].map((m) => m[1].trim());
    for (const heading of ['Start here', 'What you need', 'Lab 01, step by step', 'Troubleshooting and FAQ', 'What destroy leaves, by design']) {
      expect(headings).toContain(heading);
    }
    expect(headings.indexOf('Start here')).toBeLessThan(headings.indexOf('Quick start for contributors (no AWS account needed)'));
    expect(readme.slice(0, readme.indexOf('| Lab |'))).toMatch(/MLA-C02[\s\S]*What you get[\s\S]*What it costs/);
    for (const fact of ['Unable to resolve AWS account', 'npx cdk bootstrap', 'ResourceLimitExceeded', 'CDKToolkit', 'acknowledged findings', 'Labs that teach it']) {
      expect(readme).toContain(fact);
    }
  });

  test('names the Node.js versions package.json requires', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const majors = [...engines.matchAll(/\^(\d+)\./g)].map((m) => m[1]);
    expect(majors.length).toBeGreaterThan(0);
    expect(readme).toContain(`Node.js ${majors.join(' or ')}`);
  });

  test("gives the Region order the CDK CLI and the lab scripts use (lib/aws-region.ts), where a learner looks for it", () => {
    const section = (heading: string) => readme.split(/^##+ /m).find((s) => s.startsWith(heading)) ?? '';
    const regions = section('Regions');
    const order = [...REGION_ENV_NAMES, CDK_FALLBACK_REGION].map((name) => regions.indexOf(`\`${name}\``));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(section('Before you deploy: preflight')).toContain('(see [Regions](#regions))');
    expect(section('Troubleshooting and FAQ')).toContain('(see [Regions](#regions))');
  });

  test('says what preflight prints and returns, as it prints it', () => {
    const ready = renderChecklist('Lab', [{ mark: 'pass', gate: true, label: 'Credentials' }]);
    const unconfirmed = renderChecklist('Lab', [{ mark: 'unknown', gate: true, label: 'Credentials' }]);
    expect(ready).toMatch(/: ready to deploy\.$/);
    expect(unconfirmed).toContain('not ready to deploy');
    expect(readme).toContain('"ready to deploy" only when no check failed and the credentials and Region were confirmed');
    expect(readme).toContain('("not ready to deploy")');
    expect(readme).toMatch(/Every script answers `--help`/);
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
    const guide = ['```bash', 'STACK="${LEARNER:+$LEARNER-}Lab09Nothing"', 'npx cdk deploy "$STACK"', 'npx cdk destroy Lab01DataLak', 'npm run lab -- data-lake vrify', '```', '`npx cdk destroy`', '`npm run lab -- no-such-lab verify`'].join('\n');
    expect(commandProblems(guide)).toEqual([
      'npx cdk deploy "$STACK": no stack "$STACK" (STACK=Lab09Nothing)',
      'npx cdk destroy Lab01DataLak: no stack Lab01DataLak',
      'npm run lab -- data-lake vrify: lab data-lake has no script vrify',
      'npx cdk destroy: names no stack (the app has one per lab; add the stack, e.g. Lab01DataLake)',
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

  test('"What it teaches" and the first line name exactly the MLA-C02 task statements the lab maps, with AWS\'s titles', () => {
    expect(taughtInGuide(guide)).toEqual(lab.exam.mlaC02Tasks);
    expect(guide).toMatch(new RegExp(`^MLA-C02 task statements: ${lab.exam.mlaC02Tasks.join(', ').replace(/\./g, '\\.')} `, 'm'));
    const section = guide.split(/^## /m).find((s) => s.startsWith('What it teaches')) ?? '';
    for (const id of lab.exam.mlaC02Tasks) {
      const title = MLA_C02.domains.flatMap((d) => d.tasks).find((t) => t.id === id)?.title ?? '(none)';
      expect(section.replace(/\s+/g, ' ')).toContain(`**${id} ${title}**`);
    }
  });

  test('names the Node.js versions package.json requires, like the README', () => {
    const majors = [...(JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node.matchAll(/\^(\d+)\./g)].map((m) => m[1]);
    expect(guide).toContain(`Node.js ${majors.join(' or ')}`);
    expect(guide).not.toMatch(/Node\.js \d+\+/);
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

describe('guide of lab firehose-transform, step 5', () => {
  test('detects the drift before it restores the budget, so there is drift to see', () => {
    const steps = read('labs/02-firehose-transform/GUIDE.md').split(/^## /m).find((s) => s.startsWith('Steps')) ?? '';
    const drift = steps.indexOf('aws cloudformation detect-stack-drift');
    const restore = steps.indexOf("Variables={RESPONSE_LIMIT_BYTES=6291456}");
    expect([drift > 0, restore > 0]).toEqual([true, true]);
    expect(drift).toBeLessThan(restore);
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
