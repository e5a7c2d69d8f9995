import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
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

/** How every handler is bundled: one minified file, the AWS SDK inside, with a source map for stack traces. */
export const LAB_BUNDLING = {
  minify: true,
  logLevel: nodejs.LogLevel.WARNING,
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  bundleAwsSDK: true,
} as const satisfies nodejs.BundlingOptions;

/**
 * The one way the kit builds a Lambda function: the newest Node.js runtime, a minified esbuild bundle
 * (AWS SDK included, so the code that is tested is the code that runs), JSON logs in an encrypted
 * log group that `cdk destroy` deletes, X-Ray tracing, and a role with no AWS managed policies: it can
 * write its own logs and traces, and a lab grants it anything else explicitly.
 *
 * No reserved concurrency: new accounts often have a concurrency quota of 10, and any reservation would
 * then fail the deployment ("decreases account's UnreservedConcurrentExecution below its minimum").
 */
export class LabFunction extends nodejs.NodejsFunction {
  /** The handler file, relative to the repository root. */
  public readonly entry: string;

  constructor(scope: Construct, id: string, props: LabFunctionProps) {
    const logGroup = new LabLogGroup(scope, `${id}Logs`, { encryptionKey: props.encryptionKey });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    super(scope, id, {
      entry: path.join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
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
      bundling: LAB_BUNDLING,
    });
    this.entry = props.entry;
    logGroup.grantWrite(role);
    acknowledgeXRayWrites(role);
  }
}
