/**
 * The parts of a synthesized CloudFormation template the posture reads. Plain data: the posture is a pure
 * function of the template JSON, so it can be computed from `cdk.out` or a test's synth alike.
 */

/** One resource of a template, as CloudFormation sees it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
  readonly [attribute: string]: unknown;
}

export interface Template {
  readonly Resources: Readonly<Record<string, TemplateResource>>;
  readonly Parameters?: Readonly<Record<string, unknown>>;
}

/** The metadata key that holds a resource's construct path (`-c aws:cdk:enable-path-metadata=true`). */
export const PATH_METADATA = 'aws:cdk:path';

/**
 * Context for a synth whose template the posture reads: the construct path of each resource in its metadata,
 * and no copying of assets into the cloud assembly (the posture reads only the template; the AWS CLI layer of a
 * BucketDeployment alone is 21 MB).
 */
export const POSTURE_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:disable-asset-staging': true } as const;
