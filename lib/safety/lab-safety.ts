/**
 * What a lab's preflight checks and what its leftovers scan looks for, as plain data. Each lab declares it
 * once, in lib/labs/<lab-folder>/safety.ts, and its definition (lib/labs/<lab>/lab.ts) carries it to the scripts,
 * which pass it to the functions here. No aws-cdk-lib import: `npm run lab -- <lab> preflight|leftovers` read it.
 *
 * Names are templates filled from the stack name (see `labName`): `{stack}` is the stack name as deployed
 * (`alice-Lab01DataLake`), `{stack-kebab}` and `{stack_snake}` are LabStack.uniqueName's spellings of it
 * (`alice-lab01datalake`, `alice_lab01datalake`), so `{stack-kebab}-workgroup` is
 * `uniqueName('workgroup', { style: 'kebab' })`; `{learner-}` is `alice-` for a learner's copy, else empty.
 */
import type { QuotaUsage } from './sagemaker-quotas';

/** SageMaker instances a lab runs at the same time, for one usage. */
export interface SageMakerCapacity {
  readonly usage: QuotaUsage;
  readonly instanceType: string;
  /** How many instances of this type the lab runs at once (the quota must be at least this). */
  readonly count: number;
  /**
   * The context option that makes the lab use this capacity (`-c spot=true`); without it the check is
   * informational: a shortfall shows as `?`, not as a failure.
   */
  readonly onlyWith?: string;
}

export interface LabPreflight {
  /**
   * The services the lab uses, by their id under the public SSM parameters
   * /aws/service/global-infrastructure/regions/<region>/services/<id> (for example `sagemaker`, `glue`).
   */
  readonly services: readonly string[];
  /** SageMaker instances the lab needs: instance type offered in the Region, quota at least `count`. */
  readonly sagemaker?: readonly SageMakerCapacity[];
  /** Bedrock foundation models the lab invokes in the Region itself: each must be available to the account there. */
  readonly bedrockModels?: readonly string[];
  /**
   * The cross-Region inference profile the lab invokes, by source Region (the lab's Region): the profile must be
   * offered there, and the model available to the account in every destination Region the profile routes to.
   */
  readonly bedrockInferenceProfiles?: Readonly<Record<string, InferenceProfileUse>>;
}

/** A system-defined (cross-Region) inference profile a lab invokes, and the foundation model it routes to. */
export interface InferenceProfileUse {
  readonly profileId: string;
  readonly modelId: string;
}

/** Log streams a service writes into a log group shared by everyone (e.g. /aws/sagemaker/TrainingJobs). */
export interface SharedLogStreams {
  readonly logGroup: string;
  /** A name template: streams whose names start with it are the lab's. */
  readonly streamPrefix: string;
}

export interface LabLeftovers {
  /**
   * Prefixes (name templates) of log groups the lab's services create under names of their own, such as
   * `/aws/lambda/{stack}-` or `/aws-glue/crawlers-role/{stack}-`.
   */
  readonly logGroupPrefixes?: readonly string[];
  readonly logStreams?: readonly SharedLogStreams[];
  /** Name prefixes (templates) of the lab's SageMaker jobs, models, endpoint configs and endpoints. */
  readonly sagemakerPrefixes?: readonly string[];
  /** Glue databases (name templates). */
  readonly glueDatabases?: readonly string[];
  /** Athena workgroups (name templates). */
  readonly athenaWorkgroups?: readonly string[];
  /** Bedrock knowledge bases, by exact name (templates). */
  readonly knowledgeBases?: readonly string[];
  /** Bedrock guardrails, by exact name (templates). */
  readonly guardrails?: readonly string[];
  /** S3 Vectors vector buckets, by exact name (templates). */
  readonly vectorBuckets?: readonly string[];
}

/** The hourly-billing resource a lab removes by itself when idle (`-c idleHours`), for `verify` and guides. */
export interface LabIdleDelete {
  /** What bills by the hour, in a few words: "the ml.t2.medium endpoint". */
  readonly what: string;
}

export interface LabSafety {
  readonly preflight: LabPreflight;
  readonly leftovers: LabLeftovers;
  /** Set when the lab has an hourly cost and deletes its own stack after `-c idleHours` without use. */
  readonly idleDelete?: LabIdleDelete;
}

/** The deployed copy of a lab that names are filled from. */
export interface LabCopy {
  readonly stackName: string;
  readonly learner?: string;
}

/** Fills a name template from the stack name and learner (see the file comment). */
export function labName(template: string, copy: LabCopy): string {
  const lower = copy.stackName.toLowerCase();
  return template
    .replaceAll('{stack-kebab}', lower.replace(/_/g, '-'))
    .replaceAll('{stack_snake}', lower.replace(/-/g, '_'))
    .replaceAll('{stack}', copy.stackName)
    .replaceAll('{learner-}', copy.learner ? `${copy.learner}-` : '');
}

/** Log groups every lab's Lambda functions (its own and the CDK's custom-resource providers) write to. */
export const LAMBDA_LOG_GROUPS = '/aws/lambda/{stack}-';
