import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BedrockAgentRuntimeClient,
  RetrieveAndGenerateCommand,
  type RetrieveAndGenerateCommandOutput,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { SCRIPT as ASK } from '../../../labs/06-bedrock-rag/ask';
import { formatAnswer, readAnswer, type Answer, UNMASKED_CITATIONS_NOTE } from '../../../labs/06-bedrock-rag/lib/rag';
import { SCRIPT as RETRIEVE } from '../../../labs/06-bedrock-rag/retrieve';
import { parseScriptArgs } from '../../../labs/shared/args';
import { findLab } from '../../../lib/labs';
import { ask, type RagLab, retrieve } from '../../../labs/06-bedrock-rag/lib/session';
import { formatChunks } from '../../../labs/06-bedrock-rag/retrieve';
import { CASES, scoreCase, type VerifyCase, verifyRag } from '../../../labs/06-bedrock-rag/verify';
import { BLOCKED_MESSAGES } from '../../../lib/labs/bedrock-rag/guardrail-policy';

const runtime = mockClient(BedrockAgentRuntimeClient);
const LAB: RagLab = {
  knowledgeBaseId: 'KB12345678',
  guardrailId: 'gr123',
  guardrailVersion: '1',
  textModelArn: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-micro-v1:0',
  chunking: 'fixed',
};
const reference = (document: string, text: string, chunkId = 'chunk-1') => ({
  content: { text },
  location: { type: 'S3' as const, s3Location: { uri: `s3://lab06-documents/corpus/${document}` } },
  metadata: { 'x-amz-bedrock-kb-chunk-id': chunkId },
});
const response = (text: string, documents: string[], guardrailAction?: 'INTERVENED' | 'NONE'): RetrieveAndGenerateCommandOutput => ({
  $metadata: {},
  sessionId: 's',
  output: { text },
  citations: [{ retrievedReferences: documents.map((d) => reference(d, `A chunk of ${d}`)) }],
  guardrailAction,
});
const answer = (text: string, documents: string[], guardrailAction?: 'INTERVENED' | 'NONE'): Answer =>
  readAnswer(response(text, documents, guardrailAction));

beforeEach(() => runtime.reset());

describe('ask and retrieve', () => {
  test('the question is the first argument; options follow it', () => {
    const lab = findLab('bedrock-rag');
    expect(parseScriptArgs(lab, ASK, ['What is lab 01?', '--learner', 'alice'])).toMatchObject({ question: 'What is lab 01?', stackName: 'alice-Lab06BedrockRag' });
    expect(() => parseScriptArgs(lab, ASK, [])).toThrow('Ask a question in quotes first: npm run lab -- bedrock-rag ask "What does lab 01 teach?"');
    expect(() => parseScriptArgs(lab, RETRIEVE, ['--learner', 'alice'])).toThrow(/bedrock-rag retrieve "/);
  });

  test('ask calls RetrieveAndGenerate with the text model and the published guardrail version', async () => {
    runtime.on(RetrieveAndGenerateCommand).resolves(response('It bills per use.', ['lab-06-rag.md']));
    await ask(new BedrockAgentRuntimeClient({}), LAB, 'Why S3 Vectors?');
    expect(runtime.commandCalls(RetrieveAndGenerateCommand)[0].args[0].input).toEqual({
      input: { text: 'Why S3 Vectors?' },
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId: 'KB12345678',
          modelArn: LAB.textModelArn,
          retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 5 } },
          generationConfiguration: {
            guardrailConfiguration: { guardrailId: 'gr123', guardrailVersion: '1' },
            inferenceConfig: { textInferenceConfig: { temperature: 0, maxTokens: 512 } },
          },
        },
      },
    });
  });

  test('ask prints the answer, each cited document and chunk once, and the guardrail action', () => {
    const printed = formatAnswer(
      'Why S3 Vectors?',
      readAnswer({
        output: { text: 'S3 Vectors has no hourly charge.' },
        citations: [
          { retrievedReferences: [reference('lab-06-rag.md', 'The vector store is S3 Vectors rather than...', 'c-7')] },
          { retrievedReferences: [reference('lab-06-rag.md', 'The vector store is S3 Vectors rather than...', 'c-7')] },
        ],
        guardrailAction: 'NONE',
      }),
    );
    expect(printed).toBe(
      [
        'Question: Why S3 Vectors?',
        '',
        'Answer:',
        '  S3 Vectors has no hourly charge.',
        '',
        'Citations:',
        '  [1] lab-06-rag.md (chunk c-7): "The vector store is S3 Vectors rather than..."',
        '',
        'Guardrail: NONE',
      ].join('\n'),
    );
  });

  test('when the guardrail masked the answer, ask says the citations are not masked (the guardrail applies to the generation only)', () => {
    const masked = readAnswer({
      output: { text: 'Write to {EMAIL}.' },
      citations: [{ retrievedReferences: [reference('about-the-kit.md', 'Contact: jane@example.com', 'c-1')] }],
      guardrailAction: 'INTERVENED',
    });
    expect(formatAnswer('Who?', masked)).toContain(UNMASKED_CITATIONS_NOTE);
    const plain = readAnswer({ output: { text: 'No PII here.' }, citations: [{ retrievedReferences: [reference('a.md', 'x', 'c-2')] }], guardrailAction: 'NONE' });
    expect(formatAnswer('Why?', plain)).not.toContain(UNMASKED_CITATIONS_NOTE);
  });

  test('the guardrail effect is read from the blocked messages and the PII placeholders', () => {
    expect(answer(BLOCKED_MESSAGES.input, [], 'INTERVENED').guardrail).toMatch(/^blocked the question/);
    expect(answer(BLOCKED_MESSAGES.output, [], 'INTERVENED').guardrail).toMatch(/^blocked the answer/);
    expect(answer('Write to {NAME} at {EMAIL}.', ['about-the-kit.md'], 'INTERVENED').guardrail).toBe('masked EMAIL, NAME in the answer');
    expect(answer('Write to the team.', [], 'NONE').guardrail).toBeUndefined();
  });

  test('retrieve lists the chunks with their scores and documents', async () => {
    runtime.on(RetrieveCommand).resolves({
      $metadata: {},
      retrievalResults: [
        { ...reference('chunking-strategies.md', 'Hierarchical chunking makes two layers'), score: 0.61234 },
        { ...reference('lab-06-rag.md', 'Lab 06 answers questions'), score: 0.4 },
      ],
    });
    const chunks = await retrieve(new BedrockAgentRuntimeClient({}), LAB, 'hierarchical?');
    expect(runtime.commandCalls(RetrieveCommand)[0].args[0].input).toMatchObject({ knowledgeBaseId: 'KB12345678', retrievalQuery: { text: 'hierarchical?' } });
    expect(formatChunks(chunks).split('\n')).toEqual([
      'rank  score  document                characters  text',
      '----  -----  ----------------------  ----------  --------------------------------------',
      '1     0.612  chunking-strategies.md  38          Hierarchical chunking makes two layers',
      '2     0.400  lab-06-rag.md           24          Lab 06 answers questions',
    ]);
  });
});

