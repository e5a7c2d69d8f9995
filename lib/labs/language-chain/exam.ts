/**
 * What Lab 04 teaches for the exams, and where: each MLA-C02 task statement with the step, exercise or verify
 * check of labs/04-language-chain/GUIDE.md in which the learner does what it names. The docs test fails when a
 * mapping has no evidence or its evidence is not in the guide (`evidenceProblems` in lib/labs/exams.ts).
 */
import { labExam } from '../exams';

export const LAB_EXAM = labExam(
  [
    {
      task: '1.2',
      evidence: [{ section: 'Steps', step: '5', quote: '`englishText` shows `****` where the values were' }],
    },
    {
      task: '2.1',
      evidence: [
        { section: 'Steps', step: '2', quote: '`DetectLanguage` found `es`, so `TranslateToEnglish` ran' },
        { section: 'Steps', step: '3', quote: 'Read the result and listen to it.' },
      ],
    },
  ],
  { 'MLS-C01': ['4'], 'AIF-C01': ['1.2'] },
);
