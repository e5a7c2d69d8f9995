/**
 * The chunking strategy of the lab's data source, chosen with `-c chunking=fixed|hierarchical|semantic`
 * (registered and validated in lib/context-options.ts). No imports: the context-option registry, the stack,
 * scripts and tests read it.
 *
 * The sizes are chosen for this corpus, not Bedrock's defaults: its notes have 129-186 words (about 190-280
 * tokens), so the defaults (300-token fixed chunks; 1,500/300-token hierarchical levels) would give one chunk
 * per note with every strategy, and comparing them would show nothing. With these sizes every note splits
 * into several fixed chunks, hierarchical search runs on smaller children and returns a whole note as their
 * parent, and semantic chunks end where the meaning changes; test/labs/06-bedrock-rag/chunking.test.ts
 * chunks the corpus the documented way and proves it.
 *
 * Sources: "How content chunking works for knowledge bases",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/kb-chunking.html (a fixed-size chunk does not exceed
 * maxTokens; overlapPercentage is shared between consecutive chunks), and the API reference of
 * HierarchicalChunkingConfiguration, https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_HierarchicalChunkingConfiguration.html
 * ("if you set overlap tokens to 60, the last 60 tokens in the first chunk are also included at the
 * beginning of the second chunk").
 *
 * Hierarchical chunking on an S3 Vectors store is not settled by AWS sources: no page found while writing
 * this (the Bedrock chunking page, the S3 Vectors pages "Using S3 Vectors with Amazon Bedrock Knowledge Bases"
 * and "Limitations and restrictions", the API references) says it is supported or unsupported. The only
 * related limit is S3 Vectors' metadata per vector, 40 KB with at most 2 KB filterable
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-limitations.html); the index makes
 * Bedrock's text keys non-filterable (vector-store.ts). A deploy with `-c chunking=hierarchical` is the check.
 */

export const CHUNKING_STRATEGIES = ['fixed', 'hierarchical', 'semantic'] as const;
export type ChunkingStrategy = (typeof CHUNKING_STRATEGIES)[number];

/** @default fixed: the strategy most tutorials start from, and the cheapest to ingest. */
export const DEFAULT_CHUNKING: ChunkingStrategy = 'fixed';

/** The `ChunkingConfiguration` of AWS::Bedrock::DataSource, as CloudFormation spells it. */
export interface ChunkingConfiguration {
  readonly chunkingStrategy: 'FIXED_SIZE' | 'HIERARCHICAL' | 'SEMANTIC';
  readonly fixedSizeChunkingConfiguration?: { readonly maxTokens: number; readonly overlapPercentage: number };
  readonly hierarchicalChunkingConfiguration?: {
    readonly levelConfigurations: readonly { readonly maxTokens: number }[];
    readonly overlapTokens: number;
  };
  readonly semanticChunkingConfiguration?: {
    readonly maxTokens: number;
    readonly bufferSize: number;
    readonly breakpointPercentileThreshold: number;
  };
}

export const CHUNKING_CONFIGURATIONS: Readonly<Record<ChunkingStrategy, ChunkingConfiguration>> = {
  // At most 100 tokens per chunk, 20% shared with the neighbour so a fact split at a boundary is in both.
  fixed: { chunkingStrategy: 'FIXED_SIZE', fixedSizeChunkingConfiguration: { maxTokens: 100, overlapPercentage: 20 } },
  // Small child chunks (60 tokens) are searched; their parent (up to 300 tokens: a whole note) is what
  // Retrieve returns and the model receives.
  hierarchical: {
    chunkingStrategy: 'HIERARCHICAL',
    hierarchicalChunkingConfiguration: { levelConfigurations: [{ maxTokens: 300 }, { maxTokens: 60 }], overlapTokens: 15 },
  },
  // Splits where the meaning of neighbouring sentences changes most (the 5% least similar pairs), and
  // wherever a chunk would pass 120 tokens.
  semantic: {
    chunkingStrategy: 'SEMANTIC',
    semanticChunkingConfiguration: { maxTokens: 120, bufferSize: 0, breakpointPercentileThreshold: 95 },
  },
};
