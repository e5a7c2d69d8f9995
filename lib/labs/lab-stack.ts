import { AspectPriority, Aspects, CfnOutput, Fn, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { RouteCdkProviderLogs } from '../aspects/cdk-provider-logs';
import { LabGuardrails } from '../aspects/lab-guardrails';
import { AccessLogsBucket } from '../constructs/access-logs-bucket';
import { LabKey } from '../constructs/lab-key';
import { AcknowledgeCdkInternals } from '../validation/acknowledgements';
import type { LabInfo } from './lab-info';

export const PROJECT_TAG = 'ml-lab-kit';

export interface LabStackProps extends StackProps {
  readonly lab: LabInfo;
  /** The learner this copy of the lab belongs to, if several learners share an account. */
  readonly learner?: string;
}

/** How a physical name is spelled for the service that requires it. */
export interface UniqueNameOptions {
  /** `kebab` (alice-lab01datalake-results) or `snake` (alice_lab01datalake_results, e.g. Glue). */
  readonly style: 'kebab' | 'snake';
  /** The service's length limit. */
  readonly maxLength: number;
}

/**
 * The base of every lab stack: tags, the destroy guardrails, and the foundation each lab has,
 * a customer-managed key and an access-log bucket, in the same stack (no cross-stack references).
 */
export abstract class LabStack extends Stack {
  readonly lab: LabInfo;
  readonly learner?: string;
  /** The lab's customer-managed key: buckets, logs and service data are encrypted with it. */
  readonly key: LabKey;
  /** Where the lab's buckets write their server access logs. */
  readonly accessLogsBucket: AccessLogsBucket;

  protected constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, { description: `ML Lab Kit: ${props.lab.title}`, ...props });
    // Every kit bucket disables ACLs, so S3 log delivery must be allowed by bucket policy rather than by
    // the LogDeliveryWrite ACL: pin that feature flag here instead of relying on cdk.json.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.lab = props.lab;
    this.learner = props.learner;
    this.key = new LabKey(this, 'LabKey', { description: `${id}: buckets, logs and service data` });
    this.accessLogsBucket = new AccessLogsBucket(this, 'AccessLogs');

    // Runs before the tagging aspects (priority 200), so the log groups it adds are tagged too.
    Aspects.of(this).add(new RouteCdkProviderLogs(this.key), { priority: 100 });
    Tags.of(this).add('project', PROJECT_TAG);
    Tags.of(this).add('lab', props.lab.id);
    Tags.of(this).add('learner', props.learner ?? 'none');
    Aspects.of(this).add(new LabGuardrails(), { priority: AspectPriority.READONLY });
    Aspects.of(this).add(new AcknowledgeCdkInternals(), { priority: AspectPriority.READONLY });
  }

  /**
   * A name a service requires to be unique in the account and Region (a Glue database, an Athena
   * workgroup), derived from the stack name so that each learner's copy gets its own.
   */
  uniqueName(suffix: string, options: UniqueNameOptions): string {
    const separator = options.style === 'snake' ? '_' : '-';
    const name = `${this.stackName}${separator}${suffix}`.toLowerCase().replace(/[-_]/g, separator);
    if (name.length > options.maxLength) {
      throw new Error(
        `The name "${name}" is longer than ${options.maxLength} characters: choose a shorter learner name.`,
      );
    }
    return name;
  }

  /**
   * One stack output per purpose: `names` is the lab's output table (shared with its scripts), `values` gives each
   * a value, or a value and a description; a purpose without a value does not compile.
   */
  protected addOutputs<K extends string>(
    names: Readonly<Record<K, string>>,
    values: Readonly<Record<K, string | { readonly value: string; readonly description: string }>>,
  ): void {
    for (const key of Object.keys(names) as K[]) {
      const value = values[key];
      new CfnOutput(this, names[key], typeof value === 'string' ? { value } : value);
    }
  }

  /**
   * The Region's first two Availability Zones, chosen at deploy time (Fn::GetAZs): a lab's VPC spans them, and
   * synth needs no AWS lookup even when the account is known.
   */
  override get availabilityZones(): string[] {
    return [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())];
  }
}
