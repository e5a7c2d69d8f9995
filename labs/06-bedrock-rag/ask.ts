/**
 * Asks the lab's knowledge base a question: `npm run lab -- bedrock-rag ask "<question>" [--learner alice]`.
 * RetrieveAndGenerate retrieves the closest chunks and Amazon Nova Micro answers from them, behind the
 * lab guardrail; prints the answer, its citations (document and chunk) and what the guardrail did.
 */
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { parseLabArgs } from '../shared/args';
import { formatAnswer, readQuestion } from './lib/rag';
import { ask, readLab } from './lib/session';

export async function main(argv: string[]): Promise<void> {
  const { question, rest } = readQuestion('ask', argv);
  const { stackName } = parseLabArgs('bedrock-rag', rest);
  const lab = await readLab(new CloudFormationClient({}), stackName);
  console.log(`  … retrieving from knowledge base ${lab.knowledgeBaseId} and generating with ${lab.textModelArn.split('/').pop()}`);
  const answer = await ask(new BedrockAgentRuntimeClient({}), lab, question);
  console.log(`\n${formatAnswer(question, answer)}`);
}
