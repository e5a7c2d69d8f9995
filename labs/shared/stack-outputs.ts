import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { cdkCommand, learnerOf } from '../../lib/config';

/** A lab script's failure that the learner can act on; `npm run lab` prints only its message. */
export class LabScriptError extends Error {
  override readonly name = 'LabScriptError';
}

/**
 * Stack states in which the lab works: CloudFormation's "last known stable states"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_RollbackStack.html).
 * UPDATE_ROLLBACK_COMPLETE is one: an update failed and was rolled back, so the previous version of the
 * lab is in place. ROLLBACK_COMPLETE is not (the first deploy failed and its resources were deleted),
 * nor is any *_IN_PROGRESS or *_FAILED state.
 */
export const USABLE_STACK_STATES: ReadonlySet<string> = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);

/**
 * The outputs of a deployed lab stack, by output key. Fails with the deploy command when the stack is
 * missing or not in a usable state.
 */
export async function readStackOutputs(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<Record<string, string>> {
  let stacks;
  try {
    ({ Stacks: stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName })));
  } catch (e) {
    if (e instanceof Error && /does not exist/.test(e.message)) {
      throw new LabScriptError(
        `Stack ${stackName} is not deployed in this account and Region. Deploy it first: ${cdkCommand('deploy', stackName)}` +
          learnerHint(stackName),
      );
    }
    throw e;
  }
  const stack = stacks?.[0];
  if (!stack?.StackStatus || !USABLE_STACK_STATES.has(stack.StackStatus)) {
    throw new LabScriptError(
      `Stack ${stackName} is in state ${stack?.StackStatus ?? 'unknown'}; redeploy it: ${cdkCommand('deploy', stackName)}`,
    );
  }
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
}

/**
 * How learner copies are named, for a stack that was not found: a learner who deployed their own copy and
 * forgot `--learner` (or deployed the shared one and passed it) looks for the wrong name.
 */
function learnerHint(stackName: string): string {
  const learner = learnerOf(stackName);
  return learner
    ? `. Learner copies are named <learner>-<stack>: -c learner=${learner} deploys ${stackName}; without it, the shared ${stackName.slice(learner.length + 1)} is used (run this script without --learner).`
    : `. If you deployed your own copy (npx cdk deploy -c learner=alice alice-${stackName}), run this script with --learner alice.`;
}

/** One output, or an error naming the missing key (the stack is from an older version of the lab). */
export function requireOutput(outputs: Record<string, string>, key: string): string {
  const value = outputs[key];
  if (!value) {
    throw new LabScriptError(`The stack has no output "${key}"; redeploy it with this version of the kit.`);
  }
  return value;
}
