/**
 * The leftovers scan after `cdk destroy`: everything of one lab copy still in the account and Region, found
 * by the kit's tags and by the names the lab's services give what they create at run time (lib/labs/<lab>/
 * safety.ts). Clients come in, findings go out, so every path is tested with mocked clients.
 */
import { type AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import {
  type CloudWatchLogsClient,
  paginateDescribeLogGroups,
  paginateDescribeLogStreams,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetDatabaseCommand, type GlueClient } from '@aws-sdk/client-glue';
import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeVpcEndpointsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  paginateListEndpointConfigs,
  paginateListEndpoints,
  paginateListHyperParameterTuningJobs,
  paginateListModels,
  paginateListTrainingJobs,
  paginateListTransformJobs,
  DescribeEndpointCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { GetIndexCommand, GetVectorBucketCommand, type S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { PROJECT_TAG_VALUE } from './tags';
import { explainAwsError, isNoCredentials, isNoRegion } from './aws-errors';
import { findGuardrails, findKnowledgeBases, findVectorBuckets } from './bedrock-leftovers';
import type { Leftover } from './leftover';
import { type LabCopy, type LabLeftovers, labName } from './lab-safety';

export type { Leftover } from './leftover';

export interface LeftoverClients {
  readonly tagging: ResourceGroupsTaggingAPIClient;
  readonly logs: CloudWatchLogsClient;
  readonly sagemaker: SageMakerClient;
  readonly glue: GlueClient;
  readonly athena: AthenaClient;
  readonly kms: KMSClient;
  readonly bedrockAgent: BedrockAgentClient;
  readonly bedrock: BedrockClient;
  readonly s3vectors: S3VectorsClient;
  readonly s3: S3Client;
  readonly ec2: EC2Client;
  readonly cloudwatch: CloudWatchClient;
}

export interface LeftoverScan {
  readonly found: readonly Leftover[];
  /** Parts that could not be checked (throttled, API unreachable, no permission), as sentences. */
  readonly unchecked: readonly string[];
}

export interface LeftoverInput {
  /** The lab's id, as its resources' `lab` tag carries it. */
  readonly labId: string;
  readonly copy: LabCopy;
  readonly leftovers: LabLeftovers;
  readonly clients: LeftoverClients;
}

/**
 * `service:type` of an ARN: arn:aws:sagemaker:eu-west-1:1:endpoint/x -> sagemaker:endpoint. S3 bucket, SQS queue,
 * SNS topic and CodePipeline pipeline ARNs name no type (arn:aws:sqs:r:a:name); an S3 Vectors index is
 * bucket/<b>/index/<i>.
 */
export function arnKind(arn: string): string {
  const [, , service = '', , , resource = ''] = arn.split(':');
  const bare: Readonly<Record<string, string>> = { s3: 's3:bucket', sqs: 'sqs:queue', sns: 'sns:topic', codepipeline: 'codepipeline:pipeline' };
  if (bare[service]) return bare[service];
  if (service === 's3vectors' && resource.includes('/index/')) return 's3vectors:index';
  return `${service}:${resource.split(/[/:]/)[0]}`;
}

/** The name at the end of an ARN: arn:aws:logs:r:a:log-group:/aws/x:* -> /aws/x, arn:aws:s3:::b -> b. */
function arnName(arn: string, kind: string): string {
  const resource = arn.split(':').slice(5).join(':');
  if (kind === 'logs:log-group') return resource.replace(/^log-group:/, '').replace(/:\*$/, '');
  return resource.split(/[/:]/).pop() ?? resource;
}

/** The error a service answers for a resource that does not exist (any of these names means: gone). */
function isGone(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  // SageMaker answers a missing endpoint with ValidationException "Could not find endpoint ...", a missing job
  // with ResourceNotFound; EC2 a missing endpoint id with InvalidVpcEndpointId.NotFound.
  return (
    /^(NotFound|NoSuchBucket|NotFoundException|ResourceNotFoundException|ResourceNotFound)$/.test(e.name) ||
    /\.NotFound$/.test(e.name) ||
    (e.name === 'ValidationException' && /could not find/i.test(e.message))
  );
}

/**
 * Asks a tagged resource's own service whether it still exists: the Resource Groups Tagging API keeps
 * returning deleted resources for some time (https://github.com/aws/aws-sdk/issues/676,
 * https://github.com/boto/boto3/issues/3341), and destroy scans right after cdk destroy. Undefined: gone.
 */
type Confirm = (clients: LeftoverClients, arn: string, name: string) => Promise<Leftover | undefined>;

/**
 * What the scan knows of each resource type the labs tag (service:type of the ARN): a type that can bill while
 * it exists is confirmed with its own service; a type that costs nothing while idle says why, with the source,
 * and is listed as a free record as the tagging API returns it. A type missing here is listed as billable,
 * unconfirmed: a new resource type must be added here before the scan trusts it.
 */
export type TaggedKind = { readonly confirm: Confirm } | { readonly free: string };

const IN_PROGRESS = new Set(['InProgress', 'Stopping']);

/** A SageMaker job bills while it runs (InProgress, Stopping); done, it is a free record. */
function job(kind: string, status: string | undefined, arn: string): Leftover {
  return { kind, name: arn, billable: IN_PROGRESS.has(status ?? ''), note: status };
}

export const TAGGED_KINDS: Readonly<Record<string, TaggedKind>> = {
  // A key costs a monthly fee until it is deleted; one pending deletion costs nothing more (describeKey).
  'kms:key': { confirm: (c, arn) => describeKey(c.kms, arn) },
  's3:bucket': {
    confirm: async (c, arn, name) => {
      await c.s3.send(new HeadBucketCommand({ Bucket: name }));
      return { kind: 's3:bucket', name: arn, billable: true, note: `empty and delete it: aws s3 rb s3://${name} --force` };
    },
  },
  'logs:log-group': {
    confirm: async (c, _arn, name) => {
      for await (const page of paginateDescribeLogGroups({ client: c.logs }, { logGroupNamePrefix: name })) {
        const group = page.logGroups?.find((g) => g.logGroupName === name);
        if (group) return { kind: 'logs:log-group', name, billable: true, note: `${group.storedBytes ?? 0} bytes stored` };
      }
      return undefined;
    },
  },
  'sagemaker:endpoint': {
    confirm: async (c, arn, name) => {
      const e = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
      return { kind: 'sagemaker:endpoint', name: arn, billable: true, note: e.EndpointStatus };
    },
  },
  'sagemaker:training-job': {
    confirm: async (c, arn, name) => job('sagemaker:training-job', (await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))).TrainingJobStatus, arn),
  },
  'sagemaker:transform-job': {
    confirm: async (c, arn, name) => job('sagemaker:transform-job', (await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: name }))).TransformJobStatus, arn),
  },
  'sagemaker:hyper-parameter-tuning-job': {
    confirm: async (c, arn, name) =>
      job(
        'sagemaker:hyper-parameter-tuning-job',
        (await c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }))).HyperParameterTuningJobStatus,
        arn,
      ),
  },
  // Vectors stored bill per GB-month (bedrock-leftovers.ts); the index holds them, the bucket holds the indexes.
  's3vectors:bucket': {
    confirm: async (c, arn, name) => {
      await c.s3vectors.send(new GetVectorBucketCommand({ vectorBucketName: name }));
      return { kind: 's3vectors:bucket', name: arn, billable: true };
    },
  },
  's3vectors:index': {
    confirm: async (c, arn) => {
      await c.s3vectors.send(new GetIndexCommand({ indexArn: arn }));
      return { kind: 's3vectors:index', name: arn, billable: true };
    },
  },
  // An interface endpoint bills by the hour in each Availability Zone "regardless of its association status"
  // until it is deleted (https://aws.amazon.com/privatelink/pricing/); a gateway endpoint comes "at no additional
  // charge" (https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-startup-security-baseline/wkld-12.html).
  'ec2:vpc-endpoint': {
    confirm: async (c, arn, name) => {
      const { VpcEndpoints } = await c.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [name] }));
      const endpoint = VpcEndpoints?.find((e) => e.VpcEndpointId === name);
      const state = endpoint?.State?.toLowerCase();
      if (!endpoint || state === 'deleted') return undefined;
      const type = endpoint.VpcEndpointType ?? 'unknown type';
      return { kind: 'ec2:vpc-endpoint', name: arn, billable: type.toLowerCase() !== 'gateway', note: `${type}, ${state ?? 'state unknown'}` };
    },
  },
  // An alarm bills per alarm metric per month (https://aws.amazon.com/cloudwatch/pricing/, Alarms).
  'cloudwatch:alarm': {
    confirm: async (c, arn, name) => {
      const { MetricAlarms, CompositeAlarms } = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
      const found = [...(MetricAlarms ?? []), ...(CompositeAlarms ?? [])].some((a) => a.AlarmName === name);
      return found ? { kind: 'cloudwatch:alarm', name: arn, billable: true, note: `delete: aws cloudwatch delete-alarms --alarm-names ${name}` } : undefined;
    },
  },
  'lambda:function': { free: 'priced per request and duration, nothing while not invoked (https://aws.amazon.com/lambda/pricing/)' },
  'states:stateMachine': { free: 'standard workflows are charged per state transition, nothing while no execution runs (https://aws.amazon.com/step-functions/pricing/)' },
  'firehose:deliverystream': {
    free: 'charged for the volume of data ingested (and per hour only for a VPC destination, which the kit has none of): nothing while no data arrives (https://aws.amazon.com/firehose/pricing/)',
  },
  // Lab 08's registration of an endpoint variant; the instances it scales bill through the endpoint.
  'application-autoscaling:scalable-target': {
    free: 'a registration: the instances it scales bill through the endpoint (https://aws.amazon.com/autoscaling/pricing/, not shown by the search on 2026-12-02; ARN form: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TagResource.html)',
  },
  'sqs:queue': { free: 'charged per request, nothing while nothing sends or polls (https://aws.amazon.com/sqs/pricing/)' },
  'sns:topic': { free: 'charged per publish and delivery, nothing while nothing publishes (https://aws.amazon.com/sns/pricing/)' },
  'events:rule': { free: '"no additional charges for rules or event delivery" (https://aws.amazon.com/eventbridge/pricing/)' },
  'glue:crawler': { free: 'charged per DPU-hour while it runs; the kit schedules none (https://aws.amazon.com/glue/pricing/)' },
  'glue:database': { free: 'Data Catalog storage is free for the first million objects (https://aws.amazon.com/glue/pricing/)' },
  'athena:workgroup': { free: 'Athena charges per query, by data scanned (https://aws.amazon.com/athena/pricing/)' },
  'iam:role': { free: 'IAM is offered at no additional charge (https://aws.amazon.com/iam/faqs/)' },
  'sagemaker:model': { free: 'a model bills only through the endpoint or job that runs it (https://aws.amazon.com/sagemaker/pricing/)' },
  'sagemaker:endpoint-config': { free: 'a configuration bills only through an endpoint that uses it (https://aws.amazon.com/sagemaker/pricing/)' },
  'sagemaker:pipeline': { free: 'a pipeline bills only through the jobs its executions run (https://aws.amazon.com/sagemaker/pipelines/)' },
  'sagemaker:model-package-group': { free: 'a model registry group bills nothing of its own; its versions\' artifacts are S3 objects (https://aws.amazon.com/sagemaker/pricing/)' },
  'sagemaker:model-package': { free: 'a registered version bills only through the endpoint or job that runs it (https://aws.amazon.com/sagemaker/pricing/)' },
  'codepipeline:pipeline': { free: 'a V2 pipeline is charged per action execution minute, nothing while no execution runs (https://aws.amazon.com/codepipeline/pricing/)' },
  // Why these cost nothing while unused: bedrock-leftovers.ts.
  'bedrock:knowledge-base': { free: 'bills through the embedding model and vector store it uses (bedrock-leftovers.ts)' },
  'bedrock:guardrail': { free: 'charged per evaluation (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-how.html)' },
  'ec2:vpc': { free: '"There\'s no additional charge for using a VPC" (https://aws.amazon.com/vpc/pricing/)' },
  'ec2:subnet': { free: 'part of the VPC, no charge (https://aws.amazon.com/vpc/pricing/)' },
  'ec2:route-table': { free: 'part of the VPC, no charge (https://aws.amazon.com/vpc/pricing/)' },
  'ec2:security-group': { free: 'part of the VPC, no charge (https://aws.amazon.com/vpc/pricing/)' },
  'ec2:vpc-flow-log': {
    free: 'charged as vended logs per GB delivered, nothing while the VPC carries no traffic; the log group it writes to is scanned on its own (https://aws.amazon.com/cloudwatch/pricing/, Vended Logs)',
  },
};

