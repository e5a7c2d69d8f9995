/**
 * What Lab 03 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/03-sagemaker-private/GUIDE.md in which the learner does what it names. The docs test fails when a
 * mapping has no evidence or its evidence is not in the guide (`evidenceProblems` in lib/labs/exams.ts).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam(
  [
    {
      task: '2.2',
      evidence: [
        { section: 'Steps', step: '3', quote: 'XGBoost prints `train-auc` and `validation-auc`' },
        { section: 'Steps', step: '7', quote: 'Change a hyperparameter in `HYPERPARAMETERS`' },
      ],
    },
    {
      task: '2.3',
      evidence: [{ section: 'Verify', quote: 'the confusion matrix and the scores' }],
    },
    {
      task: '3.1',
      evidence: [
        { section: 'Steps', step: '5', quote: 'Invoke the endpoint' },
        { section: 'Steps', step: '7', quote: 'updates the endpoint without downtime (blue/green)' },
      ],
    },
    {
      task: '3.2',
      evidence: [{ section: 'Steps', step: '4', quote: "the training job's and the endpoint's interfaces talk only to S3 addresses on port 443" }],
    },
    {
      task: '4.3',
      evidence: [{ section: 'Steps', step: '2', quote: '"Network isolation: true", "Inter-container encryption: true", the KMS key on volume and output' }],
    },
  ],
  { 'MLS-C01': ['3.2', '3.3', '3.5', '4'] },
);
