/**
 * What the lab 06 scripts do with Bedrock's answers, as pure functions over the response shapes, so the
 * output and the verify scoring are tested without AWS: citations (document and chunk), retrieved chunks, and what the guardrail did.
 */
import type {
  KnowledgeBaseRetrievalResult,
  RetrieveAndGenerateCommandOutput,
  RetrieveCommandOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { BLOCKED_MESSAGES, MASKED_PII } from '../../../lib/labs/bedrock-rag/guardrail-policy';

/** How many chunks `ask` and `retrieve` fetch. */
export const NUMBER_OF_RESULTS = 5;

/** A cited or retrieved chunk: the document (key under the corpus prefix), its chunk id and text. */
export interface Chunk {
  readonly document: string;
  readonly chunkId: string;
  readonly text: string;
  readonly score?: number;
}

/** The document name of an S3 URI such as s3://bucket/corpus/lab-06-rag.md → lab-06-rag.md. */
export function documentOf(uri: string | undefined): string {
  return uri ? uri.replace(/^s3:\/\/[^/]+\//, '').replace(/^corpus\//, '') : '(unknown document)';
}

/** What a citation's reference and a retrieval result have in common. */
type RetrievedChunk = Partial<Pick<KnowledgeBaseRetrievalResult, 'content' | 'location' | 'metadata' | 'score'>>;

function chunkOf(result: RetrievedChunk): Chunk {
  const chunkId = result.metadata?.['x-amz-bedrock-kb-chunk-id'];
  return {
    document: documentOf(result.location?.s3Location?.uri),
    chunkId: typeof chunkId === 'string' ? chunkId : '-',
    text: result.content?.text ?? '',
    score: result.score,
  };
}

/** What the guardrail did, in words; `undefined` when it did not intervene. */
export function guardrailEffect(action: string | undefined, text: string): string | undefined {
  if (action !== 'INTERVENED') {
    return undefined;
  }
  if (text.trim() === BLOCKED_MESSAGES.input) {
    return 'blocked the question (denied topic, harmful content or prompt attack)';
  }
  if (text.trim() === BLOCKED_MESSAGES.output) {
    return 'blocked the answer (harmful content, or not grounded in the retrieved chunks)';
  }
  const masked = MASKED_PII.filter((type) => text.includes(`{${type}}`));
  return masked.length > 0 ? `masked ${masked.join(', ')} in the answer` : 'intervened (see the Bedrock console for the trace)';
}

/** The parts of a RetrieveAndGenerate response the scripts show and score. */
export interface Answer {
  readonly text: string;
  readonly citations: readonly Chunk[];
  readonly guardrailAction: string;
  readonly guardrail?: string;
}

export function readAnswer(response: Pick<RetrieveAndGenerateCommandOutput, 'output' | 'citations' | 'guardrailAction'>): Answer {
  const text = response.output?.text ?? '';
  const citations = (response.citations ?? []).flatMap((c) => c.retrievedReferences ?? []).map(chunkOf);
  const unique = [...new Map(citations.map((c) => [`${c.document}#${c.chunkId}`, c])).values()];
  const guardrailAction = response.guardrailAction ?? 'NONE';
  return { text, citations: unique, guardrailAction, guardrail: guardrailEffect(guardrailAction, text) };
}

export function readChunks(response: Pick<RetrieveCommandOutput, 'retrievalResults'>): Chunk[] {
  return (response.retrievalResults ?? []).map(chunkOf);
}

/** One line of a chunk for the terminal. */
export function excerpt(text: string, length = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/**
 * Said under the citations when the guardrail masked the answer. The guardrail is part of the generation
 * configuration of RetrieveAndGenerate (KnowledgeBaseRetrieveAndGenerateConfiguration.generationConfiguration,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_GenerationConfiguration.html);
 * a citation's reference is the retrieved chunk as stored (RetrievedReference.content,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_RetrievedReference.html), so what
 * the guardrail masked in the answer can still be in a citation.
 */
export const UNMASKED_CITATIONS_NOTE =
  '  Note: citations are the stored chunks as retrieved; the guardrail masked the answer, not them. ' +
  'An application would pass them through ApplyGuardrail too, or not show them.';

/** The answer as `ask` prints it. */
export function formatAnswer(question: string, answer: Answer): string {
  const citations = answer.citations.length
    ? answer.citations.map((c, i) => `  [${i + 1}] ${c.document} (chunk ${c.chunkId}): "${excerpt(c.text, 80)}"`)
    : ['  (none)'];
  if (answer.citations.length > 0 && answer.guardrail?.startsWith('masked')) {
    citations.push(UNMASKED_CITATIONS_NOTE);
  }
  return [
    `Question: ${question}`,
    '',
    'Answer:',
    ...answer.text.split('\n').map((line) => `  ${line}`),
    '',
    'Citations:',
    ...citations,
    '',
    `Guardrail: ${answer.guardrailAction}${answer.guardrail ? ` (${answer.guardrail})` : ''}`,
  ].join('\n');
}
