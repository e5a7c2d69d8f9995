/**
 * Every acknowledged validation finding of the kit, in one file, so a reviewer can read them all.
 *
 * Rules: acknowledge on the narrowest construct that produces the finding (never a stack or the app),
 * with a reason that explains why the finding does not apply or is the least-privilege form. cdk-nag
 * ids are written as reported (`AwsSolutions-IAM5[Resource::*]`); guard ids with the plugin namespace
 * (`cdk-validator-cfnguard::<rule>`).
 */
import { CfnResource, type IAspect, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as cr from 'aws-cdk-lib/custom-resources';
import { DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
// cdk-nag's own spelling of a resource in finding ids; not in its index, so imported from its file.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

const GUARD = 'cdk-validator-cfnguard::';

const NAG = 'AwsSolutions::';

/**
 * Both plugins' findings are acknowledged with the plugin namespace, so the CDK framework filters them
 * and lists each one with its reason under `suppressedViolations` in cdk.out/validation-report.json.
 */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  const namespaced = id.startsWith('AwsSolutions-') ? `${NAG}${id}` : id;
  // aws-cdk-lib records where each acknowledgement was made, as a stack trace (recordAcknowledgment in
  // core/lib/validation/validations.js), even in an app that turns creation stack traces off. The tests do (under
  // jest every frame of a trace is mapped through source maps: a tenth of a lab test's time), so where creation
  // traces are off this one is too, the same test as the CDK's own (core/lib/cfn-element.js).
  if (!scope.node.tryGetContext(DISABLE_CREATION_STACK_TRACES)) {
    Validations.of(scope).acknowledge({ id: namespaced, reason });
    return;
  }
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    Validations.of(scope).acknowledge({ id: namespaced, reason });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

// ---------------------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------------------

/** LabFunction: active tracing adds `xray:PutTraceSegments`/`PutTelemetryRecords` on `*`. */
export function acknowledgeXRayWrites(role: IConstruct): void {
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions, so their resource is "*".',
  );
}

/** Every kit bucket: Object Lock (Control Tower CT.S3.PR.9) would make `cdk destroy` impossible. */
export function acknowledgeNoObjectLock(bucket: IConstruct): void {
  acknowledge(
    bucket,
    `${GUARD}s3_bucket_object_lock_enabled_check`,
    'Object Lock cannot be turned off and would stop cdk destroy from deleting lab data; the data is ' +
      'synthetic and reproducible, and versioning with a lifecycle gives recovery while the lab runs.',
  );
}

/** AccessLogsBucket: the S3 server-access-log target. */
export function acknowledgeAccessLogTarget(bucket: IConstruct): void {
  acknowledge(
    bucket,
    `${GUARD}s3_bucket_default_encryption_kms_check`,
    'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS.',
  );
  for (const id of ['AwsSolutions-S1', `${GUARD}s3_bucket_logging_enabled_check`]) {
    acknowledge(bucket, id, 'This is the access-log target bucket; logging it to itself would loop.');
  }
  acknowledge(
    bucket,
    `${GUARD}s3_event_notifications_enabled_check`,
    'Nothing consumes events of the access-log bucket; it only receives log deliveries.',
  );
}

/**
 * LabProvider: the CDK Provider framework's own functions (onEvent, isComplete, onTimeout) and its
 * waiter state machine. Framework-generated, deployment-time only; their roles, runtime and tracing
 * are not configurable. Acknowledged on the framework construct, so the lab's handlers are still checked.
 */
export function acknowledgeProviderFramework(provider: cr.Provider): void {
  const why = 'CDK Provider framework internals, deployment-time only and not configurable: ';
  acknowledge(
    provider,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `${why}the framework functions use the AWS-maintained minimal logging policy.`,
  );
  const invoked = [provider.onEventHandler, provider.isCompleteHandler, ...frameworkFunctions(provider)];
  for (const fn of invoked) {
    if (fn) {
      acknowledge(
        provider,
        `AwsSolutions-IAM5[Resource::<${logicalId(fn.node.defaultChild)}.Arn>:*]`,
        `${why}grantInvoke on one function covers its versions and aliases (":*").`,
      );
    }
  }
  acknowledge(
    provider,
    'AwsSolutions-IAM5[Resource::*]',
    `${why}the waiter state machine's CloudWatch Logs delivery actions have no resource-level permissions.`,
  );
  acknowledge(provider, 'AwsSolutions-SF2', `${why}the waiter state machine has no X-Ray tracing option.`);
  acknowledge(
    provider,
    `${GUARD}step_functions_state_machine_tracing_enabled_check`,
    `${why}the waiter state machine has no X-Ray tracing option.`,
  );
  acknowledge(
    provider,
    `${GUARD}lambda_inside_vpc_check`,
    `${why}the framework functions only invoke the lab's handlers and call Step Functions.`,
  );
}

function frameworkFunctions(provider: cr.Provider): IConstruct[] {
  return ['framework-isComplete', 'framework-onTimeout']
    .map((id) => provider.node.tryFindChild(id))
    .filter((c): c is IConstruct => c !== undefined);
}

function logicalId(resource: IConstruct | undefined): string {
  if (!(resource instanceof CfnResource)) {
    throw new Error(`Expected a CloudFormation resource, got ${resource?.node.path ?? 'nothing'}.`);
  }
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

/** A function that calls only regional AWS APIs and so has no reason to sit in a VPC. */
export function acknowledgeFunctionOutsideVpc(fn: IConstruct, whatItCalls: string): void {
  acknowledge(
    fn,
    `${GUARD}lambda_inside_vpc_check`,
    `The function only calls ${whatItCalls}; placing it in a VPC would need NAT or interface endpoints ` +
      'and would not reduce its exposure.',
  );
}

/**
 * CDK-internal singletons a stack may contain: the handlers behind `autoDeleteObjects`,
 * `restrictDefaultSecurityGroup` and `BucketDeployment` (SampleData). They run only during deployment
 * and their runtime, roles and VPC placement are not configurable, so their findings are acknowledged on
 * them, never on the stack, so that a lab's own resources are still checked. LabStack applies this
 * aspect to every lab; it runs after construction, when the handlers' policies are complete.
 */
export class AcknowledgeCdkInternals implements IAspect {
  visit(node: IConstruct): void {
    if (!(node.node.scope instanceof Stack)) {
      return;
    }
    const id = node.node.id;
    if (/^Custom::(S3AutoDeleteObjects|VpcRestrictDefaultSG)CustomResourceProvider$/.test(id)) {
      acknowledge(
        node,
        `${GUARD}lambda_inside_vpc_check`,
        'CDK-internal deployment-time handler (bucket emptying / default security group lockdown); ' +
          'it calls only S3 or EC2 APIs and its VPC placement is not configurable.',
      );
    } else if (id.startsWith('Custom::CDKBucketDeployment') && node instanceof lambda.Function) {
      acknowledgeBucketDeploymentHandler(node);
    }
  }
}

function acknowledgeBucketDeploymentHandler(handler: lambda.Function): void {
  const why = 'CDK BucketDeployment handler (uploads sample data at deploy time; not configurable): ';
  acknowledge(handler, 'AwsSolutions-L1', `${why}its Python runtime is chosen by aws-cdk-lib.`);
  acknowledge(
    handler,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `${why}AWS-maintained minimal logging policy.`,
  );
  const grantActions = ['kms:GenerateDataKey*', 'kms:ReEncrypt*', 's3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'];
  for (const action of grantActions) {
    acknowledge(
      handler,
      `AwsSolutions-IAM5[Action::${action}]`,
      `${why}CDK grant pattern limited to the lab key, the CDK asset bucket and the destination bucket.`,
    );
  }
  for (const resource of wildcardResources(handler.role)) {
    acknowledge(
      handler,
      `AwsSolutions-IAM5[Resource::${resource}]`,
      `${why}object-level access inside the CDK asset bucket and the lab bucket it uploads to.`,
    );
  }
  acknowledge(handler, `${GUARD}lambda_inside_vpc_check`, `${why}it only copies objects between S3 buckets.`);
}

/** The resources with a wildcard in a role's default policy, spelled as cdk-nag reports them. */
function wildcardResources(role: iam.IRole | undefined): string[] {
  const policy = role?.node.tryFindChild('DefaultPolicy');
  if (!(policy instanceof iam.Policy)) {
    return [];
  }
  const document = Stack.of(policy).resolve(policy.document.toJSON()) as {
    Statement: { Resource?: unknown }[];
  };
  return document.Statement.flatMap((st) => (Array.isArray(st.Resource) ? (st.Resource as unknown[]) : [st.Resource]))
    .map((r) => flattenCfnReference(r))
    .filter((r) => r.includes('*'));
}

// ---------------------------------------------------------------------------------------------------
// Lab 01 — data lake
// ---------------------------------------------------------------------------------------------------

/**
 * The Glue crawler's role: its two wildcard resources are names only known at run time, each inside one
 * scope the lab owns.
 */
export function acknowledgeCrawlerRole(role: IConstruct, wildcards: { tables: string; objects: string }): void {
  const flat = (resource: string) => flattenCfnReference(Stack.of(role).resolve(resource));
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${flat(wildcards.tables)}]`,
    'The crawler creates tables named after the folders it finds, so they are only known at run time; ' +
      'scoped to the tables of the lab database.',
  );
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${flat(wildcards.objects)}]`,
    'Object-level read (s3:GetObject) of the objects under the one prefix of the raw-data bucket that the crawler crawls.',
  );
}

