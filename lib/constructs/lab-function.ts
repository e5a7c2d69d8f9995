import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { acknowledgeXRayWrites } from '../validation/acknowledgements';
import { bundleHandler } from './handler-bundles';
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
 * The function's code: the handler's bundle when the CDK CLI bundles this stack (`cdk synth`, `deploy`, `diff`
 * and `npm run synth`), else, as NodejsFunction does, the handler's folder under a hash of its path, so that
 * `cdk ls` and `cdk destroy` (which pass `aws:cdk:bundling-stacks: []`) and the tests that skip bundling neither
 * bundle nor hash anything.
 */
function handlerCode(scope: Construct, entry: string): lambda.Code {
  if (!Stack.of(scope).bundlingRequired) {
    return lambda.Code.fromAsset(path.dirname(path.join(REPO_ROOT, entry)), { assetHash: crypto.createHash('sha256').update(`unbundled:${entry}`).digest('hex') });
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
