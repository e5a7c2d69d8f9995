/**
 * The Lambda invoke actions of lab 07's delivery pipeline: `deploy` (staging or production) and `smoke-test`.
 * CodePipeline invokes the function with a job; the function reports the result with PutJobSuccessResult or
 * PutJobFailureResult. A deploy waits for the endpoint by returning a continuation token: CodePipeline invokes
 * the function again with it until the action succeeds or fails
 * (https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-invoke-lambda-function.html).
 */
import { CodePipelineClient, PutJobFailureResultCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
  SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { CodePipelineEvent } from 'aws-lambda';
import { SERVERLESS } from '../../lib/labs/mlops-pipeline/settings';
import { DeliveryError, deploymentName, deployProgress, parseAction, smokeTestProblem, versionOf } from './delivery';
import { DELIVERY_ENV, type DeliveryAction } from './env';

const codepipeline = new CodePipelineClient({});
const sagemaker = new SageMakerClient({});
const runtime = new SageMakerRuntimeClient({});
const s3 = new S3Client({});

function env(name: keyof typeof DELIVERY_ENV): string {
  const value = process.env[DELIVERY_ENV[name]];
  if (!value) throw new DeliveryError(`${DELIVERY_ENV[name]} is not set`);
  return value;
}

/** What a waiting deploy carries to its next invocation. */
interface Waiting {
  readonly endpoint: string;
  readonly config: string;
}

export async function handler(event: CodePipelineEvent): Promise<void> {
  const job = event['CodePipeline.job'];
  try {
    const action = parseAction(job.data.actionConfiguration.configuration.UserParameters);
    const token = job.data.continuationToken;
    const result = action.action === 'deploy' ? await deploy(action, token) : await smokeTest();
    await codepipeline.send(
      new PutJobSuccessResultCommand({
        jobId: job.id,
        ...(typeof result === 'string' ? { executionDetails: { summary: result.slice(0, 2048) } } : { continuationToken: JSON.stringify(result) }),
      }),
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`Delivery action failed: ${message}`);
    await codepipeline.send(
      new PutJobFailureResultCommand({ jobId: job.id, failureDetails: { type: 'JobFailed', message: message.slice(0, 5000) } }),
    );
  }
}

/** Starts the deploy (first call) or checks on it (later calls); a string is the finished action's summary. */
export async function deploy(action: Extract<DeliveryAction, { action: 'deploy' }>, token: string | undefined): Promise<string | Waiting> {
  if (token) {
    const waiting = JSON.parse(token) as Waiting;
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: waiting.endpoint }));
    const progress = deployProgress(endpoint, waiting.config);
    if (progress === 'done') return `${waiting.endpoint} serves ${waiting.config}`;
    if (progress === 'waiting') return waiting;
    throw new DeliveryError(progress.failed);
  }
  // Only an approved version is deployed, checked again at each stage: a version rejected after its approval
  // started the delivery stops here (and the previous model keeps serving).
  const version = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: action.modelPackageArn }));
  if (version.ModelApprovalStatus !== 'Approved') {
    throw new DeliveryError(`${action.modelPackageArn} is ${version.ModelApprovalStatus ?? 'not approved'}: only an Approved version is deployed.`);
  }
  const endpointName = env(action.target === 'staging' ? 'stagingEndpoint' : 'productionEndpoint');
  const name = deploymentName(env('resourcePrefix'), action.target, versionOf(action.modelPackageArn), new Date());
  const tags = [
    { Key: 'project', Value: 'ml-lab-kit' },
    { Key: 'lab', Value: env('lab') },
    { Key: 'learner', Value: env('learner') },
  ];
  // Serverless endpoints support neither a VPC nor network isolation
  // (https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html#serverless-endpoints-how-it-works-exclusions).
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: env('executionRoleArn'),
      Containers: [{ ModelPackageName: action.modelPackageArn }],
      Tags: tags,
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, ServerlessConfig: { MemorySizeInMB: SERVERLESS.memorySizeInMB, MaxConcurrency: SERVERLESS.maxConcurrency } }],
      Tags: tags,
    }),
  );
  if (await endpointExists(endpointName)) {
    await sagemaker.send(new UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: name }));
  } else {
    await sagemaker.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: name, Tags: tags }));
  }
  return { endpoint: endpointName, config: name };
}

async function endpointExists(name: string): Promise<boolean> {
  try {
    await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    return true;
  } catch (e) {
    if (e instanceof Error && /Could not find endpoint/i.test(e.message)) return false;
    throw e;
  }
}

/** Sends the smoke-test rows to the staging endpoint and checks the answer. */
export async function smokeTest(): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: env('bucket'), Key: env('smokeTestKey') }));
  const rows = (await object.Body!.transformToString())
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const endpoint = env('stagingEndpoint');
  const response = await invokeEndpoint(endpoint, rows.join('\n'));
  const problem = smokeTestProblem(rows, response);
  if (problem) throw new DeliveryError(`Smoke test of ${endpoint} failed: ${problem}`);
  return `Smoke test of ${endpoint} passed: ${rows.length} rows answered.`;
}

async function invokeEndpoint(endpoint: string, body: string): Promise<string> {
  const out = await runtime.send(new InvokeEndpointCommand({ EndpointName: endpoint, ContentType: 'text/csv', Accept: 'text/csv', Body: new TextEncoder().encode(body) }));
  return new TextDecoder().decode(out.Body);
}
