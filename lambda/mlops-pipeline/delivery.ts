/**
 * The logic of lab 07's delivery actions (CodePipeline Lambda invoke actions), without the Lambda plumbing:
 * deploy an approved model package version to a serverless endpoint, and smoke-test the staging endpoint.
 *
 * A deploy creates a model from the model package version (CreateModel with ModelPackageName,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-deploy.html) and a serverless endpoint
 * configuration, then creates the endpoint or updates it to the new configuration. SageMaker keeps serving the
 * previous configuration until the new one is in service, and keeps it if the update fails
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html), so a failed deploy
 * leaves the previous model serving.
 */
import type { DeliveryAction } from './env';

export class DeliveryError extends Error {}

/** Reads an action's UserParameters (JSON); refuses anything else with a clear message. */
export function parseAction(userParameters: string | undefined): DeliveryAction {
  let value: unknown;
  try {
    value = JSON.parse(userParameters ?? '');
  } catch {
    throw new DeliveryError(`UserParameters is not JSON: ${String(userParameters)}`);
  }
  const v = value as Record<string, unknown>;
  if (v.action === 'smoke-test' && v.target === 'staging') {
    return { action: 'smoke-test', target: 'staging' };
  }
  if (v.action === 'deploy' && (v.target === 'staging' || v.target === 'production')) {
    if (typeof v.modelPackageArn !== 'string' || !/^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:model-package\/[^/]+\/\d+$/.test(v.modelPackageArn)) {
      throw new DeliveryError(
        `The delivery needs the ARN of a model package version (arn:...:model-package/<group>/<version>); got "${String(v.modelPackageArn)}". ` +
          'Start it by approving a version (npm run lab -- mlops-pipeline approve), not by hand.',
      );
    }
    return { action: 'deploy', target: v.target, modelPackageArn: v.modelPackageArn };
  }
  throw new DeliveryError(`Unknown delivery action: ${String(userParameters)}`);
}

/** The version number at the end of a model package version ARN. */
export function versionOf(modelPackageArn: string): number {
  return Number(modelPackageArn.split('/').pop());
}

/**
 * The name of the model and endpoint configuration of one deploy: `<prefix>-<target>-v<version>-<time>`
 * (at most 63 characters, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html).
 */
export function deploymentName(prefix: string, target: string, version: number, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const name = `${prefix}-${target.slice(0, 4)}-v${version}-${stamp}`;
  if (name.length > 63) {
    throw new DeliveryError(`The name ${name} is longer than SageMaker's 63 characters.`);
  }
  return name;
}

/** What the endpoint's state means for a deploy that is waiting for `configName`. */
export function deployProgress(
  endpoint: { EndpointStatus?: string; EndpointConfigName?: string; FailureReason?: string },
  configName: string,
): 'done' | 'waiting' | { failed: string } {
  const status = endpoint.EndpointStatus;
  if (status === 'Failed') {
    return { failed: `The endpoint failed: ${endpoint.FailureReason ?? 'no reason given'}` };
  }
  if (status === 'InService') {
    if (endpoint.EndpointConfigName === configName) return 'done';
    if (endpoint.FailureReason) {
      return { failed: `The update failed and the endpoint kept its previous model: ${endpoint.FailureReason}` };
    }
  }
  return 'waiting';
}

/**
 * Whether the staging endpoint's answer to the smoke-test rows is right: one probability between 0 and 1 per
 * row, as the built-in XGBoost algorithm answers text/csv requests for binary:logistic. Returns the problem,
 * or undefined when the answer passes.
 */
export function smokeTestProblem(rows: readonly string[], body: string): string | undefined {
  if (rows.length === 0) {
    return 'The smoke-test file has no rows: nothing was tested.';
  }
  const answers = body
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (answers.length !== rows.length) {
    return `Sent ${rows.length} rows, got ${answers.length} answers: "${body.slice(0, 200)}".`;
  }
  const bad = answers.find((a) => !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(a) || Number(a) < 0 || Number(a) > 1);
  return bad === undefined ? undefined : `The answer "${bad}" is not a probability between 0 and 1.`;
}
