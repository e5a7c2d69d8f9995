/**
 * What Lab 02 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/02-firehose-transform/GUIDE.md in which the learner does what it names. The docs test fails when a
 * mapping has no evidence or its evidence is not in the guide (`evidenceProblems` in lib/labs/exams.ts).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam(
  [
    {
      task: '1.1',
      evidence: [
        { section: 'Steps', step: '1', quote: 'It sends the records in `PutRecordBatch` calls' },
        { section: 'Steps', step: '3', quote: 'The `year=/month=/day=/hour=` folders are Hive-style partitions' },
      ],
    },
    {
      task: '1.2',
      evidence: [
        { section: 'Steps', step: '2', quote: 'Firehose calls the function' },
        { section: 'Steps', step: '3', quote: 'Each line is one reading.' },
      ],
    },
    {
      task: '4.1',
      evidence: [
        { section: 'Steps', step: '2', quote: 'filter message.event = "RecordRejected"' },
        { section: 'Steps', step: '4', quote: 'Rejected records are stored as Firehose received them' },
      ],
    },
    {
      task: '4.3',
      evidence: [{ section: 'Steps', step: '3', quote: 'Firehose wrote the object with SSE-KMS under the key the stack gave it' }],
    },
  ],
  { 'MLS-C01': ['1.2', '1.3'] },
);
