/**
 * What Lab 05 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/05-tune-and-batch/GUIDE.md in which the learner does what it names. The docs test fails when a
 * mapping has no evidence or its evidence is not in the guide (`evidenceProblems` in lib/labs/exams.ts).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam(
  [
    {
      task: '2.2',
      evidence: [
        { section: 'Steps', step: '2', quote: 'was **stopped early**' },
        { section: 'Steps', step: '5', quote: 'Change the search and redeploy.' },
      ],
    },
    {
      task: '2.3',
      evidence: [{ section: 'Verify', quote: '**confusion matrix** of the 300 test rows with **precision, recall and F1 per class**' }],
    },
    {
      task: '3.1',
      evidence: [{ section: 'Steps', step: '4', quote: 'Each line is a test row (label first) with the predicted class appended' }],
    },
    {
      task: '4.3',
      evidence: [
        {
          section: 'Steps',
          step: '3',
          quote: "check what the tuning job's definition enforced: VPC subnets and security group, network isolation, inter-container encryption, the lab key on volume and output",
        },
      ],
    },
  ],
  { 'MLS-C01': ['3.3', '3.4', '3.5', '4'] },
);
