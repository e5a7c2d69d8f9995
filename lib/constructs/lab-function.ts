import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { buildSync, type BuildOptions, version as esbuildVersion } from 'esbuild';
import { acknowledgeXRayWrites } from '../validation/acknowledgements';
import { LabLogGroup } from './lab-log-group';

/** Repository root, so handler paths read the same everywhere: `lambda/<name>/handler.ts`. */
const REPO_ROOT = path.join(__dirname, '..', '..');

export interface LabFunctionProps {
  /** Handler file relative to the repository root; it must export `handler`. */
  readonly entry: string;
  readonly description: string;
  /** The lab key; the function's log group is encrypted with it. */
  readonly encryptionKey: kms.IKey;
  readonly environment?: Record<string, string>;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
}

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

/** The esbuild options of a handler bundle: `index.js` and its source map in `outdir`. */
function esbuildOptions(entry: string, root: string, outdir: string): BuildOptions {
  return {
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    outfile: path.join(outdir, 'index.js'),
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
    logLevel: 'warning',
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

/**
 * The bundle of one handler: a directory with `index.js` and `index.js.map`. It is built with esbuild unless the
 * cache holds one whose inputs (the handler, everything it imports, node_modules included, read from esbuild's
 * metafile) all have the content they had when it was built, with the same options and esbuild version; a
 * changed input, or a new file that a changed input imports, means a new build. `built` says which happened.
 * A handler that several labs use is bundled once; checking the inputs of a cached one takes milliseconds.
 */
export function bundleHandler(
  entry: string,
  options: { readonly root?: string; readonly cacheDir?: string } = {},
): { readonly dir: string; readonly built: boolean } {
  const root = options.root ?? REPO_ROOT;
  const cacheDir = options.cacheDir ?? BUNDLE_CACHE_DIR;
  const settings = JSON.stringify({ esbuild: esbuildVersion, options: esbuildOptions(entry, root, '') });
  const key = sha256(`${root}\0${entry}\0${settings}`).slice(0, 32);
  const dir = path.join(cacheDir, key);
  const manifest = path.join(cacheDir, `${key}.inputs.json`);
  if (fs.existsSync(manifest) && fs.existsSync(path.join(dir, 'index.js'))) {
    const recorded = JSON.parse(fs.readFileSync(manifest, 'utf8')) as BundleInputs;
    const current = hashInputs(root, Object.keys(recorded));
    if (current && Object.entries(recorded).every(([file, hash]) => current[file] === hash)) {
      return { dir, built: false };
    }
  }
  // Built beside the cache entry and then moved into place, so a process that reads the cache at the same time
  // sees the old bundle with its inputs or the new one with its inputs, never half of one.
  const staging = `${dir}.${process.pid}.building`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = buildSync(esbuildOptions(entry, root, staging));
  const inputs = hashInputs(root, Object.keys(result.metafile?.inputs ?? {}));
  if (!inputs) {
    throw new Error(`Bundling ${entry}: an input changed while esbuild read it; run the command again.`);
  }
  fs.rmSync(manifest, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  fs.writeFileSync(`${manifest}.${process.pid}`, JSON.stringify(inputs));
  fs.renameSync(`${manifest}.${process.pid}`, manifest);
  return { dir, built: true };
}

/**
 * The function's code: the handler's bundle when the CDK CLI bundles this stack (`cdk synth`, `deploy`, `diff`
 * and `npm run synth`), else, as NodejsFunction does, the handler's folder under a hash of its path, so that
 * `cdk ls` and `cdk destroy` (which pass `aws:cdk:bundling-stacks: []`) and the tests that skip bundling neither
 * bundle nor hash anything.
 */
function handlerCode(scope: Construct, entry: string): lambda.Code {
  if (!Stack.of(scope).bundlingRequired) {
    return lambda.Code.fromAsset(path.dirname(path.join(REPO_ROOT, entry)), { assetHash: sha256(`unbundled:${entry}`) });
  }
  return lambda.Code.fromAsset(bundleHandler(entry).dir);
}

/**
 * The one way the kit builds a Lambda function: the newest Node.js runtime, a minified esbuild bundle
 * (AWS SDK included, so the code that is tested is the code that runs; built by `bundleHandler`, which keeps
 * bundles by the content of their inputs and prints nothing per function), JSON logs in an encrypted
 * log group that `cdk destroy` deletes, X-Ray tracing, and a role with no AWS managed policies: it can
 * write its own logs and traces, and a lab grants it anything else explicitly.
 *
 * No reserved concurrency: new accounts often have a concurrency quota of 10, and any reservation would
 * then fail the deployment ("decreases account's UnreservedConcurrentExecution below its minimum").
 */
export class LabFunction extends lambda.Function {
  /** The handler file, relative to the repository root. */
  public readonly entry: string;

  constructor(scope: Construct, id: string, props: LabFunctionProps) {
    const logGroup = new LabLogGroup(scope, `${id}Logs`, { encryptionKey: props.encryptionKey });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    super(scope, id, {
      code: handlerCode(scope, props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      environment: props.environment,
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
    });
    this.entry = props.entry;
    logGroup.grantWrite(role);
    acknowledgeXRayWrites(role);
  }
}
