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
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { GetVectorBucketCommand, type S3VectorsClient } from '@aws-sdk/client-s3vectors';
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

/** Resource types (service:type from the ARN) that cost nothing while they exist. */
const FREE_TYPES = new Set([
  'sagemaker:model',
  'sagemaker:endpoint-config',
  'sagemaker:training-job',
  'sagemaker:hyper-parameter-tuning-job',
  'sagemaker:transform-job',
  'athena:workgroup',
  'glue:database',
  'iam:role',
  // Why these two cost nothing while unused, and the vector bucket does: bedrock-leftovers.ts.
  'bedrock:knowledge-base',
  'bedrock:guardrail',
]);

/** `service:type` of an ARN: arn:aws:sagemaker:eu-west-1:1:endpoint/x -> sagemaker:endpoint; S3 bucket ARNs have no type. */
export function arnKind(arn: string): string {
  const [, , service = '', , , resource = ''] = arn.split(':');
  return service === 's3' ? 's3:bucket' : `${service}:${resource.split(/[/:]/)[0]}`;
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
  // SageMaker answers a missing endpoint with ValidationException "Could not find endpoint ...".
  return /^(NotFound|NoSuchBucket|NotFoundException|ResourceNotFoundException)$/.test(e.name) || (e.name === 'ValidationException' && /could not find/i.test(e.message));
}

/**
 * Asks a tagged resource's own service whether it still exists: the Resource Groups Tagging API keeps
 * returning deleted resources for some time (https://github.com/aws/aws-sdk/issues/676,
 * https://github.com/boto/boto3/issues/3341), and destroy scans right after cdk destroy. Undefined: gone.
 * One function per resource type that bills while it exists; other types are listed as the tagging API says.
 */
type Confirm = (clients: LeftoverClients, arn: string, name: string) => Promise<Leftover | undefined>;

const CONFIRM: Readonly<Record<string, Confirm>> = {
  'kms:key': (c, arn) => describeKey(c.kms, arn),
  's3:bucket': async (c, arn, name) => {
    await c.s3.send(new HeadBucketCommand({ Bucket: name }));
    return { kind: 's3:bucket', name: arn, billable: true, note: `empty and delete it: aws s3 rb s3://${name} --force` };
  },
  'logs:log-group': async (c, _arn, name) => {
    for await (const page of paginateDescribeLogGroups({ client: c.logs }, { logGroupNamePrefix: name })) {
      const group = page.logGroups?.find((g) => g.logGroupName === name);
      if (group) return { kind: 'logs:log-group', name, billable: true, note: `${group.storedBytes ?? 0} bytes stored` };
    }
    return undefined;
  },
  'sagemaker:endpoint': async (c, arn, name) => {
    const e = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    return { kind: 'sagemaker:endpoint', name: arn, billable: true, note: e.EndpointStatus };
  },
  's3vectors:bucket': async (c, arn, name) => {
    await c.s3vectors.send(new GetVectorBucketCommand({ vectorBucketName: name }));
    return { kind: 's3vectors:bucket', name: arn, billable: true };
  },
};

/** One tagged hit: free types as listed; a billable type confirmed with its service (gone: undefined). */
async function confirmTagged(clients: LeftoverClients, arn: string): Promise<Leftover | undefined> {
  const kind = arnKind(arn);
  const confirm = CONFIRM[kind];
  if (!confirm) return { kind, name: arn, billable: !FREE_TYPES.has(kind) };
  try {
    return await confirm(clients, arn, arnName(arn, kind));
  } catch (e) {
    if (isGone(e)) return undefined;
    throw e;
  }
}

const IN_PROGRESS = new Set(['InProgress', 'Stopping']);

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
