/**
 * Every lab's safety data by lab id. A lab added to the catalogue adds its lib/labs/<folder>/safety.ts
 * here; test/safety/labs.test.ts fails for a catalogue lab without one.
 */
import { BEDROCK_RAG_SAFETY } from '../labs/bedrock-rag/safety';
import { DATA_LAKE_SAFETY } from '../labs/data-lake/safety';
import { FIREHOSE_TRANSFORM_SAFETY } from '../labs/firehose-transform/safety';
import { LANGUAGE_CHAIN_SAFETY } from '../labs/language-chain/safety';
import { SAGEMAKER_PRIVATE_SAFETY } from '../labs/sagemaker-private/safety';
import { TUNE_AND_BATCH_SAFETY } from '../labs/tune-and-batch/safety';
import type { LabSafety } from './lab-safety';

export const LAB_SAFETY: Readonly<Record<string, LabSafety>> = {
  'data-lake': DATA_LAKE_SAFETY,
  'firehose-transform': FIREHOSE_TRANSFORM_SAFETY,
  'sagemaker-private': SAGEMAKER_PRIVATE_SAFETY,
  'language-chain': LANGUAGE_CHAIN_SAFETY,
  'tune-and-batch': TUNE_AND_BATCH_SAFETY,
  'bedrock-rag': BEDROCK_RAG_SAFETY,
};

/** A lab's safety data, or an error naming the file to add. */
export function safetyOf(labId: string): LabSafety {
  const safety = LAB_SAFETY[labId];
  if (!safety) {
    throw new Error(`Lab ${labId} declares no preflight or leftovers data: add lib/labs/<folder>/safety.ts and list it in lib/safety/labs.ts.`);
  }
  return safety;
}
