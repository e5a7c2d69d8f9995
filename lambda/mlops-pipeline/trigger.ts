/**
 * Starts lab 07's delivery pipeline when a model package version of the lab's group is approved. EventBridge
 * delivers the registry's "SageMaker Model Package State Change" event
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html); the rule matches
 * only Approved versions of this group. The function records the approval as the pipeline's source object (an
 * S3 object; a single unzipped file is allowed, https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-S3.html)
 * and starts the V2 pipeline with that object version and the version's ARN as a pipeline variable
 * (https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-variables.html).
 */
import { CodePipelineClient, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { EventBridgeEvent } from 'aws-lambda';
import { MODEL_PACKAGE_VARIABLE, TRIGGER_ENV } from './env';

const s3 = new S3Client({});
const codepipeline = new CodePipelineClient({});

export interface ModelPackageStateChange {
  readonly ModelPackageGroupName?: string;
  readonly ModelPackageArn?: string;
  readonly ModelApprovalStatus?: string;
  readonly ModelPackageVersion?: number;
}

/** The approved version to deliver, or why this event starts nothing. */
export function approvedVersion(detail: ModelPackageStateChange, group: string): { arn: string } | { skip: string } {
  if (detail.ModelPackageGroupName !== group) return { skip: `another group (${String(detail.ModelPackageGroupName)})` };
  if (detail.ModelApprovalStatus !== 'Approved') return { skip: `status ${String(detail.ModelApprovalStatus)}` };
  if (!detail.ModelPackageArn) return { skip: 'no model package ARN in the event' };
  return { arn: detail.ModelPackageArn };
}

export async function handler(event: EventBridgeEvent<string, ModelPackageStateChange>): Promise<string> {
  const env = (name: keyof typeof TRIGGER_ENV) => process.env[TRIGGER_ENV[name]] ?? '';
  const version = approvedVersion(event.detail, env('modelPackageGroup'));
  if ('skip' in version) {
    console.info(`Not delivering: ${version.skip}.`);
    return 'skipped';
  }
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: env('sourceBucket'),
      Key: env('sourceKey'),
      ContentType: 'application/json',
      Body: JSON.stringify({ modelPackageArn: version.arn, approvedAt: event.time }),
    }),
  );
  const started = await codepipeline.send(
    new StartPipelineExecutionCommand({
      name: env('deliveryPipeline'),
      variables: [{ name: MODEL_PACKAGE_VARIABLE, value: version.arn }],
      ...(put.VersionId && { sourceRevisions: [{ actionName: env('sourceAction'), revisionType: 'S3_OBJECT_VERSION_ID', revisionValue: put.VersionId }] }),
      clientRequestToken: event.id,
    }),
  );
  console.info(`Delivering ${version.arn}: execution ${started.pipelineExecutionId}.`);
  return started.pipelineExecutionId ?? '';
}
