/** The deployed lab as the scripts see it: its outputs, read once, and the Bedrock runtime requests. */
import {
  type BedrockAgentRuntimeClient,
  RetrieveAndGenerateCommand,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { BEDROCK_RAG_OUTPUTS } from '../../../lib/labs/bedrock-rag/outputs';
import { readStackOutputs, requireOutput } from '../../shared/stack-outputs';
import { type Answer, type Chunk, NUMBER_OF_RESULTS, readAnswer, readChunks } from './rag';

export interface RagLab {
  readonly knowledgeBaseId: string;
  readonly guardrailId: string;
  readonly guardrailVersion: string;
  readonly textModelArn: string;
  readonly chunking: string;
}

export async function readLab(cfn: CloudFormationClient, stackName: string): Promise<RagLab> {
  const outputs = await readStackOutputs(cfn, stackName);
  const get = (key: keyof typeof BEDROCK_RAG_OUTPUTS) => requireOutput(outputs, BEDROCK_RAG_OUTPUTS[key]);
  return {
    knowledgeBaseId: get('knowledgeBaseId'),
    guardrailId: get('guardrailId'),
    guardrailVersion: get('guardrailVersion'),
    textModelArn: get('textModelArn'),
    chunking: get('chunking'),
  };
}

/**
 * RetrieveAndGenerate with the lab's text model and its published guardrail version. `modelArn` may be a
 * foundation model or an inference profile ARN (KnowledgeBaseRetrieveAndGenerateConfiguration,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_KnowledgeBaseRetrieveAndGenerateConfiguration.html).
 */
export async function ask(client: BedrockAgentRuntimeClient, lab: RagLab, question: string): Promise<Answer> {
  const response = await client.send(
    new RetrieveAndGenerateCommand({
      input: { text: question },
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId: lab.knowledgeBaseId,
          modelArn: lab.textModelArn,
          retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: NUMBER_OF_RESULTS } },
          generationConfiguration: {
            guardrailConfiguration: { guardrailId: lab.guardrailId, guardrailVersion: lab.guardrailVersion },
            inferenceConfig: { textInferenceConfig: { temperature: 0, maxTokens: 512 } },
          },
        },
      },
    }),
  );
  return readAnswer(response);
}

/** Retrieve only: the chunks and their similarity scores, no model call. */
export async function retrieve(client: BedrockAgentRuntimeClient, lab: RagLab, question: string): Promise<Chunk[]> {
  const response = await client.send(
    new RetrieveCommand({
      knowledgeBaseId: lab.knowledgeBaseId,
      retrievalQuery: { text: question },
      retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: NUMBER_OF_RESULTS } },
    }),
  );
  return readChunks(response);
}
