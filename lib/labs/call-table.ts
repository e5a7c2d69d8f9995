/**
 * The AWS requests a lab depends on, as reviewed data: one table per lab in `lib/labs/<lab>/calls.ts`
 * (export `CALLS`). No aws-cdk-lib import: lab scripts and tests read it cheaply.
 *
 * test/behaviour/ evaluates every row against the synthesized template with a real IAM policy
 * evaluator (identity policies of the principal, the target's resource policy — bucket, key, topic,
 * queue, function, role trust policy —, the VPC endpoint policy it passes through) and fails when a row
 * that must be allowed is not, or a row that must be denied is not. A lab without a table fails too.
 *
 * How to write a lab's table:
 * - One row per request that must succeed at deploy time (custom resources, services that assume a lab
 *   role while CloudFormation creates things), at run time (the lab's scripts and exercises, services
 *   acting on their own: alarms, EventBridge, S3 log delivery) and at destroy time. Derive them from the
 *   handlers' SDK calls (lambda/**), the lab scripts (labs/**) and each service's documentation.
 * - `principal`: `{ role: 'Path/To/Role' }` (the construct path of an IAM role, relative to the stack;
 *   for a LabFunction `Fn` it is `FnRole`), `{ service: 'x.amazonaws.com', sourceArn, sourceAccount }`
 *   for a service acting on its own (write what the service sends, not what the policy wants), or
 *   `'learner'` (the learner's administrator credentials: rows that test resource policies).
 * - `resource`: the ARN **in the form the service's authorization evaluates**. CloudWatch Logs evaluates
 *   most log-group actions against `arn:...:log-group:NAME:*` (not `...:NAME`), log-stream actions
 *   against `...:log-group:NAME:log-stream:STREAM`; S3 object actions against `arn:aws:s3:::bucket/key`.
 *   Actions with no resource-level permissions take `*`.
 * - Tokens: `${Path/To/Construct.Attr}` is replaced with a deterministic fake physical value of the
 *   resource at that construct path (`.Arn`, `.Ref`, or any `Fn::GetAtt` attribute), `${AWS::Region}`,
 *   `${AWS::AccountId}`, `${AWS::Partition}` with the test environment's.
 * - `context`: the request context the service sends (KMS encryption context and `kms:ViaService`,
 *   `kms:GrantIsForAWSResource`, SageMaker condition keys such as `sagemaker:VpcSubnets`,
 *   `sts:ExternalId`). A key that does not apply to the action fails the test (typos are caught).
 * - `expect: 'deny'` rows prove least privilege: another bucket or prefix, another function, a job
 *   without isolation, key use from another service.
 * - `source`: the documentation page a non-obvious row comes from.
 * Write rows with `allow(...)` and `deny(...)` below; the shortest table among the labs' calls.ts files is a good example.
 */

export type CallPhase = 'deploy' | 'run' | 'destroy';

/** Who makes the request. */
export type CallPrincipal =
  /** An IAM role of the stack, by construct path relative to the stack (e.g. `Crawler/Role`). */
  | { readonly role: string }
  /** A service principal acting on its own, with the source it names in the request. */
  | { readonly service: string; readonly sourceArn?: string; readonly sourceAccount?: string }
  /** The learner's own (administrator) credentials. */
  | 'learner';

export interface CallRow {
  readonly phase: CallPhase;
  /** What the call is for, in a few words; printed when the row fails. */
  readonly why: string;
  readonly principal: CallPrincipal;
  /** `service:Action` as IAM spells it. */
  readonly action: string;
  /** The resource ARN as the service's authorization evaluates it (tokens allowed), or `*`. */
  readonly resource: string;
  /** Request context keys the service sends (tokens allowed in values). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** A VPC endpoint the request goes through (construct path), whose endpoint policy applies too. */
  readonly through?: string;
  readonly expect: 'allow' | 'deny';
  /** The AWS documentation page behind a non-obvious row. */
  readonly source?: string;
}

export interface CallTable {
  /** The lab id, as in the catalogue. */
  readonly lab: string;
  readonly calls: readonly CallRow[];
}

/** Optional parts of a row: request context, VPC endpoint, documentation page. */
export type CallDetails = Pick<CallRow, 'context' | 'through' | 'source'>;

/** A call that must be allowed. */
export function allow(phase: CallPhase, why: string, principal: CallPrincipal, action: string, resource: string, details: CallDetails = {}): CallRow {
  return { phase, why, principal, action, resource, expect: 'allow', ...details };
}

/** A call that must be denied (least privilege). */
export function deny(phase: CallPhase, why: string, principal: CallPrincipal, action: string, resource: string, details: CallDetails = {}): CallRow {
  return { phase, why, principal, action, resource, expect: 'deny', ...details };
}
