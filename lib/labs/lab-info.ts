/**
 * The catalogue entry of a lab (the part of its definition, lib/labs/lab-definition.ts, that stacks and scripts
 * show) and small helpers over it. No aws-cdk-lib import.
 */
import type { LabExam } from './exams';

/** The catalogue entry of a lab: what the README's lab table, the stack and the scripts show of it. */
export interface LabInfo {
  /** Short id used on the command line: `-c lab=<id>`, `npm run lab -- <id> verify`. */
  readonly id: string;
  /** CloudFormation stack id; stable and user-facing (`npx cdk deploy Lab01DataLake`). */
  readonly stackId: string;
  readonly title: string;
  /**
   * What it teaches for the exams (lib/labs/<lab>/exam.ts): each MLA-C02 task statement with its evidence in the
   * guide, and what it teaches of the other exams in `exams.ts` (the README's exam column).
   */
  readonly exam: LabExam;
  /** Folder with the guide, sample data and scripts, relative to the repository root. */
  readonly folder: string;
  /** Rough cost while deployed and idle, as shown in the README's lab table. */
  readonly idleCost: string;
}

/** The guide of a lab, relative to the repository root. */
export function guidePath(lab: Pick<LabInfo, 'folder'>): string {
  return `${lab.folder}/GUIDE.md`;
}

/** The stack-level test file every lab must have, relative to the repository root. */
export function testPath(lab: Pick<LabInfo, 'folder'>): string {
  return `test/labs/${lab.folder.split('/').pop()}.test.ts`;
}

/** The lab with this id among `labs`, or an error that lists them. */
export function findLabIn<L extends Pick<LabInfo, 'id'>>(labs: readonly L[], id: string): L {
  const lab = labs.find((l) => l.id === id);
  if (!lab) {
    throw new Error(`Unknown lab "${id}". Known labs: ${labs.map((l) => l.id).join(', ')}.`);
  }
  return lab;
}
