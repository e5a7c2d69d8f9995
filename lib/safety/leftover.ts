/** One thing of a lab copy still in the account: what the leftovers scan reports (leftovers.ts, bedrock-leftovers.ts). */
export interface Leftover {
  /** What it is: `kms:key`, `logs:log-group`, `sagemaker:endpoint`, ... */
  readonly kind: string;
  readonly name: string;
  /**
   * The id that ends the resource's ARN, when `name` is not its ARN (a knowledge base found by name): a
   * resource found both by its tags and by its name is then listed once.
   */
  readonly id?: string;
  /** False for records that cost nothing while they stay (a completed job, a key pending deletion). */
  readonly billable: boolean;
  readonly note?: string;
}
