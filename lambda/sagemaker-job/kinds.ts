/** The SageMaker API calls of each job kind, behind one shape the handlers use. */
import {
  CreateHyperParameterTuningJobCommand,
  CreateTrainingJobCommand,
  CreateTransformJobCommand,
  DeleteHyperParameterTuningJobCommand,
  DeleteTrainingJobCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  paginateListTrainingJobsForHyperParameterTuningJob,
  type SageMakerClient,
  StopHyperParameterTuningJobCommand,
  StopTrainingJobCommand,
  StopTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { isNotFound, type JobState, type ParsedProperties, TERMINAL_STATES } from './job';
import { type JobKind, type JobRequests, TRAINING_LOG_GROUP, TRANSFORM_LOG_GROUP } from './properties';

export interface JobApi<K extends JobKind> {
  create(client: SageMakerClient, name: string, request: JobRequests[K]): Promise<void>;
  /** The job's state; with `withResult`, also what a completed job produced (may cost another call). */
  describe(client: SageMakerClient, name: string, withResult: boolean): Promise<JobState>;
  stop(client: SageMakerClient, name: string): Promise<void>;
  /**
   * Removes the job's records once it is terminal; false while something it owns still has to stop.
   * Transform jobs have no delete API, so theirs only cleans up the logs.
   */
  remove(client: SageMakerClient, name: string): Promise<boolean>;
  /** The log group and stream-name prefix of what the job wrote, for destroy. */
  logStreams(name: string): { readonly logGroupName: string; readonly prefix: string };
}

const training: JobApi<'training'> = {
  async create(client, name, request) {
    await client.send(new CreateTrainingJobCommand({ ...request, TrainingJobName: name }));
  },
  async describe(client, name) {
    const job = await client.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    return {
      status: job.TrainingJobStatus,
      failureReason: job.FailureReason,
      detail: job.SecondaryStatus,
      result: { ModelArtifacts: job.ModelArtifacts?.S3ModelArtifacts },
    };
  },
  async stop(client, name) {
    await client.send(new StopTrainingJobCommand({ TrainingJobName: name }));
  },
  async remove(client, name) {
    await client.send(new DeleteTrainingJobCommand({ TrainingJobName: name }));
    return true;
  },
  logStreams: (name) => ({ logGroupName: TRAINING_LOG_GROUP, prefix: `${name}/` }),
};

const tuning: JobApi<'tuning'> = {
  async create(client, name, request) {
    await client.send(new CreateHyperParameterTuningJobCommand({ ...request, HyperParameterTuningJobName: name }));
  },
  async describe(client, name, withResult) {
    const job = await client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
    const counters = job.TrainingJobStatusCounters;
    const best = job.BestTrainingJob?.TrainingJobName;
    let modelArtifacts: string | undefined;
    if (withResult && job.HyperParameterTuningJobStatus === 'Completed' && best) {
      const bestJob = await client.send(new DescribeTrainingJobCommand({ TrainingJobName: best }));
      modelArtifacts = bestJob.ModelArtifacts?.S3ModelArtifacts;
    }
    return {
      status: job.HyperParameterTuningJobStatus,
      failureReason: job.FailureReason,
      detail: counters
        ? `training jobs: ${counters.Completed ?? 0} completed, ${counters.InProgress ?? 0} in progress, ` +
          `${counters.Stopped ?? 0} stopped, ${(counters.RetryableError ?? 0) + (counters.NonRetryableError ?? 0)} failed`
        : undefined,
      result: { BestTrainingJobName: best, ModelArtifacts: modelArtifacts },
    };
  },
  async stop(client, name) {
    await client.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
  },
  /**
   * DeleteHyperParameterTuningJob removes only the tuning job's entry, not the training jobs it launched
   * (API reference), so those are deleted first, once each has stopped.
   */
  async remove(client, name) {
    let pending = false;
    const pages = paginateListTrainingJobsForHyperParameterTuningJob({ client }, { HyperParameterTuningJobName: name });
    for await (const page of pages) {
      for (const { TrainingJobName: jobName, TrainingJobStatus: status } of page.TrainingJobSummaries ?? []) {
        if (!jobName) {
          continue;
        }
        if (status === 'InProgress') {
          await client.send(new StopTrainingJobCommand({ TrainingJobName: jobName }));
        }
        if (!status || !TERMINAL_STATES.has(status)) {
          pending = true;
          continue;
        }
        try {
          await client.send(new DeleteTrainingJobCommand({ TrainingJobName: jobName }));
        } catch (e) {
          if (!isNotFound(e)) {
            throw e;
          }
        }
      }
    }
    if (pending) {
      return false;
    }
    await client.send(new DeleteHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
    return true;
  },
  // Its training jobs are named `<tuning job name>-<NNN>-<8 hex digits>`.
  logStreams: (name) => ({ logGroupName: TRAINING_LOG_GROUP, prefix: `${name}-` }),
};

const transform: JobApi<'transform'> = {
  async create(client, name, request) {
    await client.send(new CreateTransformJobCommand({ ...request, TransformJobName: name }));
  },
  async describe(client, name) {
    const job = await client.send(new DescribeTransformJobCommand({ TransformJobName: name }));
    return {
      status: job.TransformJobStatus,
      failureReason: job.FailureReason,
      result: { OutputPath: job.TransformOutput?.S3OutputPath },
    };
  },
  async stop(client, name) {
    await client.send(new StopTransformJobCommand({ TransformJobName: name }));
  },
  remove: () => Promise.resolve(true),
  logStreams: (name) => ({ logGroupName: TRANSFORM_LOG_GROUP, prefix: `${name}/` }),
};

export const JOB_APIS: { readonly [K in JobKind]: JobApi<K> } = { training, tuning, transform };

/** Starts the job a resource describes, under `name`. */
export function createJob(client: SageMakerClient, name: string, props: ParsedProperties): Promise<void> {
  switch (props.kind) {
    case 'training':
      return training.create(client, name, props.request);
    case 'tuning':
      return tuning.create(client, name, props.request);
    case 'transform':
      return transform.create(client, name, props.request);
  }
}
