/**
 * The decisions of the ingestion custom resource, as pure functions over what Bedrock reports, so they
 * are tested without mocks. The handlers (on-event.ts, is-complete.ts) only call Bedrock and apply them.
 *
 * Job states: STARTING, IN_PROGRESS, COMPLETE, FAILED, STOPPING, STOPPED (GetIngestionJob,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_GetIngestionJob.html).
 */
import type { IngestionProperties } from './properties';

export interface IngestionSettings {
  readonly knowledgeBaseId: string;
  readonly dataSourceId: string;
  readonly timeoutMs: number;
}

/** Validates the custom resource's properties, with messages that say what the stack must pass. */
export function readSettings(properties: Partial<IngestionProperties>): IngestionSettings {
  const knowledgeBaseId = properties.KnowledgeBaseId?.trim();
  const dataSourceId = properties.DataSourceId?.trim();
  const timeoutSeconds = Number(properties.TimeoutSeconds);
  const problems = [
    ...(knowledgeBaseId ? [] : ['KnowledgeBaseId is missing']),
    ...(dataSourceId ? [] : ['DataSourceId is missing']),
    ...(Number.isInteger(timeoutSeconds) && timeoutSeconds > 0
      ? []
      : [`TimeoutSeconds must be a positive whole number, not ${JSON.stringify(properties.TimeoutSeconds)}`]),
  ];
  if (problems.length > 0 || !knowledgeBaseId || !dataSourceId) {
    throw new Error(`Invalid ingestion properties: ${problems.join('; ')}.`);
  }
  return { knowledgeBaseId, dataSourceId, timeoutMs: timeoutSeconds * 1000 };
}

/** What GetIngestionJob says about a job; a subset of the SDK's IngestionJob shape. */
export interface JobStatus {
  readonly ingestionJobId?: string;
  readonly status?: string;
  readonly failureReasons?: readonly string[];
  readonly statistics?: {
    readonly numberOfDocumentsScanned?: number;
    readonly numberOfNewDocumentsIndexed?: number;
    readonly numberOfModifiedDocumentsIndexed?: number;
    readonly numberOfDocumentsDeleted?: number;
    readonly numberOfDocumentsFailed?: number;
  };
}

export type Progress =
  | { readonly kind: 'waiting'; readonly reason: string }
  | { readonly kind: 'succeeded'; readonly summary: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'timed-out'; readonly message: string };

const RUNNING = new Set(['STARTING', 'IN_PROGRESS']);

/** True while a job can still change the index (and the data source cannot be deleted cleanly). */
export function isRunning(job: JobStatus): boolean {
  return RUNNING.has(job.status ?? '') || job.status === 'STOPPING';
}

/** Where the job stands at `now`, given when it was requested and how long it may take. */
export function evaluate(job: JobStatus, requestedAt: string, now: Date, timeoutMs: number): Progress {
  const id = job.ingestionJobId ?? 'unknown';
  const stats = job.statistics ?? {};
  const reasons = (job.failureReasons ?? []).join(' ');
  if (job.status === 'COMPLETE') {
    const failed = stats.numberOfDocumentsFailed ?? 0;
    if (failed > 0) {
      // The corpus is the lab's own: every document must be indexed, or the lab's questions fail later.
      return {
        kind: 'failed',
        message:
          `Ingestion job ${id} completed, but ${failed} of ${stats.numberOfDocumentsScanned ?? '?'} documents failed` +
          `${reasons ? `: ${reasons}` : '.'} See the job in the Bedrock console (knowledge base, data source, sync history).`,
      };
    }
    return {
      kind: 'succeeded',
      summary:
        `${stats.numberOfDocumentsScanned ?? 0} scanned, ${stats.numberOfNewDocumentsIndexed ?? 0} new, ` +
        `${stats.numberOfModifiedDocumentsIndexed ?? 0} modified, ${stats.numberOfDocumentsDeleted ?? 0} deleted`,
    };
  }
  if (job.status === 'FAILED' || job.status === 'STOPPED') {
    return {
      kind: 'failed',
      message: `Ingestion job ${id} ended with status ${job.status}: ${reasons || 'Bedrock gave no failure reason.'}`,
    };
  }
  const elapsedMs = now.getTime() - Date.parse(requestedAt);
  if (elapsedMs > timeoutMs) {
    return {
      kind: 'timed-out',
      message:
        `Ingestion job ${id} did not finish within ${Math.round(timeoutMs / 60_000)} minutes (status ` +
        `${job.status ?? 'unknown'}); it was stopped. Check the job in the Bedrock console, then deploy again.`,
    };
  }
  return { kind: 'waiting', reason: `job ${id} ${job.status ?? 'unknown'} after ${Math.round(elapsedMs / 1000)} s` };
}

/** The ids of the jobs that are still running, so delete can stop them. */
export function runningJobIds(jobs: readonly JobStatus[]): string[] {
  return jobs.filter((j) => RUNNING.has(j.status ?? '') && j.ingestionJobId).map((j) => j.ingestionJobId as string);
}
