/**
 * The lab catalogue: plain data about each lab, with no aws-cdk-lib import, so that lab scripts
 * (verify, produce) and docs checks can read it cheaply. `registry.ts` adds the stack factories.
 */

import type { MlaC02TaskId, OtherExamRefs } from './exams';

export interface LabInfo {
  /** Short id used on the command line: `-c lab=<id>`, `npm run lab -- <id> verify`. */
  readonly id: string;
  /** CloudFormation stack id; stable and user-facing (`npx cdk deploy Lab01DataLake`). */
  readonly stackId: string;
  readonly title: string;
  /** The MLA-C02 task statements the lab teaches, by their id in `exams.ts` (the README's exam column). */
  readonly mlaC02Tasks: readonly MlaC02TaskId[];
  /** What it teaches of the other exams in `exams.ts` (MLS-C01 is retired; kept because the labs grew out of it). */
  readonly otherExams?: OtherExamRefs;
  /** Folder with the guide, sample data and scripts, relative to the repository root. */
  readonly folder: string;
  /** Rough cost while deployed and idle, as shown in the README's lab table. */
  readonly idleCost: string;
}

export const LAB_CATALOG: readonly LabInfo[] = [
  {
    id: 'data-lake',
    stackId: 'Lab01DataLake',
    title: 'S3 data lake with a Glue crawler and Athena',
    mlaC02Tasks: ['1.1', '1.2', '1.3', '4.3'],
    otherExams: { 'MLS-C01': ['1.1', '2.1'] },
    folder: 'labs/01-data-lake',
    idleCost: 'about $0.03/day (KMS key); a few cents per crawler run; Athena $5 per TB scanned',
  },
  {
    id: 'firehose-transform',
    stackId: 'Lab02FirehoseTransform',
    title: 'Amazon Data Firehose with a Lambda record transform',
    mlaC02Tasks: ['1.1', '1.2', '4.3'],
    otherExams: { 'MLS-C01': ['1.2', '1.3'] },
    folder: 'labs/02-firehose-transform',
    idleCost: 'about $0.03/day (KMS key); Firehose about $0.029/GB ingested (records rounded up to 5 KB)',
  },
  {
    id: 'sagemaker-private',
    stackId: 'Lab03SageMakerPrivate',
    title: 'SageMaker training job and endpoint in a private VPC',
    mlaC02Tasks: ['2.1', '2.2', '2.3', '3.1', '3.2', '4.3'],
    otherExams: { 'MLS-C01': ['3.2', '3.3', '3.5', '4'] },
    folder: 'labs/03-sagemaker-private',
    idleCost: 'about $0.06/hour, $1.37/day (ml.t2.medium endpoint and KMS key); deletes itself after 2 h without an invocation (-c idleHours)',
  },
  {
    id: 'language-chain',
    stackId: 'Lab04LanguageChain',
    title: 'AI service chain: Comprehend, Translate and Polly from an S3 upload',
    mlaC02Tasks: ['2.1', '3.3'],
    otherExams: { 'MLS-C01': ['4'], 'AIF-C01': ['1.2'] },
    folder: 'labs/04-language-chain',
    idleCost: 'about $0.03/day (KMS key) and $0.10/month (alarm); about $7 per 1,000 short documents',
  },
  {
    id: 'tune-and-batch',
    stackId: 'Lab05TuneAndBatch',
    title: 'Automatic model tuning and batch transform in a private VPC',
    mlaC02Tasks: ['2.2', '2.3', '3.1', '4.2', '4.3'],
    otherExams: { 'MLS-C01': ['3.3', '3.4', '3.5', '4'] },
    folder: 'labs/05-tune-and-batch',
    idleCost: 'about $0.03/day (KMS key; no endpoint, nothing bills by the hour); about $0.05 per deploy',
  },
  {
    id: 'bedrock-rag',
    stackId: 'Lab06BedrockRag',
    title: 'RAG with a Bedrock knowledge base on S3 Vectors, behind a guardrail',
    mlaC02Tasks: ['1.1', '1.2', '2.1', '3.2', '4.3'],
    otherExams: { 'AIF-C01': ['2.1', '3.1'], 'AIP-C01': ['1', '3'] },
    folder: 'labs/06-bedrock-rag',
    idleCost: 'about $0.03/day (KMS key; nothing bills by the hour); under one cent per question',
  },
];

/** The guide of a lab, relative to the repository root. */
export function guidePath(lab: LabInfo): string {
  return `${lab.folder}/GUIDE.md`;
}

/** The stack-level test file every lab must have, relative to the repository root. */
export function testPath(lab: LabInfo): string {
  return `test/labs/${lab.folder.split('/').pop()}.test.ts`;
}

export function findLab(id: string): LabInfo {
  const lab = LAB_CATALOG.find((l) => l.id === id);
  if (!lab) {
    throw new Error(`Unknown lab "${id}". Known labs: ${LAB_CATALOG.map((l) => l.id).join(', ')}.`);
  }
  return lab;
}
