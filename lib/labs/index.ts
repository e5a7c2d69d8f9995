/**
 * THE LIST OF LABS, the only one. A new lab is one folder (lib/labs/<lab>/ with its `lab.ts` definition) and one
 * line here; the app, the lab runner, the tests and the doc generators iterate over this list, and nothing
 * else names a lab (README, "Adding a lab"). The order is the README's and the app's.
 */
import { BEDROCK_RAG } from './bedrock-rag/lab';
import { DATA_LAKE } from './data-lake/lab';
import { FIREHOSE_TRANSFORM } from './firehose-transform/lab';
import type { LabDefinition } from './lab-definition';
import { findLabIn } from './lab-info';
import { LANGUAGE_CHAIN } from './language-chain/lab';
import { MLOPS_PIPELINE } from './mlops-pipeline/lab';
import { SAFE_ROLLOUT } from './safe-rollout/lab';
import { SAGEMAKER_PRIVATE } from './sagemaker-private/lab';
import { TUNE_AND_BATCH } from './tune-and-batch/lab';

export const LABS: readonly LabDefinition[] = [DATA_LAKE, FIREHOSE_TRANSFORM, SAGEMAKER_PRIVATE, LANGUAGE_CHAIN, TUNE_AND_BATCH, BEDROCK_RAG, MLOPS_PIPELINE, SAFE_ROLLOUT];

/** The kit's lab with this id, or an error that lists them. */
export function findLab(id: string): LabDefinition {
  return findLabIn(LABS, id);
}
