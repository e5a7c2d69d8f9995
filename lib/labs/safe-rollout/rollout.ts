/**
 * Lab 08's rollout and capacity data, shared by the stack, its safety data and the scripts; the drift monitor's
 * handler bundles this file too (variant names, metric names), so it imports nothing. Every figure here is one the guide's cost and the preflight's quota check are computed from.
 */

/** The production variants (A/B test) and the shadow variant, by name. */
export const VARIANTS = { champion: 'Champion', challenger: 'Challenger', shadow: 'Shadow' } as const;
export type VariantName = (typeof VARIANTS)[keyof typeof VARIANTS];

/**
 * ml.t2.medium: the cheapest real-time hosting instance; EBS-only, so the endpoint config's KmsKeyId is accepted
 * (specifying it with instance types that have local NVMe storage makes CreateEndpointConfig fail:
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html, KmsKeyId). The shadow
 * variant and Application Auto Scaling name no instance-type restriction
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/model-shadow-deployment.html,
 * https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-sagemaker.html).
 */
export const HOSTING_INSTANCE_TYPE = 'ml.t2.medium';
/** ml.m5.large: the cheapest general-purpose training instance, EBS-only (the volume takes the lab key). */
export const TRAINING_INSTANCE_TYPE = 'ml.m5.large';

/** The A/B weights the stack deploys: the champion takes 90 % of the requests, the challenger 10 %. */
export const INITIAL_WEIGHTS: Readonly<Record<'Champion' | 'Challenger', number>> = { Champion: 0.9, Challenger: 0.1 };

/** Application Auto Scaling bounds of the champion variant: at most this many instances, whatever the load. */
export const SCALING = {
  minCapacity: 1,
  maxCapacity: 2,
  /** Target of SageMakerVariantInvocationsPerInstance: invocations per instance per minute. */
  invocationsPerInstance: 120,
  scaleOutCooldownSeconds: 60,
  scaleInCooldownSeconds: 300,
} as const;

/** The traffic script's cap: no run sends more requests per second than this. */
export const MAX_REQUESTS_PER_SECOND = 10;
/** The traffic script's cap on a run's length. */
export const MAX_DURATION_SECONDS = 900;

/**
 * Blue/green with canary traffic shifting: the green fleet first gets CANARY_PERCENT % of the instances'
 * capacity for BAKE_SECONDS; if an auto-rollback alarm fires in that time, traffic returns to the blue fleet.
 */
export const GUARDRAIL = {
  canaryPercent: 50,
  waitIntervalSeconds: 600,
  terminationWaitSeconds: 120,
  maximumExecutionTimeoutSeconds: 3600,
} as const;

/**
 * The most instances the endpoint runs at once, per instance type, for the preflight's quota check. In the A/B
 * mode: the champion up to SCALING.maxCapacity, the challenger 1; in the shadow mode the challenger runs as
 * the shadow instead (one production variant only). A blue/green update provisions a green fleet next to the
 * blue one (https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html), so during
 * an update the endpoint runs twice its instances.
 */
export const PEAK_ENDPOINT_INSTANCES = 2 * (SCALING.maxCapacity + 1);

/** The CloudWatch namespace of the drift monitor's metrics. */
export const MONITOR_NAMESPACE = 'MLLabKit/SafeRollout';
export const MONITOR_METRICS = { drift: 'FeatureDrift', positiveRate: 'PredictedPositiveRate', records: 'CapturedRecords' } as const;
/** The drift statistic above which the drift alarm fires (largest standardized mean shift of a feature). */
export const DRIFT_THRESHOLD = 1;