// ---------------------------------------------------------------------------------------------------
// Lab 02 — Firehose transform
// ---------------------------------------------------------------------------------------------------

/** Lab 02: the Firehose delivery role writes objects anywhere in its own delivery bucket. */
export function acknowledgeFirehoseObjectWrites(role: IConstruct, bucket: IConstruct): void {
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::<${logicalId(bucket.node.defaultChild)}.Arn>/*]`,
    'Firehose writes delivered, rejected and backup objects under date prefixes it computes at delivery ' +
      'time, inside this one bucket that only the stream writes to; the actions are the six the Firehose ' +
      'documentation lists for an S3 destination, without deletes.',
  );
}

// ---------------------------------------------------------------------------------------------------
// Lab 03 — SageMaker in a private VPC
// ---------------------------------------------------------------------------------------------------

/** Lab 03 S3PrefixList: DescribeManagedPrefixLists has no resource-level permissions. */
export function acknowledgePrefixListLookup(role: IConstruct): void {
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'ec2:DescribeManagedPrefixLists (looking up the S3 prefix list id) has no resource-level permissions.',
  );
}

/** Lab 03 EniCleanup: DescribeNetworkInterfaces has no resource-level permissions; deletion is VPC-scoped. */
export function acknowledgeEniCleanup(role: IConstruct): void {
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'ec2:DescribeNetworkInterfaces has no resource-level permissions; ec2:DeleteNetworkInterface is limited ' +
      'to interfaces in the lab VPC by the ec2:Vpc condition.',
  );
  acknowledgeResources(role, ['network-interface/*'], 'Network interface ids are chosen by SageMaker at run time; ' +
    'deletion is limited to the lab VPC by the ec2:Vpc condition.');
}

