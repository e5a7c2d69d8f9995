/**
 * Output keys of the bedrock-rag stack: written by the stack, read by the lab scripts (ask, retrieve,
 * verify). No aws-cdk-lib import, so the scripts load it cheaply.
 */
export const BEDROCK_RAG_OUTPUTS = {
  knowledgeBaseId: 'KnowledgeBaseId',
  dataSourceId: 'DataSourceId',
  guardrailId: 'GuardrailId',
  guardrailVersion: 'GuardrailVersion',
  textModelArn: 'TextModelArn',
  corpusBucket: 'CorpusBucketName',
  vectorBucket: 'VectorBucketArn',
  vectorIndex: 'VectorIndexArn',
  chunking: 'ChunkingStrategy',
} as const;

/** Key prefix of the corpus in the document bucket: the data source's only inclusion prefix. */
export const CORPUS_PREFIX = 'corpus/';

/** The lab folder's corpus, relative to the repository root. */
export const CORPUS_FOLDER = 'labs/06-bedrock-rag/corpus';
