/**
 * Shows what the knowledge base retrieves for a question, without generating an answer:
 * `npm run lab -- bedrock-rag retrieve "<question>" [--learner alice]`. Each chunk with its similarity
 * score and document: deploy with another `-c chunking=` and compare.
 */
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { formatTable } from '../shared/table';
import { type Chunk, excerpt } from './lib/rag';
import { readLab, retrieve } from './lib/session';

/** The retrieved chunks as a table: rank, score, document, chunk size and the start of its text. */
export function formatChunks(chunks: readonly Chunk[]): string {
  return formatTable(
    chunks.map((c, i) => ({
      rank: i + 1,
      score: c.score === undefined ? '-' : c.score.toFixed(3),
      document: c.document,
      characters: c.text.length,
      text: excerpt(c.text, 70),
    })),
  );
}

export const SCRIPT: ScriptSpec = {
  script: 'retrieve',
  summary: 'Shows what the knowledge base retrieves for a question, without generating an answer: each chunk with its score and document.',
  learner: true,
  question: true,
  example: '"What does lab 01 teach?" --learner alice',
};

export async function main(argv: string[]): Promise<void> {
  const { stackName, question = '' } = parseScriptArgs(findLab('bedrock-rag'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  const lab = await readLab(new CloudFormationClient(aws), stackName);
  console.log(`  … retrieving from knowledge base ${lab.knowledgeBaseId} (${lab.chunking} chunking)`);
  const chunks = await retrieve(new BedrockAgentRuntimeClient(aws), lab, question);
  console.log(`\nQuestion: ${question}\n\n${formatChunks(chunks)}`);
}
