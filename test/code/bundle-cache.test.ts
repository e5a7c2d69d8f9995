/**
 * Lab functions are bundled by LabFunction itself (lib/constructs/lab-function.ts), not by the CDK's
 * NodejsFunction: nothing is printed per function, and a bundle is kept in node_modules/.cache by the content of
 * every file it was built from, so a synth rebuilds only what changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleHandler, bundleHandlers } from '../../lib/constructs/handler-bundles';
import { LabFunction } from '../../lib/constructs/lab-function';
import { acknowledgeFunctionOutsideVpc } from '../../lib/validation/acknowledgements';
import { testApp, testOutdir } from '../helpers/synth';
import { TestLabStack } from '../helpers/test-stack';
import { testTempDir } from '../helpers/temp-dir';

describe('bundleHandler', () => {
  const root = testTempDir('bundle-root-');
  const cacheDir = path.join(testTempDir('bundle-cache-'), 'bundles');
  const write = (file: string, text: string) => fs.writeFileSync(path.join(root, file), text);
  const bundle = () => {
    const { dir, built } = bundleHandler('handler.ts', { root, cacheDir });
    return { built, code: fs.readFileSync(path.join(dir, 'index.js'), 'utf8'), files: fs.readdirSync(dir).sort() };
  };
  write('greeting.ts', "export const GREETING = 'hello from the first build';\n");
  write('handler.ts', "import { GREETING } from './greeting';\nexport const handler = async () => GREETING;\n");

  test('builds index.js and its source map, and nothing else, into the function code', () => {
    const first = bundle();
    expect(first).toEqual({ built: true, code: expect.stringContaining('hello from the first build'), files: ['index.js', 'index.js.map'] });
  });

  test('reuses the bundle while no input changed, even with new files beside them', () => {
    write('unrelated.ts', 'export const UNUSED = 1;\n');
    expect(bundle().built).toBe(false);
  });

  test('rebuilds when a file the handler imports changes', () => {
    write('greeting.ts', "export const GREETING = 'hello from the second build';\n");
    const second = bundle();
    expect(second).toEqual(expect.objectContaining({ built: true, code: expect.stringContaining('hello from the second build') }));
    expect(second.code).not.toContain('first build');
  });

  test('rebuilds when an input is gone, and follows a new import', () => {
    write('farewell.ts', "export const FAREWELL = 'goodbye';\n");
    write('handler.ts', "import { FAREWELL } from './farewell';\nexport const handler = async () => FAREWELL;\n");
    expect(bundle()).toEqual(expect.objectContaining({ built: true, code: expect.stringContaining('goodbye') }));
    fs.rmSync(path.join(root, 'greeting.ts'));
    expect(bundle().built).toBe(false);
    write('farewell.ts', "export const FAREWELL = 'see you';\n");
    expect(bundle()).toEqual(expect.objectContaining({ built: true, code: expect.stringContaining('see you') }));
  });
});

describe('bundleHandlers', () => {
  const root = testTempDir('bundles-root-');
  const write = (file: string, text: string) => fs.writeFileSync(path.join(root, file), text);
  write('shared.ts', "export const SHARED = 'shared by both';\n");
  write('first.ts', "import { SHARED } from './shared';\nexport const handler = async () => `first ${SHARED}`;\n");
  write('second.ts', "export const handler = async () => 'second alone';\n");
  const entries = ['first.ts', 'second.ts'];
  // One cache per test, made here: a temporary directory is made at collection time and removed after the file.
  const caches = Object.fromEntries(['together', 'alone', 'inputs', 'broken', 'warns'].map((name) => [name, path.join(testTempDir(`bundles-${name}-`), 'bundles')]));
  const files = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

  test('builds several handlers in one run, each byte for byte as when it is built alone', () => {
    const together = bundleHandlers(entries, { root, cacheDir: caches.together });
    const aloneCache = caches.alone;
    for (const entry of entries) {
      const alone = bundleHandler(entry, { root, cacheDir: aloneCache });
      expect(together.get(entry)!.built).toBe(true);
      expect(files(together.get(entry)!.dir)).toEqual(files(alone.dir));
    }
    expect(files(together.get('first.ts')!.dir)['index.js']).toContain('shared by both');
    expect(files(together.get('second.ts')!.dir)['index.js']).not.toContain('shared by both');
  });

  test("keeps each handler's own inputs: a change rebuilds only the handlers that read it", () => {
    const cacheDir = caches.inputs;
    bundleHandlers(entries, { root, cacheDir });
    write('shared.ts', "export const SHARED = 'changed';\n");
    const again = bundleHandlers(entries, { root, cacheDir });
    expect(Object.fromEntries([...again].map(([entry, b]) => [entry, b.built]))).toEqual({ 'first.ts': true, 'second.ts': false });
  });

  test('fails with the handler and the reason when an import does not resolve, and caches nothing', () => {
    write('broken.ts', "import { GONE } from './gone';\nexport const handler = async () => GONE;\n");
    const cacheDir = caches.broken;
    expect(() => bundleHandlers(['second.ts', 'broken.ts'], { root, cacheDir })).toThrow(/broken\.ts.*Could not resolve "\.\/gone"/s);
    expect(fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []).toEqual([]);
  });

  test('fails on an esbuild warning too', () => {
    write('warns.ts', "export const handler = async (x: unknown) => x == -0;\n");
    const cacheDir = caches.warns;
    expect(() => bundleHandlers(['warns.ts'], { root, cacheDir })).toThrow(/Bundling warns\.ts:\n.*-0/);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});

const outdir = testOutdir();

test('a synth that bundles prints nothing per function', () => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const app = testApp({ outdir });
    new TestLabStack(app, (stack) => {
      const fn = new LabFunction(stack, 'Fn', { entry: 'test/fixtures/handler/handler.ts', description: 'test function', encryptionKey: stack.key });
      acknowledgeFunctionOutsideVpc(fn, 'nothing (test fixture)');
    });
    app.synth();
  } finally {
    spy.mockRestore();
  }
  expect(written).toEqual([]);
});
