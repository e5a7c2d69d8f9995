/**
 * What `cdk destroy` removes of lab 07's run-time resources, before CloudFormation deletes the pipelines, the
 * model package group and the network. Each call of `cleanupPass` does what can be done now and says whether
 * everything is gone; the isComplete handler calls it until then. The order follows what each API requires:
 * - running SageMaker pipeline executions are stopped (a pipeline with running executions cannot be deleted:
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeletePipeline.html), and running deliveries
 *   too, so nothing creates an endpoint during the clean-up;
 * - the endpoints are deleted and waited for: an endpoint configuration in use by an endpoint must not be deleted
 *   (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteEndpointConfig.html);
 * - then the delivery's endpoint configurations and models (by name prefix);
 * - every model package version of the group, before CloudFormation deletes the group (the versions are
 *   run-time resources CloudFormation does not know; whether DeleteModelPackageGroup refuses a group that still
 *   has versions is not stated on its API page, so the kit does not depend on it either way);
 * - the processing and training jobs of every execution (DeleteProcessingJob, DeleteTrainingJob), once stopped,
 *   with their log streams in SageMaker's shared log groups (named after the job).
 */
import { CloudWatchLogsClient, DeleteLogStreamCommand, paginateDescribeLogStreams } from '@aws-sdk/client-cloudwatch-logs';
import {
  CodePipelineClient,
  ListPipelineExecutionsCommand as ListDeliveriesCommand,
  StopPipelineExecutionCommand as StopDeliveryCommand,
} from '@aws-sdk/client-codepipeline';
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DeleteModelPackageCommand,
  DeleteProcessingJobCommand,
  DeleteTrainingJobCommand,
  DescribeEndpointCommand,
  paginateListEndpointConfigs,
  paginateListModelPackages,
  paginateListModels,
  paginateListPipelineExecutions,
  paginateListPipelineExecutionSteps,
  SageMakerClient,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import type { CleanupProperties } from './env';

const sagemaker = new SageMakerClient({});
const codepipeline = new CodePipelineClient({});
const logs = new CloudWatchLogsClient({});

/** Where SageMaker writes a job's logs: streams named `<job name>/...`. */
export const JOB_LOG_GROUPS = { processing: '/aws/sagemaker/ProcessingJobs', training: '/aws/sagemaker/TrainingJobs' } as const;

/** Errors that mean "already gone": the clean-up goes on. */
export function isGone(e: unknown): boolean {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  return /ResourceNotFound|Could not find|does not exist|PipelineNotFound|PipelineExecutionNotFound/i.test(text);
}

export function parseCleanupProperties(props: Record<string, unknown>): CleanupProperties {
  const text = (k: string) => {
    if (typeof props[k] !== 'string' || props[k] === '') throw new Error(`${k} is missing`);
    return props[k];
  };
  const endpoints = props.Endpoints;
  if (!Array.isArray(endpoints) || endpoints.some((e) => typeof e !== 'string')) throw new Error('Endpoints is missing');
  return {
    PipelineName: text('PipelineName'),
    DeliveryPipelineName: text('DeliveryPipelineName'),
    ModelPackageGroupName: text('ModelPackageGroupName'),
    ResourcePrefix: text('ResourcePrefix'),
    Endpoints: endpoints as string[],
  };
}

