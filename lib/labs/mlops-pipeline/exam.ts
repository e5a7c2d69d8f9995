/**
 * What Lab 07 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/07-mlops-pipeline/GUIDE.md in which the learner does what it names (`evidenceProblems` in
 * lib/labs/exams.ts checks the quotes are in the guide).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam([
  {
    task: '3.3',
    evidence: [
      { section: 'Steps', step: '2', quote: 'follow its steps as they run' },
      { section: 'Steps', step: '4', quote: 'Approving the version starts the delivery pipeline' },
    ],
  },
  {
    task: '2.3',
    evidence: [{ section: 'Steps', step: '3', quote: 'the metrics the Evaluate step attached to the version' }],
  },
  {
    task: '3.1',
    evidence: [{ section: 'Steps', step: '4', quote: 'staging serverless endpoint' }],
  },
  {
    task: '4.3',
    evidence: [{ section: 'Steps', step: '2', quote: 'every job of the execution ran in the lab VPC with network isolation' }],
  },
]);
