/**
 * What Lab 01 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/01-data-lake/GUIDE.md in which the learner does what it names. The docs test fails when a
 * mapping has no evidence or its evidence is not in the guide (`evidenceProblems` in lib/labs/exams.ts).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam(
  [
    {
      task: '1.1',
      evidence: [{ section: 'Steps', step: '4', quote: "Why columnar formats cut Athena's cost" }],
    },
    {
      task: '1.2',
      evidence: [
        { section: 'Steps', step: '3', quote: 'a CTAS query that writes the joined table as Snappy-compressed Parquet' },
        { section: 'Steps', step: '3', quote: 'one-hot encode them' },
      ],
    },
    {
      task: '4.3',
      evidence: [{ section: 'Steps', step: '2', quote: 'is encrypted with the lab key because the crawler has a security configuration' }],
    },
  ],
  { 'MLS-C01': ['1.1', '2.1'] },
);
