/**
 * What Lab 06 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/06-bedrock-rag/GUIDE.md in which the learner does what it names. The docs test fails when a
 * mapping has no evidence or its evidence is not in the guide (`evidenceProblems` in lib/labs/exams.ts).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam(
  [
    {
      task: '1.1',
      evidence: [{ section: 'Steps', step: '2', quote: 'A table of the five closest chunks' }],
    },
    {
      task: '1.2',
      evidence: [
        { section: 'Deploy', quote: 'To choose another chunking strategy, add `-c chunking=hierarchical` or `-c chunking=semantic`' },
        { section: 'Steps', step: '1', quote: 'the data source shows its chunking strategy' },
      ],
    },
    {
      task: '2.1',
      evidence: [
        { section: 'Steps', step: '2', quote: 'this is the "R" of RAG alone' },
        { section: 'Steps', step: '3', quote: 'It prints the answer, each citation' },
      ],
    },
    {
      task: '2.3',
      evidence: [
        { section: 'Steps', step: '2', quote: 'their similarity score' },
        { section: 'Verify', quote: 'each answer must contain given facts' },
      ],
    },
    {
      task: '3.2',
      evidence: [{ section: 'Steps', step: '1', quote: 'In the Bedrock console, open the knowledge base' }],
    },
    {
      task: '3.3',
      evidence: [{ section: 'Steps', step: '5', quote: 'the new corpus version starts a new ingestion job' }],
    },
    {
      task: '4.2',
      evidence: [{ section: 'Steps', step: '3', quote: 'Compare what the two calls cost' }],
    },
    {
      task: '4.3',
      evidence: [{ section: 'Steps', step: '4', quote: 'the sensitive-information filter masks them' }],
    },
  ],
  { 'AIF-C01': ['2.1', '3.1'], 'AIP-C01': ['1', '3'] },
);
