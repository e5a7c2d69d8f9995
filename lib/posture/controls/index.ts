/** The evidence for each lab's guide controls, by lab id (see evidence.ts). */
import { BEDROCK_RAG_EVIDENCE } from './bedrock-rag';
import { DATA_LAKE_EVIDENCE } from './data-lake';
import type { ControlEvidence } from './evidence';
import { FIREHOSE_TRANSFORM_EVIDENCE } from './firehose-transform';
import { LANGUAGE_CHAIN_EVIDENCE } from './language-chain';
import { SAGEMAKER_PRIVATE_EVIDENCE } from './sagemaker-private';
import { TUNE_AND_BATCH_EVIDENCE } from './tune-and-batch';

export type { ControlEvidence, Evidence } from './evidence';

export const POSTURE_EVIDENCE: Readonly<Record<string, ControlEvidence>> = {
  'data-lake': DATA_LAKE_EVIDENCE,
  'firehose-transform': FIREHOSE_TRANSFORM_EVIDENCE,
  'sagemaker-private': SAGEMAKER_PRIVATE_EVIDENCE,
  'language-chain': LANGUAGE_CHAIN_EVIDENCE,
  'tune-and-batch': TUNE_AND_BATCH_EVIDENCE,
  'bedrock-rag': BEDROCK_RAG_EVIDENCE,
};