/** One tagged hit: a billable type confirmed with its service (gone: undefined), a free type as listed. */
async function confirmTagged(clients: LeftoverClients, arn: string): Promise<Leftover | undefined> {
  const kind = arnKind(arn);
  const known = TAGGED_KINDS[kind];
  if (!known) return { kind, name: arn, billable: true, note: 'a type the kit does not know: not confirmed, check it in the console' };
  if ('free' in known) return { kind, name: arn, billable: false };
  try {
    return await known.confirm(clients, arn, arnName(arn, kind));
  } catch (e) {
    if (isGone(e)) return undefined;
    throw e;
  }
}



export async function scanLeftovers(input: LeftoverInput): Promise<LeftoverScan> {
  const found: Leftover[] = [];
  const unchecked: string[] = [];
  const name = (template: string) => labName(template, input.copy);
  // Without credentials (or a Region) nothing can be checked: say it once, not once per part.
  let stopped = false;
  const attempt = async (what: string, call: string, scan: () => Promise<void>) => {
    if (stopped) return;
    try {
      await scan();
    } catch (e) {
      stopped = isNoCredentials(e) || isNoRegion(e);
      unchecked.push(stopped ? explainAwsError(e, call).message : `${what}: ${explainAwsError(e, call).message}`);
    }
  };
  const { clients, leftovers } = input;

  await attempt('tagged resources', 'tag:GetResources', async () => {
    const tags = [
      { Key: 'project', Values: [PROJECT_TAG_VALUE] },
      { Key: 'lab', Values: [input.labId] },
      { Key: 'learner', Values: [input.copy.learner ?? 'none'] },
    ];
    const arns: string[] = [];
    for await (const page of paginateGetResources({ client: clients.tagging }, { TagFilters: tags })) {
      arns.push(...(page.ResourceTagMappingList ?? []).flatMap((m) => (m.ResourceARN ? [m.ResourceARN] : [])));
    }
    // Each hit on its own: a hit that cannot be confirmed leaves the others checked.
    for (const arn of arns) {
      await attempt(`tagged ${arnKind(arn)} ${arn}`, `the ${arnKind(arn).split(':')[0]} API`, async () => {
        const leftover = await confirmTagged(clients, arn);
        if (leftover) found.push(leftover);
      });
    }
  });

  for (const prefix of (leftovers.logGroupPrefixes ?? []).map(name)) {
    await attempt(`log groups ${prefix}*`, 'logs:DescribeLogGroups', async () => {
      for await (const page of paginateDescribeLogGroups({ client: clients.logs }, { logGroupNamePrefix: prefix })) {
        for (const g of page.logGroups ?? []) {
          found.push({ kind: 'logs:log-group', name: g.logGroupName ?? '', billable: true, note: `${g.storedBytes ?? 0} bytes stored` });
        }
      }
    });
  }

  for (const { logGroup, streamPrefix } of leftovers.logStreams ?? []) {
    const prefix = name(streamPrefix);
    await attempt(`log streams ${logGroup} ${prefix}*`, 'logs:DescribeLogStreams', async () => {
      try {
        for await (const page of paginateDescribeLogStreams({ client: clients.logs }, { logGroupName: logGroup, logStreamNamePrefix: prefix })) {
          for (const s of page.logStreams ?? []) {
            found.push({ kind: 'logs:log-stream', name: `${logGroup} ${s.logStreamName ?? ''}`, billable: true });
          }
        }
      } catch (e) {
        // The shared group does not exist at all: nothing of the lab can be in it.
        if (!(e instanceof Error && e.name === 'ResourceNotFoundException')) throw e;
      }
    });
  }

  for (const prefix of (leftovers.sagemakerPrefixes ?? []).map(name)) {
    await attempt(`SageMaker resources named ${prefix}*`, 'sagemaker:List*', () => scanSageMaker(clients.sagemaker, prefix, found));
  }

  for (const database of (leftovers.glueDatabases ?? []).map(name)) {
    await attempt(`Glue database ${database}`, 'glue:GetDatabase', async () => {
      try {
        await clients.glue.send(new GetDatabaseCommand({ Name: database }));
        found.push({ kind: 'glue:database', name: database, billable: false, note: `delete: aws glue delete-database --name ${database}` });
      } catch (e) {
        if (!(e instanceof Error && e.name === 'EntityNotFoundException')) throw e;
      }
    });
  }

  for (const workgroup of (leftovers.athenaWorkgroups ?? []).map(name)) {
    await attempt(`Athena workgroup ${workgroup}`, 'athena:GetWorkGroup', async () => {
      try {
        await clients.athena.send(new GetWorkGroupCommand({ WorkGroup: workgroup }));
        found.push({
          kind: 'athena:workgroup',
          name: workgroup,
          billable: false,
          note: `delete: aws athena delete-work-group --work-group ${workgroup} --recursive-delete-option`,
        });
      } catch (e) {
        // Athena answers a missing workgroup with InvalidRequestException ("... is not found").
        if (!(e instanceof Error && e.name === 'InvalidRequestException' && /not found/i.test(e.message))) throw e;
      }
    });
  }

  const byName = [
    ['Bedrock knowledge base', 'bedrock:ListKnowledgeBases', leftovers.knowledgeBases, (n: string) => findKnowledgeBases(clients.bedrockAgent, n)],
    ['Bedrock guardrail', 'bedrock:ListGuardrails', leftovers.guardrails, (n: string) => findGuardrails(clients.bedrock, n)],
    ['S3 Vectors vector bucket', 's3vectors:ListVectorBuckets', leftovers.vectorBuckets, (n: string) => findVectorBuckets(clients.s3vectors, n)],
  ] as const;
  for (const [what, call, templates, find] of byName) {
    for (const resource of (templates ?? []).map(name)) {
      await attempt(`${what} ${resource}`, call, async () => {
        found.push(...(await find(resource)));
      });
    }
  }

  return { found: dedupe(found), unchecked };
}

