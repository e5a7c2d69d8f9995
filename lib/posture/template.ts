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

/** Context that makes a synth write the construct path of each resource into its metadata. */
export const PATH_METADATA_CONTEXT = { 'aws:cdk:enable-path-metadata': true } as const;
