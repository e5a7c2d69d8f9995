/**
 * What Lab 08 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/08-safe-rollout/GUIDE.md in which the learner does what it names. The docs test fails when a
 * mapping has no evidence or its evidence is not in the guide (`evidenceProblems` in lib/labs/exams.ts).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam(
  [
    {
      task: '2.3',
      evidence: [{ section: 'Steps', step: '2', quote: 'sends one held-out row to each variant with `TargetVariant` and prints both scores' }],
    },
    {
      task: '3.1',
      evidence: [
        { section: 'Steps', step: '2', quote: '**change the weights** without a redeploy' },
        { section: 'Steps', step: '3', quote: '**Switch to a shadow test**' },
        { section: 'Steps', step: '7', quote: '**Roll out a broken model and watch the rollback.**' },
      ],
    },
    {
      task: '4.1',
      evidence: [
        { section: 'Steps', step: '4', quote: '**Read the captured data**' },
        { section: 'Steps', step: '5', quote: 'Send **drifted traffic**' },
        { section: 'Steps', step: '6', quote: '**Open the dashboard**' },
        { section: 'Verify', quote: 'the **drift alarm agrees with the latest drift value**' },
      ],
    },
    {
      task: '4.2',
      evidence: [{ section: 'Steps', step: '8', quote: 'the champion gets its second instance' }],
    },
  ],
  { 'MLS-C01': ['4'] },
);
