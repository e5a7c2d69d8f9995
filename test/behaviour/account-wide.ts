/**
 * What a deploy adds to account-wide, size-limited policies that destroy never shrinks.
 *
 * Step Functions logging: "When you create a state machine with logging enabled, Step Functions must
 * update your CloudWatch Logs resource policy with the log group you specify"; that account-level
 * policy is limited to 5,120 characters, and log groups named under `/aws/vendedlogs/` avoid it
 * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-cwl.html). The CDK Provider framework's
 * waiter state machines log the same way.
 */
import type { TemplateModel } from './template-model';

/** CloudWatch Logs resource policies are limited to 5,120 characters (same page). */
export const LOGS_RESOURCE_POLICY_LIMIT = 5120;

/** The prefix under which vended log delivery needs no per-log-group policy entry. */
export const VENDED_LOGS_PREFIX = '/aws/vendedlogs/';

export interface PolicyGrowth {
  /** Construct path of the resource whose creation grows an account-wide policy. */
  readonly path: string;
  /** The entry it adds. */
  readonly entry: string;
}

/** The entries one deploy of the template adds to the account's CloudWatch Logs resource policy. */
export function logsResourcePolicyGrowth(model: TemplateModel): PolicyGrowth[] {
  const growth: PolicyGrowth[] = [];
  for (const [id, r] of Object.entries(model.resources)) {
    if (r.Type === 'AWS::StepFunctions::StateMachine') {
      const logging = model.resolve(r.Properties?.LoggingConfiguration ?? {}) as {
        Destinations?: { CloudWatchLogsLogGroup?: { LogGroupArn?: string } }[];
      };
      for (const d of logging.Destinations ?? []) {
        const arn = d.CloudWatchLogsLogGroup?.LogGroupArn ?? '';
        const name = arn.split(':log-group:')[1]?.replace(/:\*$/, '') ?? '';
        if (!name.startsWith(VENDED_LOGS_PREFIX)) {
          growth.push({ path: model.pathOf(id), entry: arn });
        }
      }
    }
    // A policy the stack itself adds to the account (at most 10 per Region, and they add up).
    if (r.Type === 'AWS::Logs::ResourcePolicy') {
      growth.push({ path: model.pathOf(id), entry: String(model.resolve(r.Properties?.PolicyDocument)) });
    }
  }
  return growth;
}

/**
 * The characters a class adds to the account-wide policy when every learner deploys and destroys
 * every lab `rounds` times: each deploy adds its entries again (new physical names), destroy removes none.
 */
export function classPolicySize(growthPerLab: readonly PolicyGrowth[][], learners: number, rounds: number): number {
  // Each entry is a quoted ARN in a JSON list: the ARN, two quotes and a comma.
  const perDeploy = growthPerLab.map((entries) => entries.reduce((sum, e) => sum + e.entry.length + 3, 0));
  return perDeploy.reduce((sum, n) => sum + n, 0) * learners * rounds;
}
