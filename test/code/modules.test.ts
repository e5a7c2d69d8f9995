/**
 * The shape of the code (README, "Project layout"): imports run downhill, with no cycle anywhere; general modules
 * take lab definitions as arguments and reach no lab folder; Lambda handlers bundle no more of lib/ than the small
 * data modules that say so; lib/labs/index.ts is the one place outside a lab's folder that names the lab.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LABS } from '../../lib/labs';
import { testTempDir } from '../helpers/temp-dir';
import { importCycles, importsOf, sourceFiles } from './import-graph';

const ROOT = path.join(__dirname, '..', '..');
const FILES = sourceFiles(ROOT, ['lib', 'lambda', 'labs', 'bin', 'scripts', 'test']);
const GRAPH = new Map(FILES.map((f) => [f, importsOf(ROOT, f)]));

/** The modules of lib/ that every lab uses: everything but the lab folders and the list itself. */
const GENERAL = FILES.filter((f) => f.startsWith('lib/') && !/^lib\/labs\/[^/]+\//.test(f) && f !== 'lib/labs/index.ts');
const isLabModule = (f: string) => /^lib\/labs\/[^/]+\//.test(f) || f === 'lib/labs/index.ts';

/** Everything `file` imports, directly or not. */
function reachable(file: string): Set<string> {
  const seen = new Set<string>();
  const todo = [file];
  while (todo.length > 0) {
    for (const next of GRAPH.get(todo.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}

/** The first comment block of a file. */
const header = (file: string) => /^\s*\/\*\*?([\s\S]*?)\*\//.exec(fs.readFileSync(path.join(ROOT, file), 'utf8'))?.[1] ?? '';

describe('imports', () => {
  const root = testTempDir('imports-');
  test('the graph is read: every lab definition reaches its stack, and bin/app.ts reaches every lab', () => {
    expect(FILES.length).toBeGreaterThan(200);
    for (const lab of LABS) {
      const folder = `lib/labs/${lab.id}`;
      expect(GRAPH.get(`${folder}/lab.ts`)).toContain(`${folder}/stack.ts`);
      expect(reachable('bin/app.ts').has(`${folder}/lab.ts`)).toBe(true);
    }
  });

  test('there is no import cycle in lib/, lambda/, labs/, bin/, scripts/ or test/ (type-only imports included)', () => {
    expect(importCycles(GRAPH).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  test('the cycle check finds a cycle, of two modules or through several, and each only once', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', ['b']],
      ['e', ['a']],
    ]);
    expect(importCycles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['b', 'c', 'd', 'b'],
    ]);
  });

  test('imports are found in every form: from, side effect, type-only, dynamic, require, and across lines', () => {
    const text = [
      "import type { A } from './a';",
      "import {\n  B,\n} from './b';",
      "export { C } from './c';",
      "import './d';",
      "const e = require('./e') as unknown;",
      "const f = import('./f');",
      "import { G } from 'aws-cdk-lib';",
      "// import { H } from './h';",
    ].join('\n');
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'h']) {
      fs.writeFileSync(path.join(root, `${name}.ts`), '');
    }
    expect(importsOf(root, 'x.ts', text).sort()).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts']);
  });

  test('general modules of lib/ reach no lab folder and not the list of labs, even indirectly', () => {
    expect(GENERAL.length).toBeGreaterThan(30);
    const problems = GENERAL.flatMap((file) => [...reachable(file)].filter(isLabModule).map((lab) => `${file} reaches ${lab}`));
    expect(problems).toEqual([]);
  });

  test('Lambda handlers import from lib/ only small data modules that say at the top that a handler bundles them', () => {
    const problems = FILES.filter((f) => f.startsWith('lambda/')).flatMap((file) =>
      [...reachable(file)]
        .filter((dep) => !dep.startsWith('lambda/'))
        .filter((dep) => !/handler bundles this file/.test(header(dep)) || /from 'aws-cdk-lib/.test(fs.readFileSync(path.join(ROOT, dep), 'utf8')))
        .map((dep) => `${file} bundles ${dep}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('one list of labs', () => {
  const libFiles = FILES.filter((f) => f.startsWith('lib/'));
  test.each(LABS.map((l) => [l.id, l] as const))('lab %s is named under lib/ only in its own folder and in lib/labs/index.ts', (id) => {
    const word = new RegExp(`(^|[^a-z0-9-])${id}([^a-z0-9-]|$)`);
    const naming = libFiles.filter((f) => !f.startsWith(`lib/labs/${id}/`) && word.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(naming).toEqual(['lib/labs/index.ts']);
  });

  test('each lab folder under lib/labs/ is named by its lab id, has a definition and is listed', () => {
    const folders = fs.readdirSync(path.join(ROOT, 'lib', 'labs'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual(LABS.map((l) => l.id).sort());
    for (const lab of LABS) {
      expect(fs.existsSync(path.join(ROOT, 'lib', 'labs', lab.id, 'lab.ts'))).toBe(true);
    }
  });
});
