/** The SageMaker job custom resource's decisions, as pure functions tested without AWS. */
import { createHash } from 'node:crypto';
import {
  JOB_KINDS,
  type JobKind,
  type JobRequests,
  maxPrefixLength,
  NAME_LIMITS,
  type SageMakerJobAttributes,
  type SageMakerJobProperties,
} from './properties';
import { quotaAdvice } from './quota';

/** How the kinds are called in messages. */
export const KIND_LABELS: Readonly<Record<JobKind, string>> = {
  training: 'Training job',
  tuning: 'Tuning job',
  transform: 'Transform job',
};

const NAME_PATTERN = /^[a-z0-9](-*[a-z0-9])*$/;

/**
 * The job name for a configuration: `<prefix>-<hex digits of a SHA-256 of the request and data>`.
 * The same configuration always gives the same name (a retried create finds its job); a changed one
 * gives a new name, which CloudFormation treats as a replacement (run the new job, then delete the old).
 */
export function jobName(props: Pick<SageMakerJobProperties, 'JobKind' | 'JobNamePrefix' | 'JobRequest' | 'DataFingerprint'>): string {
  const { maxLength, hashLength } = NAME_LIMITS[props.JobKind];
  const hash = createHash('sha256')
    .update(props.JobRequest)
    .update('\n')
    .update(props.DataFingerprint)
    .digest('hex')
    .slice(0, hashLength);
  const name = `${props.JobNamePrefix}-${hash}`;
  if (name.length > maxLength || !NAME_PATTERN.test(name)) {
    throw new Error(
      `${KIND_LABELS[props.JobKind]} name "${name}" is not valid: the prefix must be lowercase letters, digits and ` +
        `hyphens, at most ${maxPrefixLength(props.JobKind)} characters.`,
    );
  }
  return name;
}

/** The properties with the request parsed; a union over the kinds, so `switch (props.kind)` narrows the request. */
export type ParsedProperties = {
  readonly [K in JobKind]: SageMakerJobProperties & { readonly kind: K; readonly request: JobRequests[K] };
}[JobKind];

/** Parses the properties CloudFormation passes, failing with what is missing. */
export function parseProperties(raw: Record<string, unknown>): ParsedProperties {
  const missing = ['JobKind', 'JobNamePrefix', 'JobRequest', 'DataFingerprint'].filter((k) => typeof raw[k] !== 'string');
  if (missing.length > 0) {
    throw new Error(`The SageMaker job resource is missing the properties ${missing.join(', ')}.`);
  }
  const props = raw as unknown as SageMakerJobProperties;
  if (!(JOB_KINDS as readonly string[]).includes(props.JobKind)) {
    throw new Error(`JobKind "${props.JobKind}" is not one of ${JOB_KINDS.join(', ')}.`);
  }
  return { ...props, kind: props.JobKind, request: JSON.parse(props.JobRequest) as JobRequests[JobKind] } as ParsedProperties;
}

/**
 * True when `name` is a job this resource may stop or delete (never another stack's job). On delete the
 * properties are read leniently: a malformed resource must never block `cdk destroy`.
 */
export function isOwnJob(name: string | undefined, raw: Record<string, unknown>): name is string {
  const prefix = raw.JobNamePrefix;
  return typeof prefix === 'string' && name !== undefined && name.startsWith(`${prefix}-`);
}

/** The kind of a resource being deleted; old lab 03 resources without JobKind were training jobs. */
export function kindOf(raw: Record<string, unknown>): JobKind | undefined {
  const kind = raw.JobKind ?? 'training';
  return (JOB_KINDS as readonly unknown[]).includes(kind) ? (kind as JobKind) : undefined;
}

/** A job's state, the same shape for every kind. */
export interface JobState {
  /** InProgress, Completed, Failed, Stopping, Stopped (and Deleting, DeleteFailed for some kinds). */
  readonly status?: string;
  readonly failureReason?: string;
  /** Progress detail for the log: the secondary status, or the tuning job's counters. */
  readonly detail?: string;
  /** What a completed job produced. */
  readonly result?: Omit<SageMakerJobAttributes, 'JobName'>;
}

export type JobProgress = { readonly done: false } | { readonly done: true; readonly attributes: SageMakerJobAttributes };

/** What each kind must have produced when it completes. */
const REQUIRED_RESULTS: Readonly<Record<JobKind, readonly (keyof Omit<SageMakerJobAttributes, 'JobName'>)[]>> = {
  training: ['ModelArtifacts'],
  tuning: ['BestTrainingJobName', 'ModelArtifacts'],
  transform: ['OutputPath'],
};

/**
 * What a job's state means for a create or update: keep waiting, done (with its result), or a failure
 * that fails the deployment with SageMaker's reason (and, for a quota, how to raise it).
 */
export function creationProgress<K extends JobKind>(kind: K, name: string, state: JobState, request: JobRequests[K]): JobProgress {
  const label = `${KIND_LABELS[kind]} ${name}`;
  switch (state.status) {
    case 'InProgress':
      return { done: false };
    case 'Completed': {
      const missing = REQUIRED_RESULTS[kind].filter((k) => !state.result?.[k]);
      if (missing.length > 0) {
        const what = kind === 'transform' ? 'an output path' : kind === 'tuning' ? 'a best training job with model artifacts' : 'model artifacts';
        throw new Error(`${label} completed without ${what}.`);
      }
      return { done: true, attributes: { ...state.result, JobName: name } };
    }
    case 'Failed': {
      const reason = state.failureReason ?? 'SageMaker gave no reason';
      throw new Error(`${label} failed: ${reason}${isQuotaReason(reason) ? `\n${quotaAdvice(kind, request)}` : ''}`);
    }
    default:
      throw new Error(
        `${label} is ${state.status ?? 'in an unknown state'}` +
          `${state.failureReason ? `: ${state.failureReason}` : ''}; it was stopped before it finished ` +
          '(for example by its maximum runtime).',
      );
  }
}

/** A job in one of these states can be deleted; the others are still running or stopping. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Stopped', 'DeleteFailed']);

/** True for the error SageMaker returns when a job does not exist. */
export function isNotFound(e: unknown): boolean {
  return (
    e instanceof Error &&
    (e.name === 'ResourceNotFound' || (e.name === 'ValidationException' && /not found|does not exist|could not find/i.test(e.message)))
  );
}

/** True for SageMaker's quota error (the Create call's, or a job's failure reason that quotes it). */
export function isQuotaError(e: unknown): e is Error {
  return e instanceof Error && (e.name === 'ResourceLimitExceeded' || isQuotaReason(e.message));
}

function isQuotaReason(reason: string): boolean {
  return /ResourceLimitExceeded|account-level service limit/i.test(reason);
}