/** SageMakerJob handlers (labs 03, 05): job names are derived at deploy time from a hash. */
export function acknowledgeSageMakerJobHandler(role: IConstruct, jobsArns: readonly string[]): void {
  for (const jobsArn of jobsArns) {
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(role).resolve(jobsArn))}]`,
      'SageMaker job names are "<lab prefix>-<hash of the configuration>" (a tuning job\'s training jobs add ' +
        '"-<number>-<hash>"), known only at deploy time; the resource is scoped to this lab\'s prefix.',
    );
  }
}

/** SageMakerJob isComplete: deletes the job's streams in the shared training or transform log group. */
export function acknowledgeJobLogCleanup(role: IConstruct, logGroup: string, resources: readonly string[]): void {
  for (const resource of resources) {
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(role).resolve(resource))}]`,
      `Streams of ${logGroup} are named after the job at run time; listing covers that one ` +
        'group and deleting only the streams of this lab\'s job-name prefix.',
    );
  }
}

/**
 * SageMakerExecutionRole (labs 03, 05), with the prefixes of the lab buckets it reads and writes, e.g.
 * `['/input/*', '/training-output/*']`.
 */
export function acknowledgeSageMakerExecutionRole(role: IConstruct, objectPrefixes: readonly string[]): void {
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'Only actions without resource-level permissions or scoped by condition: EC2 Describe* and the ' +
      'network-interface actions SageMaker needs for VPC jobs and endpoints (limited to the lab VPC by the ' +
      'ec2:Vpc condition), ecr:GetAuthorizationToken, and cloudwatch:PutMetricData (limited to the ' +
      '/aws/sagemaker/* namespaces).',
  );
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*']) {
    acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, 'CDK bucket.grantRead/grantPut pattern, limited to one prefix of one lab bucket.');
  }
  for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
    acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, 'CDK bucket grant pattern, limited to the lab key.');
  }
  acknowledgeResources(
    role,
    objectPrefixes,
    'Object-level access inside one prefix of one lab bucket (training channels, model output, checkpoints, ' +
      'batch input and output, captured requests).',
  );
  acknowledgeResources(
    role,
    ['log-group:/aws/sagemaker/TrainingJobs', 'log-group:/aws/sagemaker/TransformJobs', 'log-group:/aws/sagemaker/ProcessingJobs'],
    'SageMaker writes job logs to the shared groups /aws/sagemaker/TrainingJobs, /aws/sagemaker/TransformJobs and /aws/sagemaker/ProcessingJobs, ' +
      'with streams named after the job; streams are limited to this lab\'s job-name prefixes.',
  );
}

