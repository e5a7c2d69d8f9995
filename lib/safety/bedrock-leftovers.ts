/**
 * The leftovers scan's Bedrock part: knowledge bases, guardrails and S3 Vectors vector buckets found by the
 * exact names a lab gives them (lib/labs/<lab>/safety.ts). None of the three List APIs filters by exact name
 * (ListKnowledgeBases and ListGuardrails take no name, ListVectorBuckets a prefix:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_ListKnowledgeBases.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListGuardrails.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_S3VectorBuckets_ListVectorBuckets.html), so each lists
 * and compares.
 *
 * What bills while it stays:
 * - A vector bucket: S3 Vectors charges for the vectors its indexes store, per GB-month (Amazon S3 pricing,
 *   S3 Vectors tab: https://aws.amazon.com/s3/pricing/; vector buckets and indexes:
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-buckets.html). Billable.
 * - A guardrail: charged per evaluation, "only for the policies configured in the guardrail", when a prompt
 *   or response is evaluated (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-how.html,
 *   "How charges are calculated"). Not billable while it sits unused.
 * - A knowledge base: what it costs is the embedding model it invokes on ingestion and retrieval (per token,
 *   https://aws.amazon.com/bedrock/pricing/) and its vector store, which this scan lists on its own (the
 *   vector bucket above). Not billable by itself.
 */
/*
 * Kinds and ids match what the tagged entries carry (arnKind and the last part of the ARN), so a resource
 * found both ways is listed once: ARNs end in knowledge-base/<id>
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_TextToSqlKnowledgeBaseConfiguration.html),
 * guardrail/<id> (API_ListGuardrails, above) and s3vectors:...:bucket/<name>
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_S3VectorBuckets_VectorBucketSummary.html).
 */
import { type BedrockClient, paginateListGuardrails } from '@aws-sdk/client-bedrock';
import { type BedrockAgentClient, paginateListKnowledgeBases } from '@aws-sdk/client-bedrock-agent';
import { paginateListVectorBuckets, type S3VectorsClient } from '@aws-sdk/client-s3vectors';
import type { Leftover } from './leftover';

/** What `toLeftover` makes of the items of every page (undefined: not the lab's). */
async function collect<P, I>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly I[] | undefined,
  toLeftover: (item: I) => Leftover | undefined,
): Promise<Leftover[]> {
  const found: Leftover[] = [];
  for await (const page of pages) {
    for (const item of items(page) ?? []) {
      const leftover = toLeftover(item);
      if (leftover) found.push(leftover);
    }
  }
  return found;
}

export function findKnowledgeBases(client: BedrockAgentClient, name: string): Promise<Leftover[]> {
  return collect(paginateListKnowledgeBases({ client }, {}), (page) => page.knowledgeBaseSummaries, (kb) =>
    kb.name === name && kb.knowledgeBaseId
      ? {
          kind: 'bedrock:knowledge-base',
          name,
          id: kb.knowledgeBaseId,
          billable: false,
          note: `${kb.status ?? 'unknown state'}; delete: aws bedrock-agent delete-knowledge-base --knowledge-base-id ${kb.knowledgeBaseId}`,
        }
      : undefined,
  );
}

export function findGuardrails(client: BedrockClient, name: string): Promise<Leftover[]> {
  // Without a guardrail identifier, ListGuardrails lists the DRAFT version of each guardrail: one entry per
  // guardrail (API_ListGuardrails, above).
  return collect(paginateListGuardrails({ client }, {}), (page) => page.guardrails, (g) =>
    g.name === name && g.id
      ? {
          kind: 'bedrock:guardrail',
          name,
          id: g.id,
          billable: false,
          note: `delete with all its versions: aws bedrock delete-guardrail --guardrail-identifier ${g.id}`,
        }
      : undefined,
  );
}

export function findVectorBuckets(client: S3VectorsClient, name: string): Promise<Leftover[]> {
  // A vector bucket can be deleted only once its indexes are:
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-buckets-delete.html
  return collect(paginateListVectorBuckets({ client }, { prefix: name }), (page) => page.vectorBuckets, (b) =>
    b.vectorBucketName === name
      ? {
          kind: 's3vectors:bucket',
          name,
          id: name,
          billable: true,
          note: `delete its indexes (aws s3vectors list-indexes --vector-bucket-name ${name}; delete-index), then aws s3vectors delete-vector-bucket --vector-bucket-name ${name}`,
        }
      : undefined,
  );
}
