/**
 * The Bedrock models lab 06 uses, and the Regions where the lab can be built, as data with their sources.
 * No aws-cdk-lib import: the stack, the lab scripts and the tests read it.
 *
 * A Region is listed only when all of these are documented there: Amazon S3 Vectors, Bedrock knowledge
 * bases with an S3 Vectors store, the embedding model in the Region itself (the knowledge base invokes
 * it in-Region during ingestion), and a cross-Region inference profile of the text model with the Region
 * as a source Region. To add a Region, check it on each page in SOURCES and add its row.
 */
import { KitConfigError } from '../../config';

export const SOURCES = {
  embeddingModel: 'https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html',
  knowledgeBaseModels: 'https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base-supported.html',
  inferenceProfiles: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html',
  s3VectorsRegions: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-regions-quotas.html',
  modelAccess: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html',
} as const;

/** The embedding model of the knowledge base; the vector index is built for its output. */
export const EMBEDDING_MODEL = {
  id: 'amazon.titan-embed-text-v2:0',
  name: 'Amazon Titan Text Embeddings V2',
  /** V2 outputs 1,024 (default), 512 or 256 dimensions; 1,024 keeps the most accuracy for a tiny corpus. */
  dimensions: 1024,
  /** Titan V2 vectors are normalized, so cosine and dot product rank the same; S3 Vectors offers cosine. */
  distanceMetric: 'cosine',
  dataType: 'float32',
  source: SOURCES.embeddingModel,
} as const;

/** The low-cost Amazon text model the lab scripts generate answers with, through an inference profile. */
export const TEXT_MODEL = {
  id: 'amazon.nova-micro-v1:0',
  name: 'Amazon Nova Micro',
  source: SOURCES.inferenceProfiles,
} as const;

/** What the lab uses in one Region. */
export interface RegionModels {
  /** The cross-Region (system-defined) inference profile id of the text model for this source Region. */
  readonly textInferenceProfile: string;
  /** Where the profile may route a request: the learner's access must cover the model in each of them. */
  readonly destinationRegions: readonly string[];
}

const US_NOVA_MICRO: RegionModels = {
  textInferenceProfile: `us.${TEXT_MODEL.id}`,
  destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2'],
};
const EU_NOVA_MICRO: RegionModels = {
  textInferenceProfile: `eu.${TEXT_MODEL.id}`,
  destinationRegions: ['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-3'],
};

/** The Regions lab 06 can be built in, each with its inference profile. */
export const SUPPORTED_REGIONS: Readonly<Record<string, RegionModels>> = {
  'us-east-1': US_NOVA_MICRO,
  'us-west-2': US_NOVA_MICRO,
  'eu-central-1': EU_NOVA_MICRO,
};

/**
 * The models of a Region, or a KitConfigError that lists the supported Regions. The app never builds the lab in
 * another Region (regions.ts lists these for lib/labs/regions.ts), so only a direct caller sees the error.
 */
export function modelsFor(region: string): RegionModels {
  const models = SUPPORTED_REGIONS[region];
  if (!models) {
    throw new KitConfigError(
      `Lab bedrock-rag (Bedrock knowledge base on S3 Vectors) is not available in Region "${region}". ` +
        `Deploy it to one of: ${Object.keys(SUPPORTED_REGIONS).join(', ')} (set AWS_REGION or your AWS ` +
        "profile's region), or add the Region to lib/labs/bedrock-rag/models.ts after checking it on the pages listed " +
        'there.',
    );
  }
  return models;
}

/** ARN of a foundation model in a Region (foundation models have no account in their ARN). */
export function foundationModelArn(partition: string, region: string, modelId: string): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

/** ARN of a system-defined inference profile as seen from the account and source Region. */
export function inferenceProfileArn(partition: string, region: string, account: string, profileId: string): string {
  return `arn:${partition}:bedrock:${region}:${account}:inference-profile/${profileId}`;
}