describe('verify scoring', () => {
  const fact = CASES.find((c) => c.id === 'endpoint-instance') as VerifyCase;
  const pii = CASES.find((c) => c.id === 'pii-masked') as VerifyCase;
  const denied = CASES.find((c) => c.id === 'denied-topic') as VerifyCase;

  test('a fact case passes with the fact and the citation, and fails naming what is missing', () => {
    expect(scoreCase(fact, answer('It uses ml.t2.medium.', ['lab-03-sagemaker-private.md'])).passed).toBe(true);
    expect(scoreCase(fact, answer('It uses a small instance.', ['lab-01-data-lake.md'])).problems).toEqual([
      'the answer lacks /ml\\.t2\\.medium/',
      'the answer does not cite lab-03-sagemaker-private.md (cited: lab-01-data-lake.md)',
    ]);
    expect(scoreCase(fact, answer(BLOCKED_MESSAGES.output, [], 'INTERVENED')).problems[0]).toMatch(/the guardrail intervened \(blocked the answer/);
  });

  test('the PII case passes only when the guardrail masked the contact details', () => {
    expect(scoreCase(pii, answer('Contact {NAME} at {EMAIL} or {PHONE}.', ['about-the-kit.md'], 'INTERVENED')).passed).toBe(true);
    expect(scoreCase(pii, answer('Contact Jane Doe at jane.doe@example.com.', ['about-the-kit.md'], 'NONE')).problems).toEqual([
      'the guardrail did not intervene',
      'the answer shows jane.doe@example.com, Jane Doe',
    ]);
  });

  test('the denied topic must be blocked as a question, not merely masked', () => {
    expect(scoreCase(denied, answer(BLOCKED_MESSAGES.input, [], 'INTERVENED')).passed).toBe(true);
    expect(scoreCase(denied, answer('Here are some: {NAME}', [], 'INTERVENED')).problems).toEqual([
      'expected the question to be blocked, but the guardrail masked NAME in the answer',
    ]);
  });

  test('verify asks every case in order with progress lines and returns a summary row per case', async () => {
    const lines: string[] = [];
    const results = await verifyRag({
      cases: [fact, denied],
      answer: (q) => Promise.resolve(q === denied.question ? answer(BLOCKED_MESSAGES.input, [], 'INTERVENED') : answer('ml.t2.medium', ['lab-03-sagemaker-private.md'])),
      log: (line) => lines.push(line),
    });
    expect(lines).toEqual([`  … 1/2 endpoint-instance: ${fact.question}`, `  … 2/2 denied-topic: ${denied.question}`]);
    expect(results.map((r) => r.row)).toEqual([
      { case: 'endpoint-instance', kind: 'fact', guardrail: 'NONE', cited: 'lab-03-sagemaker-private.md', result: 'PASS' },
      { case: 'denied-topic', kind: 'guardrail', guardrail: 'blocked the question (denied topic, harmful content or prompt attack)', cited: '-', result: 'PASS' },
    ]);
  });

  test('every fact case cites a document of the corpus', () => {
    const corpus = fs.readdirSync(path.join(__dirname, '..', '..', '..', 'labs', '06-bedrock-rag', 'corpus'));
    const cited = CASES.flatMap((c) => (c.kind === 'fact' ? [c.document] : []));
    expect(cited.filter((d) => !corpus.includes(d))).toEqual([]);
    expect(CASES.filter((c) => c.kind === 'guardrail').map((c) => c.id)).toEqual(['pii-masked', 'denied-topic', 'prompt-attack']);
  });
});
