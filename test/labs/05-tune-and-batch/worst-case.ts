/**
 * The longest a tuning job resource can keep a deploy waiting, computed from the synthesized template: the
 * request the handler sends, the Provider framework's waiter and the custom resource's ServiceTimeout.
 * Used by 05-tune-and-batch.test.ts (on-demand) and spot.test.ts (`-c spot=true`).
 */
import type { JobRequests } from '../../../lambda/sagemaker-job/properties';
import { resourcesOfType, type SynthesizedLab } from '../../helpers/synth';

/** The seconds SageMaker gives a stopped training job before it ends it (SIGTERM, then 120 seconds:
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html). */
export const STOP_GRACE_SECONDS = 120;
/** CloudFormation waits at most this long for a custom resource (ServiceTimeout 1-3600, default 3600:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html). */
export const CLOUDFORMATION_MAX_SECONDS = 3600;

/** A template value with tokens (Fn::Join of strings and references) as one string, tokens as `TOKEN`. */
function flatten(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) {
    return 'TOKEN';
  }
  return join[1].map(flatten).join(join[0]);
}

export interface TuningWorstCase {
  /** The tuning job's own limit (ResourceLimits.MaxRuntimeInSeconds), if it has one. */
  readonly tuningLimit?: number;
  /** ceil(MaxNumberOfTrainingJobs / MaxParallelTrainingJobs) rounds of the longest a training job may take. */
  readonly trainingRounds: number;
  readonly perJobSeconds: number;
  /** The longest the tuning job can run: the smaller of the two bounds, plus the stop grace. */
  readonly worstSeconds: number;
  /** How long the Provider framework's waiter polls isComplete (IntervalSeconds × MaxAttempts). */
  readonly waiterSeconds: number;
  /** The custom resource's ServiceTimeout, or CloudFormation's maximum when it sets none. */
  readonly serviceTimeoutSeconds: number;
  readonly pollSeconds: number;
}

export function tuningWorstCase(lab: SynthesizedLab): TuningWorstCase {
  const [[id, resource]] = resourcesOfType(lab, 'Custom::SageMakerTuningJob');
  const request = JSON.parse(flatten(resource.Properties?.JobRequest)) as JobRequests['tuning'];
  const limits = request.HyperParameterTuningJobConfig?.ResourceLimits;
  const stopping = request.TrainingJobDefinition?.StoppingCondition;
  const perJobSeconds = request.TrainingJobDefinition?.EnableManagedSpotTraining
    ? (stopping?.MaxWaitTimeInSeconds ?? Infinity)
    : (stopping?.MaxRuntimeInSeconds ?? Infinity);
  const trainingRounds = Math.ceil((limits?.MaxNumberOfTrainingJobs ?? Infinity) / (limits?.MaxParallelTrainingJobs ?? 1));
  const tuningLimit = limits?.MaxRuntimeInSeconds;
  const worstSeconds = Math.min(tuningLimit ?? Infinity, trainingRounds * perJobSeconds) + STOP_GRACE_SECONDS;

  // The waiter state machine of this resource's provider (its logical id starts with the resource's construct id).
  const prefix = id.replace(/Resource[0-9A-F]{8}$/, '').replace(/[0-9A-F]{8}$/, '');
  const machines = resourcesOfType(lab, 'AWS::StepFunctions::StateMachine').filter(([machineId]) => machineId.startsWith(`${prefix}Provider`));
  if (machines.length !== 1) {
    throw new Error(`Expected one waiter state machine for ${id}, found ${machines.map(([m]) => m).join(', ') || 'none'}`);
  }
  const definition = flatten(machines[0][1].Properties?.DefinitionString);
  const retry = /"IntervalSeconds":(\d+),"MaxAttempts":(\d+),"BackoffRate":([\d.]+)/.exec(definition);
  if (!retry || Number(retry[3]) !== 1) {
    throw new Error(`Waiter of ${id} has no constant retry policy: ${definition}`);
  }
  const serviceTimeout = resource.Properties?.ServiceTimeout as string | number | undefined;
  return {
    tuningLimit,
    trainingRounds,
    perJobSeconds,
    worstSeconds,
    waiterSeconds: Number(retry[1]) * Number(retry[2]),
    serviceTimeoutSeconds: serviceTimeout === undefined ? CLOUDFORMATION_MAX_SECONDS : Number(serviceTimeout),
    pollSeconds: Number(retry[1]),
  };
}

/** The proof: the tuning job ends, and isComplete sees it end, before the waiter or CloudFormation give up. */
export function expectWorstCaseFits(lab: SynthesizedLab): TuningWorstCase {
  const worst = tuningWorstCase(lab);
  // Both bounds exist and agree: the rounds of training fit in the tuning job's own limit, which is the backstop.
  expect(worst.tuningLimit).toBeDefined();
  expect(worst.trainingRounds * worst.perJobSeconds).toBeLessThanOrEqual(worst.tuningLimit!);
  expect(worst.worstSeconds + worst.pollSeconds).toBeLessThanOrEqual(worst.waiterSeconds);
  expect(worst.waiterSeconds).toBeLessThanOrEqual(Math.min(worst.serviceTimeoutSeconds, CLOUDFORMATION_MAX_SECONDS));
  return worst;
}