/** One pass; `remaining` lists what is still on its way out (empty: done). */
export async function cleanupPass(props: CleanupProperties): Promise<{ remaining: string[] }> {
  const remaining: string[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      if (!isGone(e)) {
        console.warn(`${what}: ${e instanceof Error ? e.message : String(e)}`);
        remaining.push(what);
      }
    }
  };

  // 1. Nothing new starts: stop running executions of both pipelines.
  const executions: { arn: string; status?: string }[] = [];
  await attempt(`list executions of ${props.PipelineName}`, async () => {
    for await (const page of paginateListPipelineExecutions({ client: sagemaker }, { PipelineName: props.PipelineName })) {
      executions.push(...(page.PipelineExecutionSummaries ?? []).map((s) => ({ arn: s.PipelineExecutionArn!, status: s.PipelineExecutionStatus })));
    }
  });
  for (const execution of executions.filter((e) => e.status === 'Executing' || e.status === 'Stopping')) {
    remaining.push(`pipeline execution ${execution.arn} (${execution.status})`);
    if (execution.status === 'Executing') {
      await attempt(`stop ${execution.arn}`, () => sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: execution.arn })));
    }
  }
  await attempt(`stop deliveries of ${props.DeliveryPipelineName}`, async () => {
    const list = await codepipeline.send(new ListDeliveriesCommand({ pipelineName: props.DeliveryPipelineName, maxResults: 100 }));
    for (const delivery of (list.pipelineExecutionSummaries ?? []).filter((d) => d.status === 'InProgress')) {
      remaining.push(`delivery ${delivery.pipelineExecutionId}`);
      await attempt(`stop delivery ${delivery.pipelineExecutionId}`, () =>
        codepipeline.send(new StopDeliveryCommand({ pipelineName: props.DeliveryPipelineName, pipelineExecutionId: delivery.pipelineExecutionId, abandon: true, reason: 'cdk destroy' })),
      );
    }
  });
  if (remaining.length > 0) return { remaining };

  // 2. Endpoints, waited for.
  for (const endpoint of props.Endpoints) {
    await attempt(`endpoint ${endpoint}`, async () => {
      const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
      remaining.push(`endpoint ${endpoint} (${described.EndpointStatus})`);
      if (described.EndpointStatus !== 'Deleting' && described.EndpointStatus !== 'Creating' && described.EndpointStatus !== 'Updating') {
        await sagemaker.send(new DeleteEndpointCommand({ EndpointName: endpoint }));
      }
    });
  }
  if (remaining.length > 0) return { remaining };

  // 3. The delivery's endpoint configurations and models.
  const prefix = `${props.ResourcePrefix}-`;
  await attempt('endpoint configurations', async () => {
    for await (const page of paginateListEndpointConfigs({ client: sagemaker }, { NameContains: props.ResourcePrefix })) {
      for (const c of (page.EndpointConfigs ?? []).filter((c) => c.EndpointConfigName?.startsWith(prefix))) {
        await attempt(`endpoint configuration ${c.EndpointConfigName}`, () => sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: c.EndpointConfigName })));
      }
    }
  });
  await attempt('models', async () => {
    for await (const page of paginateListModels({ client: sagemaker }, { NameContains: props.ResourcePrefix })) {
      for (const m of (page.Models ?? []).filter((m) => m.ModelName?.startsWith(prefix))) {
        await attempt(`model ${m.ModelName}`, () => sagemaker.send(new DeleteModelCommand({ ModelName: m.ModelName })));
      }
    }
  });

  // 4. Every version of the group.
  await attempt('model package versions', async () => {
    for await (const page of paginateListModelPackages({ client: sagemaker }, { ModelPackageGroupName: props.ModelPackageGroupName })) {
      for (const p of page.ModelPackageSummaryList ?? []) {
        await attempt(`model package ${p.ModelPackageArn}`, () => sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: p.ModelPackageArn })));
      }
    }
  });

  // 5. The jobs of every execution (records and their logs' pointers; the outputs go with the bucket).
  for (const execution of executions) {
    await attempt(`steps of ${execution.arn}`, async () => {
      for await (const page of paginateListPipelineExecutionSteps({ client: sagemaker }, { PipelineExecutionArn: execution.arn })) {
        for (const step of page.PipelineExecutionSteps ?? []) {
          const processing = step.Metadata?.ProcessingJob?.Arn;
          const training = step.Metadata?.TrainingJob?.Arn;
          if (processing) {
            const name = processing.split('/').pop()!;
            await attempt(`processing job ${name}`, () => sagemaker.send(new DeleteProcessingJobCommand({ ProcessingJobName: name })));
            await attempt(`log streams of ${name}`, () => deleteLogStreams(JOB_LOG_GROUPS.processing, name));
          }
          if (training) {
            const name = training.split('/').pop()!;
            await attempt(`training job ${name}`, () => sagemaker.send(new DeleteTrainingJobCommand({ TrainingJobName: name })));
            await attempt(`log streams of ${name}`, () => deleteLogStreams(JOB_LOG_GROUPS.training, name));
          }
        }
      }
    });
  }
  return { remaining };
}

/** Deletes the job's streams (`<job name>/...`) in a shared SageMaker log group. */
async function deleteLogStreams(logGroupName: string, jobName: string): Promise<void> {
  for await (const page of paginateDescribeLogStreams({ client: logs }, { logGroupName, logStreamNamePrefix: `${jobName}/` })) {
    for (const stream of page.logStreams ?? []) {
      await logs.send(new DeleteLogStreamCommand({ logGroupName, logStreamName: stream.logStreamName }));
    }
  }
}
