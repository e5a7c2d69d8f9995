/**
 * `npm run lab -- <lab> posture [--learner alice]`: prints the lab's security posture, the same table the
 * snapshot tests keep. It synthesizes the lab locally (no AWS account or credentials, no bundling, no
 * validations), so a learner can read what the stack will create before deploying it.
 */
import { copyScript, parseScriptArgs } from './args';
import type { LabDefinition } from '../../lib/labs/lab-definition';
import { synthesize } from '../../lib/synthesize';
import { extractPosture } from '../../lib/posture/extract';
import { CATEGORIES } from '../../lib/posture/known-types';
import { renderPosture } from '../../lib/posture/render';
import { POSTURE_CONTEXT, type Template } from '../../lib/posture/template';

export const SCRIPT = copyScript(
  'posture',
  'Prints the lab\'s security posture (encryption, network, policies) from a local synth: no AWS account or credentials needed.',
);

/** Prints the posture; a bad argument or an unavailable lab throws its message (labs/run.ts prints it). */
export function main(lab: LabDefinition, argv: readonly string[]): Promise<void> {
  const { learner } = parseScriptArgs(lab, SCRIPT, argv);
  const region = process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const result = synthesize({
    labs: [lab],
    bundle: false,
    validations: false,
    context: { ...POSTURE_CONTEXT, lab: lab.id, ...(learner ? { learner } : {}) },
    env: region ? { CDK_DEFAULT_REGION: region } : {},
  });
  const [stack] = result.stacks;
  if (!stack) {
    throw new Error(
      `Lab ${lab.id} is not available in ${region ?? 'this Region'}, so it has no posture there: ` +
        'run the command with AWS_REGION set to a Region the lab supports (its guide lists them).',
    );
  }
  const posture = extractPosture(result.assembly.getStackArtifact(stack.artifactId).template as Template);
  console.log(
    [
      `Security posture of ${stack.stackName}: ${posture.resources.length} resources, from a local synth (nothing deployed or called).`,
      `Each line is \`category  property = value\`; categories in this order: ${CATEGORIES.join(', ')}.`,
      'Resources are named by construct path: ${Name} is a resource, ${Name.Arn} its ARN, ${AWS::AccountId} your account.',
      '',
      renderPosture(posture),
      ...(posture.gaps.length > 0 ? ['', 'Not described (tell the maintainers):', ...posture.gaps.map((g) => `  ${g}`)] : []),
    ].join('\n'),
  );
  return Promise.resolve();
}