/** A key scheduled for deletion costs nothing more; say when it goes. */
async function describeKey(kms: KMSClient, arn: string): Promise<Leftover> {
  const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId: arn }));
  if (key?.KeyState === 'PendingDeletion') {
    return { kind: 'kms:key', name: arn, billable: false, note: `pending deletion on ${key.DeletionDate?.toISOString().slice(0, 10) ?? 'a date AWS set'}` };
  }
  return { kind: 'kms:key', name: arn, billable: true, note: `state ${key?.KeyState ?? 'unknown'}` };
}

async function scanSageMaker(sm: SageMakerClient, prefix: string, found: Leftover[]): Promise<void> {
  const mine = (n?: string): n is string => !!n && n.startsWith(prefix);
  for await (const page of paginateListEndpoints({ client: sm }, { NameContains: prefix })) {
    for (const e of page.Endpoints ?? []) if (mine(e.EndpointName)) found.push({ kind: 'sagemaker:endpoint', name: e.EndpointName, billable: true, note: e.EndpointStatus });
  }
  for await (const page of paginateListEndpointConfigs({ client: sm }, { NameContains: prefix })) {
    for (const c of page.EndpointConfigs ?? []) if (mine(c.EndpointConfigName)) found.push({ kind: 'sagemaker:endpoint-config', name: c.EndpointConfigName, billable: false });
  }
  for await (const page of paginateListModels({ client: sm }, { NameContains: prefix })) {
    for (const m of page.Models ?? []) if (mine(m.ModelName)) found.push({ kind: 'sagemaker:model', name: m.ModelName, billable: false });
  }
  for await (const page of paginateListTrainingJobs({ client: sm }, { NameContains: prefix })) {
    for (const j of page.TrainingJobSummaries ?? []) {
      if (mine(j.TrainingJobName)) found.push({ kind: 'sagemaker:training-job', name: j.TrainingJobName, billable: IN_PROGRESS.has(j.TrainingJobStatus ?? ''), note: j.TrainingJobStatus });
    }
  }
  for await (const page of paginateListTransformJobs({ client: sm }, { NameContains: prefix })) {
    for (const j of page.TransformJobSummaries ?? []) {
      if (mine(j.TransformJobName)) found.push({ kind: 'sagemaker:transform-job', name: j.TransformJobName, billable: IN_PROGRESS.has(j.TransformJobStatus ?? ''), note: j.TransformJobStatus });
    }
  }
  for await (const page of paginateListHyperParameterTuningJobs({ client: sm }, { NameContains: prefix })) {
    for (const j of page.HyperParameterTuningJobSummaries ?? []) {
      if (mine(j.HyperParameterTuningJobName)) {
        found.push({ kind: 'sagemaker:hyper-parameter-tuning-job', name: j.HyperParameterTuningJobName, billable: IN_PROGRESS.has(j.HyperParameterTuningJobStatus ?? ''), note: j.HyperParameterTuningJobStatus });
      }
    }
  }
}

