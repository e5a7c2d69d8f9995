/**
 * Shows what the knowledge base retrieves for a question, without generating an answer:
 * `npm run lab -- bedrock-rag retrieve "<question>" [--learner alice]`. Each chunk with its similarity
 * score and document: deploy with another `-c chunking=` and compare.
 */
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { parseLabArgs } from '../shared/args';
import { formatTable } from '../shared/table';
import { type Chunk, excerpt, readQuestion } from './lib/rag';
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

export async function main(argv: string[]): Promise<void> {
  const { question, rest } = readQuestion('retrieve', argv);
  const { stackName } = parseLabArgs('bedrock-rag', rest);
  const lab = await readLab(new CloudFormationClient({}), stackName);
  console.log(`  … retrieving from knowledge base ${lab.knowledgeBaseId} (${lab.chunking} chunking)`);
  const chunks = await retrieve(new BedrockAgentRuntimeClient({}), lab, question);
  console.log(`\nQuestion: ${question}\n\n${formatChunks(chunks)}`);
}