/** Acknowledges IAM5 for the role's wildcard resources whose text contains one of `fragments`. */
function acknowledgeResources(role: IConstruct, fragments: readonly string[], reason: string): void {
  const policyOwner = role instanceof iam.Role ? role : undefined;
  for (const resource of wildcardResources(policyOwner).filter((r) => fragments.some((f) => r.includes(f)))) {
    acknowledge(role, `AwsSolutions-IAM5[Resource::${resource}]`, reason);
  }
}

// ---------------------------------------------------------------------------------------------------
// Lab 04 — language chain
// ---------------------------------------------------------------------------------------------------

/**
 * Lab 04: Comprehend's and Translate's synchronous APIs and Polly's synthesis tasks have no
 * resource-level permissions, so a role that calls them has `Resource: *` for those actions (and for
 * X-Ray trace writes and, on the state machine's role, CloudWatch Logs delivery, which have none either).
 */
export function acknowledgeAiServiceActions(role: IConstruct, actions: readonly string[]): void {
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    `${actions.join(', ')} have no resource-level permissions, so their resource is "*"; the role's other ` +
      '"*" statements are X-Ray trace writes and CloudWatch Logs delivery, which have none either.',
  );
}

/** Lab 04: object-level access to the named prefixes of one bucket (read uploads, write results). */
export function acknowledgePrefixAccess(role: IConstruct, bucket: IConstruct, prefixes: readonly string[]): void {
  for (const prefix of prefixes) {
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${logicalId(bucket.node.defaultChild)}.Arn>/${prefix}*]`,
      `Object-level access to the keys under ${prefix} of one lab bucket; object keys are the documents' names.`,
    );
  }
}

/** Lab 04: the state machine's LambdaInvoke tasks (grantInvoke covers versions and aliases). */
export function acknowledgeChainInvokes(role: IConstruct, functions: readonly IConstruct[]): void {
  for (const fn of functions) {
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${logicalId(fn.node.defaultChild)}.Arn>:*]`,
      'grantInvoke on one of the chain\'s functions covers its versions and aliases (":*").',
    );
  }
}

/**
 * Lab 04: cdk-nag recognises a queue as a dead-letter queue only for SQS queues and Lambda functions;
 * this one is the dead-letter queue of the EventBridge rule's target.
 */
export function acknowledgeEventDeadLetterQueue(queue: IConstruct): void {
  for (const id of ['AwsSolutions-SQS3', `${GUARD}sqs_dlq_check`]) {
    acknowledge(
      queue,
      id,
      'This queue is the dead-letter queue of the upload rule\'s EventBridge target; a dead-letter queue of a ' +
        'dead-letter queue would add nothing (14-day retention and a depth alarm instead).',
    );
  }
}

/**
 * IdleStackDelete (lab 03): DeleteStack on this stack's ARN, whose last part is a UUID CloudFormation assigns
 * at creation; the function only calls CloudFormation, so a VPC adds nothing.
 */
export function acknowledgeIdleStackDelete(role: IConstruct, fn: IConstruct, stackArn: string): void {
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(role).resolve(stackArn))}]`,
    'A stack ARN ends in a UUID known only after creation; the name part limits DeleteStack to this stack.',
  );
  acknowledgeFunctionOutsideVpc(fn, 'CloudFormation DeleteStack on its own stack');
}

