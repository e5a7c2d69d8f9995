/** Lab 06: everything the kit knows about it (see lib/labs/lab-definition.ts). */
import type { LabDefinition } from '../lab-definition';
import { CALLS } from './calls';
import { BEDROCK_RAG_EVIDENCE } from './controls';
import { LAB_EXAM } from './exam';
import { CHUNKING } from './options';
import { BEDROCK_RAG_OUTPUTS } from './outputs';
import { BEDROCK_RAG_REGIONS } from './regions';
import { BEDROCK_RAG_SAFETY } from './safety';
import type * as StackModule from './stack';

export const BEDROCK_RAG: LabDefinition = {
  id: 'bedrock-rag',
  stackId: 'Lab06BedrockRag',
  title: 'RAG with a Bedrock knowledge base on S3 Vectors, behind a guardrail',
  exam: LAB_EXAM,
  folder: 'labs/06-bedrock-rag',
  idleCost: 'about $0.03/day (KMS key; nothing bills by the hour); under one cent per question',
  regions: BEDROCK_RAG_REGIONS,
  options: [CHUNKING],
  safety: BEDROCK_RAG_SAFETY,
  evidence: BEDROCK_RAG_EVIDENCE,
  calls: CALLS,
  outputs: BEDROCK_RAG_OUTPUTS,
  createStack: (scope, id, props) => {
    // The stack module loads aws-cdk-lib: required here, when the app builds the lab, so scripts stay light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BedrockRagStack } = require('./stack') as typeof StackModule;
    return new BedrockRagStack(scope, id, props);
  },
};