/** A resource found both by its tags and by its name is listed once (by ARN or name, the tagged entry wins). */
function dedupe(found: readonly Leftover[]): Leftover[] {
  const seen = new Set<string>();
  return found.filter((l) => {
    const key = `${l.kind} ${l.id ?? l.name.split('/').pop() ?? l.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The report: one line per leftover, and a one-line summary either way. */
export function renderLeftovers(stackName: string, region: string, scan: LeftoverScan): string {
  const billable = scan.found.filter((l) => l.billable);
  const free = scan.found.filter((l) => !l.billable);
  const line = (mark: string, l: Leftover) => `${mark} ${l.kind} ${l.name}${l.note ? ` (${l.note})` : ''}`;
  const lines = [
    ...billable.map((l) => line('✖', l)),
    ...free.map((l) => line('·', l)),
    ...scan.unchecked.map((u) => `? could not check ${u}`),
  ];
  const summary = billable.length > 0
    ? `✖ ${stackName} in ${region}: ${billable.length} billable leftover(s)${free.length ? `, ${free.length} free record(s)` : ''}. Destroy again (npx cdk destroy ${stackName}) or delete them.`
    : scan.unchecked.length > 0
      ? `? ${stackName} in ${region}: nothing billable found, but ${scan.unchecked.length} part(s) could not be checked.`
      : `✔ ${stackName} in ${region}: nothing billable remains${free.length ? ` (${free.length} free record(s) listed above)` : ''}.`;
  return [...lines, summary].join('\n');
}

/** Exit code 0 only when nothing billable remains and everything was checked. */
export function leftoversExitCode(scan: LeftoverScan): number {
  return scan.found.some((l) => l.billable) || scan.unchecked.length > 0 ? 1 : 0;
}