// ---------------------------------------------------------------------------------------------------
// Lab 07 — MLOps pipeline
// ---------------------------------------------------------------------------------------------------

const GRANT_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*', 's3:DeleteObject*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

/** The parts of lab 07 whose findings are acknowledged, with what each wildcard stands for. */
export interface MlopsAcknowledgements {
  /** Roles with CDK bucket or key grants (the pattern's wildcard actions, one bucket, the lab key). */
  readonly grantRoles: readonly IConstruct[];
  /** CodePipeline's Lambda invoke action roles: lambda:ListFunctions has no resource-level permissions. */
  readonly invokeActionRoles: readonly IConstruct[];
  /** Roles whose wildcard resources are names SageMaker or the delivery choose at run time, in the lab's scope. */
  readonly runTimeNameRoles: readonly IConstruct[];
  /** Functions that call only regional AWS APIs. */
  readonly functions: readonly { readonly fn: IConstruct; readonly calls: string }[];
  /** The delivery pipeline's artifact bucket grant (`<bucket>.Arn/*`), on the pipeline's and source action's roles. */
  readonly artifactRoles: readonly { readonly role: IConstruct; readonly bucket: IConstruct }[];
  /** The function the invoke actions call (its versions and aliases, ":*"). */
  readonly invokedFunction: IConstruct;
}

export function acknowledgeMlopsPipeline(parts: MlopsAcknowledgements): void {
  for (const role of parts.grantRoles) {
    for (const action of GRANT_ACTIONS) {
      acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, 'CDK bucket and key grant pattern, limited to one lab bucket (or one prefix of it) and the lab key.');
    }
  }
  for (const role of parts.invokeActionRoles) {
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', 'CodePipeline\'s Lambda invoke action adds lambda:ListFunctions, which has no resource-level permissions.');
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${logicalId(parts.invokedFunction.node.defaultChild)}.Arn>:*]`,
      'The invoke action may call the one delivery function, its versions and aliases (":*").',
    );
  }
  for (const role of parts.runTimeNameRoles) {
    acknowledgeResources(
      role,
      ['processing-job/pipelines-', 'training-job/pipelines-', 'model-package/', 'model/', 'endpoint-config/', '/execution/', '/pipeline-runs/*', 'log-group:/aws/sagemaker/'],
      'Names chosen at run time inside the lab\'s scope: SageMaker names a pipeline\'s jobs "pipelines-<execution id>-<step>-<hash>" ' +
        '(job creation is further limited by the isolation, VPC, key and instance-type conditions), a version is "<group>/<number>", ' +
        'an execution "<pipeline>/execution/<id>", a delivered model or configuration "<lab prefix>-<target>-v<version>-<time>", ' +
        'a run writes under pipeline-runs/<execution id>/, and a job logs to streams named after it in SageMaker\'s shared groups.',
    );
  }
  for (const { role, bucket } of parts.artifactRoles) {
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${logicalId(bucket.node.defaultChild)}.Arn>/*]`,
      'CodePipeline reads and writes its artifacts (keys it chooses per execution) in the one delivery bucket, as aws-cdk-lib grants it.',
    );
  }
  for (const { fn, calls } of parts.functions) {
    acknowledgeFunctionOutsideVpc(fn, calls);
  }
}

/** Lab 08: the drift monitor reads the captured files of one endpoint, under one prefix of the lab bucket. */
export function acknowledgeCaptureReads(role: IConstruct, bucket: IConstruct, prefix: string): void {
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::<${logicalId(bucket.node.defaultChild)}.Arn>/${prefix}*]`,
    'Object-level reads of the files SageMaker data capture writes under one endpoint\'s prefix; their keys ' +
      'carry the variant, the hour and a generated id, so they cannot be listed in advance.',
  );
}
