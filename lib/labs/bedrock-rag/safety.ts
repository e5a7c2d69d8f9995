/** Lab 06's preflight and leftovers scan (see lib/safety/lab-safety.ts). */
import { LAMBDA_LOG_GROUPS, type LabSafety } from '../../safety/lab-safety';
import { EMBEDDING_MODEL, SUPPORTED_REGIONS, TEXT_MODEL } from './models';

export const BEDROCK_RAG_SAFETY: LabSafety = {
  preflight: {
    services: ['bedrock', 's3', 'kms', 'lambda'],
    // The knowledge base embeds with the model in the Region itself; the scripts answer with the text model
    // through the Region's cross-Region inference profile (the stack's textModelArn output), not in-Region.
    bedrockModels: [EMBEDDING_MODEL.id],
    bedrockInferenceProfiles: Object.fromEntries(
      Object.entries(SUPPORTED_REGIONS).map(([region, models]) => [region, { profileId: models.textInferenceProfile, modelId: TEXT_MODEL.id }]),
    ),
  },
  leftovers: {
    logGroupPrefixes: [LAMBDA_LOG_GROUPS],
    // The stack names them with uniqueName('kb' | 'guardrail' | 'vectors', { style: 'kebab' }) (lib/labs/bedrock-rag/stack.ts).
    knowledgeBases: ['{stack-kebab}-kb'],
    guardrails: ['{stack-kebab}-guardrail'],
    vectorBuckets: ['{stack-kebab}-vectors'],
  },
};
