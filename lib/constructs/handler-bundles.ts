/**
 * Lambda handler bundles: one minified file per handler, built with esbuild and kept in the repository's ignored
 * cache folder by the content of every file it was built from. LabFunction bundles its handler here during a synth
 * that needs the code; `npm run synth` and the app test bundle every handler of the app in one esbuild run first
 * (`bundleHandlers`), which is about twice as fast as one run per handler: the SDK's modules are read once.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { buildSync, type BuildOptions, version as esbuildVersion } from 'esbuild';

/** Repository root, so handler paths read the same everywhere: `lambda/<name>/handler.ts`. */
const REPO_ROOT = path.join(__dirname, '..', '..');

/**
 * How every handler is bundled: one minified file, the AWS SDK inside, with a source map for stack traces (in the
 * terms of the CDK's NodejsFunction, which bundled them before; `esbuildOptions` says the same to esbuild).
 */
export const LAB_BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  bundleAwsSDK: true,
} as const satisfies nodejs.BundlingOptions;

/** Where bundles are kept between runs: git ignores node_modules/, and `npm ci` starts it afresh. */
export const BUNDLE_CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'ml-lab-kit', 'bundles');

/**
 * The esbuild options shared by every build: each entry point becomes `<its directory>/index.js` and its source
 * map under `outdir`. An entry built alone or with others gives the same bytes (a test compares them), so a
 * bundle does not depend on which command built it.
 */
function esbuildOptions(root: string, outdir: string): BuildOptions {
  return {
    absWorkingDir: root,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: LAB_BUNDLING.target,
    minify: LAB_BUNDLING.minify,
    sourcemap: LAB_BUNDLING.sourceMap,
    sourcesContent: LAB_BUNDLING.sourcesContent,
    // The SDK is bundled too, so nothing is left external.
    external: LAB_BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*'],
    metafile: true,
    // Warnings and errors come back in the result and are thrown as one error; nothing is printed.
    logLevel: 'silent',
  };
}

/** Every file a bundle was built from (relative to the root), with the SHA-256 of its content. */
type BundleInputs = Record<string, string>;

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

function hashInputs(root: string, files: readonly string[]): BundleInputs | undefined {
  const inputs: BundleInputs = {};
  for (const file of files) {
    const absolute = path.join(root, file);
    if (!fs.existsSync(absolute)) {
      return undefined;
    }
    inputs[file] = sha256(fs.readFileSync(absolute));
  }
  return inputs;
}

export interface HandlerBundle {
  /** A directory with `index.js` and `index.js.map`, and nothing else. */
  readonly dir: string;
  /** Whether this call built it (false: the cache held it, with every input unchanged). */
  readonly built: boolean;
}

export interface BundleOptions {
  /** @default the repository root */
  readonly root?: string;
  /** @default BUNDLE_CACHE_DIR */
  readonly cacheDir?: string;
}

/**
 * The bundle of each handler (paths relative to the root). A handler is built unless the cache holds a bundle whose
 * inputs (the handler, everything it imports, node_modules included, read from esbuild's metafile) all have the
 * content they had when it was built, with the same options and esbuild version; a changed input, or a new file
 * that a changed input imports, means a new build. Every handler that needs building is built in one esbuild run.
 * An esbuild warning fails the build like an error: a handler that bundles with one is not shipped.
 */
export function bundleHandlers(entries: readonly string[], options: BundleOptions = {}): ReadonlyMap<string, HandlerBundle> {
  const root = options.root ?? REPO_ROOT;
  const cacheDir = options.cacheDir ?? BUNDLE_CACHE_DIR;
  const settings = JSON.stringify({ esbuild: esbuildVersion, options: esbuildOptions(root, '') });
  const bundles = new Map<string, HandlerBundle>();
  const toBuild: { entry: string; key: string }[] = [];
  for (const entry of new Set(entries)) {
    const key = sha256(`${root}\0${entry}\0${settings}`).slice(0, 32);
    if (isCached(root, cacheDir, key)) {
      bundles.set(entry, { dir: path.join(cacheDir, key), built: false });
    } else {
      toBuild.push({ entry, key });
    }
  }
  if (toBuild.length === 0) {
    return bundles;
  }
  // Built beside the cache entries (same depth, so the source maps' relative paths are those of the final place)
  // and then moved into place, so a process that reads the cache at the same time sees the old bundle with its
  // inputs or the new one with its inputs, never half of one.
  const staging = (key: string) => `${key}.${process.pid}.building`;
  for (const { key } of toBuild) {
    fs.rmSync(path.join(cacheDir, staging(key)), { recursive: true, force: true });
  }
  const result = buildSync({
    ...esbuildOptions(root, cacheDir),
    entryPoints: toBuild.map(({ entry, key }) => ({ in: path.join(root, entry), out: path.join(staging(key), 'index') })),
  });
  if (result.warnings.length > 0) {
    for (const { key } of toBuild) {
      fs.rmSync(path.join(cacheDir, staging(key)), { recursive: true, force: true });
    }
    throw new Error(`Bundling ${toBuild.map((b) => b.entry).join(', ')}:\n${result.warnings.map((w) => `${w.location?.file ?? ''}:${w.location?.line ?? ''} ${w.text}`).join('\n')}`);
  }
  for (const { entry, key } of toBuild) {
    const output = path.relative(root, path.join(cacheDir, staging(key), 'index.js')).split(path.sep).join('/');
    const inputs = hashInputs(root, Object.keys(result.metafile?.outputs[output]?.inputs ?? {}));
    if (!inputs || Object.keys(inputs).length === 0) {
      throw new Error(`Bundling ${entry}: an input changed while esbuild read it; run the command again.`);
    }
    const dir = path.join(cacheDir, key);
    const manifest = `${dir}.inputs.json`;
    fs.rmSync(manifest, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(path.join(cacheDir, staging(key)), dir);
    fs.writeFileSync(`${manifest}.${process.pid}`, JSON.stringify(inputs));
    fs.renameSync(`${manifest}.${process.pid}`, manifest);
    bundles.set(entry, { dir, built: true });
  }
  return bundles;
}

/** The bundle of one handler (see bundleHandlers). Checking the inputs of a cached one takes milliseconds. */
export function bundleHandler(entry: string, options: BundleOptions = {}): HandlerBundle {
  return bundleHandlers([entry], options).get(entry)!;
}

function isCached(root: string, cacheDir: string, key: string): boolean {
  const manifest = path.join(cacheDir, `${key}.inputs.json`);
  if (!fs.existsSync(manifest) || !fs.existsSync(path.join(cacheDir, key, 'index.js'))) {
    return false;
  }
  const recorded = JSON.parse(fs.readFileSync(manifest, 'utf8')) as BundleInputs;
  const current = hashInputs(root, Object.keys(recorded));
  return current !== undefined && Object.entries(recorded).every(([file, hash]) => current[file] === hash);
}
