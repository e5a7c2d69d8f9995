import type { LabRegions } from '../regions';
import { SOURCES, SUPPORTED_REGIONS } from './models';

/** Lab 06's Regions: those where every piece it needs is documented (see models.ts). */
export const BEDROCK_RAG_REGIONS: LabRegions = {
  why:
    'Amazon S3 Vectors, Bedrock knowledge bases on S3 Vectors, the Titan Text Embeddings V2 model and a cross-Region ' +
    'inference profile of Amazon Nova Micro are all offered',
  source: SOURCES.knowledgeBaseModels,
  regions: Object.keys(SUPPORTED_REGIONS),
};
