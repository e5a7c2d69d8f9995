/**
 * Where each lab can be built, as plain data: one small `regions.ts` next to the lab (lib/labs/<lab>/regions.ts),
 * listed once below. The app builds a lab only in its Regions (elsewhere the lab's stack is a marker that fails
 * with the message below when it is selected, so every other lab still synthesizes and deploys), and the
 * README's "Regions" table and the Region tests are generated from the same data. No aws-cdk-lib import.
 */
import { BEDROCK_RAG_REGIONS } from './bedrock-rag/regions';
import type { LabInfo } from './catalog';
import { FIREHOSE_TRANSFORM_REGIONS } from './firehose-transform/regions';
import { LANGUAGE_CHAIN_REGIONS } from './language-chain/regions';
import { SAGEMAKER_PRIVATE_REGIONS } from './sagemaker-private/regions';
import { TUNE_AND_BATCH_REGIONS } from './tune-and-batch/regions';

/** The Regions a lab can be built in, and why not elsewhere. */
export interface LabRegions {
  /** Every Region the lab can be built in. */
  readonly regions: readonly string[];
  /** Why only these, completing "It can be built only where ...": service, image or model availability. */
  readonly why: string;
  /** Where the list comes from: the AWS page, or the data the stack reads. */
  readonly source: string;
}

/**
 * A LAB WITH A REGION LIMIT adds ONE line here (lab id: its data), from `lib/labs/<lab>/regions.ts`.
 * A lab that is not listed can be built in every Region.
 */
export const LAB_REGIONS: Readonly<Record<string, LabRegions>> = {
  'firehose-transform': FIREHOSE_TRANSFORM_REGIONS,
  'sagemaker-private': SAGEMAKER_PRIVATE_REGIONS,
  'language-chain': LANGUAGE_CHAIN_REGIONS,
  'bedrock-rag': BEDROCK_RAG_REGIONS,
  'tune-and-batch': TUNE_AND_BATCH_REGIONS,
};

export type RegionSupport = { readonly supported: true } | { readonly supported: false; readonly message: string };

/** Whether `lab` can be built in `region`; if not, the message a learner sees when they select the lab. */
export function regionSupport(lab: Pick<LabInfo, 'id' | 'stackId'>, region: string): RegionSupport {
  const limits = LAB_REGIONS[lab.id];
  if (!limits || limits.regions.includes(region)) {
    return { supported: true };
  }
  return {
    supported: false,
    message:
      `${lab.stackId} (lab ${lab.id}) cannot be built in ${region}: it can be built only where ${limits.why}. ` +
      `Its Regions: ${limits.regions.join(', ')} (source: ${limits.source}). ` +
      'Set AWS_REGION (or your profile\'s region) to one of them to use this lab; the other labs still deploy in ' +
      `${region}, and the README's "Regions" section lists every lab's Regions.`,
  };
}

/** The README's "Regions" table: one row per lab, generated from the same data the app uses. */
export function regionsTable(labs: readonly Pick<LabInfo, 'id' | 'stackId'>[]): string {
  const rows = labs.map((lab) => {
    const limits = LAB_REGIONS[lab.id];
    return limits
      ? `| \`${lab.stackId}\` | ${limits.regions.map((r) => `\`${r}\``).join(', ')} | where ${limits.why} ([source](${sourceUrl(limits.source)})) |`
      : `| \`${lab.stackId}\` | every Region | no Region limit known to the kit |`;
  });
  return ['| Stack | Regions it can be built in | Why |', '| --- | --- | --- |', ...rows].join('\n');
}

/** A link for a source: a URL as is, else the aws-cdk-lib file the data is read from. */
function sourceUrl(source: string): string {
  return /^https:\/\//.test(source) ? source : 'node_modules/aws-cdk-lib/region-info/lib/built-ins.generated.js';
}
