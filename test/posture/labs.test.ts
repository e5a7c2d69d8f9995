/**
 * The security posture of every lab, as a jest snapshot a reviewer reads in the pull request: a change to
 * an encryption setting, a network rule or a policy statement shows up as a changed line here. Every lab
 * is synthesized once per run, without validations and bundling (the posture reads only the template).
 */
import { LABS } from '../../lib/labs';
import { extractPosture, type Posture } from '../../lib/posture/extract';
import { renderPosture } from '../../lib/posture/render';
import { appTemplates } from '../helpers/shared-synth';

const LEARNER = 'alice';

interface LabPosture {
  readonly stackName: string;
  readonly posture: Posture;
}

/** Every lab's posture from one synth of the whole app (`npx cdk synth`, no `-c lab`), shared by the run's files. */
function postures(learner?: string): ReadonlyMap<string, LabPosture> {
  return new Map(appTemplates(learner).map(({ labId, stackName, template }) => [labId, { stackName, posture: extractPosture(template) }]));
}

const single = postures();
const learners = postures(LEARNER);

describe.each(LABS.map((lab) => [lab.id] as const))('lab %s', (labId) => {
  const { posture } = single.get(labId)!;

  test('posture', () => {
    expect(renderPosture(posture)).toMatchSnapshot();
  });

  test('every resource and property is one the posture knows how to describe', () => {
    expect(posture.gaps).toEqual([]);
  });

  test('a learner copy has the same posture, only with names prefixed by the learner', () => {
    const copy = learners.get(labId)!;
    expect(copy.stackName).toMatch(new RegExp(`^${LEARNER}-`));
    expect(normalizeNames(renderPosture(copy.posture))).toBe(normalizeNames(renderPosture(posture)));
  });
});

/**
 * A posture with the names derived from the stack name made equal: the learner prefix taken out, and the
 * hash CDK appends to a name it generates from the stack name and path (`...-WaiterLogs-240DDCFE`) masked.
 */
function normalizeNames(text: string): string {
  return text.replace(new RegExp(`${LEARNER}[-_]`, 'gi'), '').replace(/-[0-9A-F]{8}\b/g, '-<hash>');
}
