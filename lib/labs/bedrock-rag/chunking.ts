/**
 * The chunking strategy of the lab's data source, chosen with `-c chunking=fixed|hierarchical|semantic`
 * (registered and validated in lib/context-options.ts). The settings are Bedrock's documented defaults for
 * each strategy, so `retrieve` shows the strategies as a learner meets them in the console. No imports:
 * the context-option registry, the stack, scripts and tests read it.
 *
 * Source: "How content chunking works for knowledge bases",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/kb-chunking.html
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
  // About 300 tokens per chunk, 20% shared with the neighbour so a fact split at a boundary is in both.
  fixed: { chunkingStrategy: 'FIXED_SIZE', fixedSizeChunkingConfiguration: { maxTokens: 300, overlapPercentage: 20 } },
  // Small child chunks are searched; their larger parent chunk is what the model receives.
  hierarchical: {
    chunkingStrategy: 'HIERARCHICAL',
    hierarchicalChunkingConfiguration: { levelConfigurations: [{ maxTokens: 1500 }, { maxTokens: 300 }], overlapTokens: 60 },
  },
  // Splits where the meaning of neighbouring sentences changes most (the 5% least similar pairs).
  semantic: {
    chunkingStrategy: 'SEMANTIC',
    semanticChunkingConfiguration: { maxTokens: 300, bufferSize: 0, breakpointPercentileThreshold: 95 },
  },
};
