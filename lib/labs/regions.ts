/**
 * Where a lab can be built, as plain data: each lab with a Region limit declares it in `lib/labs/<lab>/regions.ts`
 * and its definition's `regions`. The app builds a lab only in its Regions (elsewhere the lab's stack is a marker
 * that fails with the message below when it is selected, so every other lab still synthesizes and deploys), and
 * the README's "Regions" table and the Region tests are generated from the same data. No aws-cdk-lib import.
 */
/** The Regions a lab can be built in, and why not elsewhere. */
export interface LabRegions {
  /** Every Region the lab can be built in. */
  readonly regions: readonly string[];
  /** Why only these, completing "It can be built only where ...": service, image or model availability. */
  readonly why: string;
  /** Where the list comes from, as a URL a reader can open: the AWS page, or the source of the data the stack reads. */
  readonly source: string;
}

/** What the Region functions need of a lab. */
export interface LabWithRegions {
  readonly id: string;
  readonly stackId: string;
  /** undefined: every Region. */
  readonly regions?: LabRegions;
}

export type RegionSupport =
  | { readonly supported: true }
  | {
      readonly supported: false;
      /** The whole message: `reason` and `advice`. */
      readonly message: string;
      /** The lab's own part: why not here, and its Regions. */
      readonly reason: string;
      /** What to do, the same words for every lab in the Region (said once where several labs are listed). */
      readonly advice: string;
    };

/** What to do when labs cannot be built in `region`: the same for every lab. */
export function regionAdvice(region: string): string {
  return (
    "Set AWS_REGION (or your profile's region) to one of a lab's Regions to use that lab; the other labs still deploy in " +
    `${region}, and the README's "Regions" section lists every lab's Regions.`
  );
}

/** Whether `lab` can be built in `region`; if not, the message a learner sees when they select the lab. */
export function regionSupport(lab: LabWithRegions, region: string): RegionSupport {
  const limits = lab.regions;
  if (!limits || limits.regions.includes(region)) {
    return { supported: true };
  }
  const reason =
    `${lab.stackId} (lab ${lab.id}) cannot be built in ${region}: it can be built only where ${limits.why}. ` +
    `Its Regions: ${limits.regions.join(', ')} (source: ${limits.source}).`;
  const advice = regionAdvice(region);
  return { supported: false, message: `${reason} ${advice}`, reason, advice };
}

/** The README's "Regions" table: one row per lab, generated from the same data the app uses. */
export function regionsTable(labs: readonly LabWithRegions[]): string {
  const rows = labs.map((lab) => {
    const limits = lab.regions;
    return limits
      ? `| \`${lab.stackId}\` | ${limits.regions.map((r) => `\`${r}\``).join(', ')} | where ${limits.why} ([source](${limits.source})) |`
      : `| \`${lab.stackId}\` | every Region | no Region limit known to the kit |`;
  });
  return ['| Stack | Regions it can be built in | Why |', '| --- | --- | --- |', ...rows].join('\n');
}
