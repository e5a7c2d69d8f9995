/**
 * Asks the lab's knowledge base a question: `npm run lab -- bedrock-rag ask "<question>" [--learner alice]`.
 * RetrieveAndGenerate retrieves the closest chunks and Amazon Nova Micro answers from them, behind the
 * lab guardrail; prints the answer, its citations (document and chunk) and what the guardrail did.
 */
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { formatAnswer } from './lib/rag';
import { ask, readLab } from './lib/session';

export const SCRIPT: ScriptSpec = {
  script: 'ask',
  summary: 'Asks the knowledge base a question: retrieves the closest chunks, answers from them behind the lab guardrail, and prints the answer, its citations and what the guardrail did.',
  learner: true,
  question: true,
  example: '"What does lab 01 teach?" --learner alice',
};

export async function main(argv: string[]): Promise<void> {
  const { stackName, question = '' } = parseScriptArgs(findLab('bedrock-rag'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  const lab = await readLab(new CloudFormationClient(aws), stackName);
  console.log(`  … retrieving from knowledge base ${lab.knowledgeBaseId} and generating with ${lab.textModelArn.split('/').pop()}`);
  const answer = await ask(new BedrockAgentRuntimeClient(aws), lab, question);
  console.log(`\n${formatAnswer(question, answer)}`);
}
