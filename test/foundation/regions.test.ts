/**
 * Every Region name the pinned aws-cdk-lib knows, tried against every lab: each lab either builds there or
 * stands aside with its own message, and never fails with a stack trace. Kept cheap: the decision is checked
 * for every (lab, Region) pair on the data; the app is built once per distinct set of buildable labs (no
 * synth, which adds nothing Region-specific), and synthesized once, validations and bundling off, where most
 * labs cannot be built. The labs' own test files synthesize each lab in us-east-1.
 */
import { Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { XGBOOST_IMAGE, xgboostImage } from '../../lib/constructs/xgboost-image';
import { FIREHOSE_TRANSFORM_REGIONS } from '../../lib/labs/firehose-transform/regions';
import { findLab, LABS } from '../../lib/labs';
import { regionSupport } from '../../lib/labs/regions';
import { UnavailableLabStack } from '../../lib/labs/unavailable-lab-stack';
import { cdkJsonContext, synthesize } from '../../lib/synthesize';
import { TEST_ENV, TEST_SYNTH_CONTEXT, testApp, testOutdir } from '../helpers/synth';

const CDK_REGIONS = RegionInfo.regions.map((r) => r.name);
/** One app for the labs built in their unusual Region (constructed, not synthesized). */
const app = testApp({ outdir: testOutdir(), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
const buildable = (region: string) => LABS.filter((lab) => regionSupport(lab, region).supported).map((lab) => lab.id);

/**
 * For each lab, one Region it can be built in that differs most from the tests' us-east-1: another partition
 * (China, GovCloud) if the lab has one, else its last Region. Region-specific lookups (a CIDR block, an image
 * registry, an inference profile) are what would throw there.
 */
function unusualRegion(regions: readonly string[]): string {
  return regions.find((r) => r.startsWith('cn-') || r.startsWith('us-gov-')) ?? regions.filter((r) => r !== TEST_ENV.CDK_DEFAULT_REGION).at(-1) ?? regions[0];
}

describe('every Region the pinned aws-cdk-lib knows, for every lab', () => {
  test('aws-cdk-lib knows the Regions the labs are tested in', () => {
    expect(CDK_REGIONS.length).toBeGreaterThanOrEqual(40);
    expect(CDK_REGIONS).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1']));
  });

  test.each(LABS.map((lab) => [lab.id, lab] as const))('lab %s: buildable, or refused with its own message', (_, lab) => {
    for (const region of CDK_REGIONS) {
      const support = regionSupport(lab, region);
      if (!support.supported) {
        expect(support.message).toMatch(new RegExp(`^${lab.stackId} \\(lab ${lab.id}\\) cannot be built in ${region}: it can be built only where .+\\. Its Regions: `));
        expect(support.message).toContain(lab.regions?.regions.join(', '));
      }
    }
  });

  test('every Region a lab lists is a Region name aws-cdk-lib knows (no typo)', () => {
    for (const { id: lab, regions } of LABS.flatMap((l) => (l.regions ? [{ id: l.id, regions: l.regions.regions }] : []))) {
      expect({ lab, unknown: regions.filter((r) => !CDK_REGIONS.includes(r)) }).toEqual({ lab, unknown: [] });
      expect(regions.length).toBeGreaterThan(0);
    }
  });

  test('lab 02 lists exactly the Regions for which aws-cdk-lib knows the Firehose CIDR block its construct looks up', () => {
    const withCidr = RegionInfo.regions.filter((r) => r.firehoseCidrBlock !== undefined).map((r) => r.name);
    expect([...FIREHOSE_TRANSFORM_REGIONS.regions].sort()).toEqual(withCidr.sort());
  });

  test('the XGBoost labs list exactly the Regions of the image table, and the image resolves in each', () => {
    for (const id of ['sagemaker-private', 'tune-and-batch']) {
      expect(findLab(id).regions?.regions).toEqual(Object.keys(XGBOOST_IMAGE.registries));
    }
    for (const region of findLab('sagemaker-private').regions?.regions ?? []) {
      expect(() => xgboostImage(region, 'amazonaws.com')).not.toThrow();
    }
  });

  test.each(LABS.map((lab) => [lab.id, unusualRegion(lab.regions?.regions ?? CDK_REGIONS), lab] as const))(
    'lab %s is built without an error in %s',
    (_, region, lab) => {
      expect(() => lab.createStack(app, lab.stackId, { lab, env: { account: TEST_ENV.CDK_DEFAULT_ACCOUNT, region } })).not.toThrow();
    },
  );
});

describe('where most labs cannot be built, the app still synthesizes', () => {
  const region = [...CDK_REGIONS].sort((a, b) => buildable(a).length - buildable(b).length)[0];
  const result = synthesize({
    labs: LABS,
    bundle: false,
    validations: false,
    outdir: testOutdir(),
    env: { CDK_DEFAULT_ACCOUNT: TEST_ENV.CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION: region },
    context: { ...TEST_SYNTH_CONTEXT, learner: 'alice' },
  });

  test('the buildable labs are real stacks; each other lab keeps its stack name as a marker', () => {
    expect(result.unavailable.length).toBeGreaterThan(0);
    expect([...result.stacks, ...result.unavailable].map((s) => s.stackName).sort()).toEqual(LABS.map((l) => `alice-${l.stackId}`).sort());
  });

  test('each marker carries the lab\'s message as an error, which the CDK CLI reports when that stack is selected', () => {
    for (const marker of result.unavailable) {
      const errors = result.assembly
        .getStackArtifact(marker.artifactId)
        .messages.filter((m) => m.level === cxapi.SynthesisMessageLevel.ERROR)
        .map((m) => (typeof m.entry.data === 'string' ? m.entry.data : JSON.stringify(m.entry.data)));
      expect(errors).toEqual([expect.stringContaining(marker.message)]);
      expect(marker.message).toContain(`${marker.lab.stackId} (lab ${marker.lab.id}) cannot be built in ${region}`);
    }
  });

  test('the buildable labs carry no error, so deploying them is not blocked', () => {
    for (const stack of result.stacks) {
      const errors = result.assembly.getStackArtifact(stack.artifactId).messages.filter((m) => m.level === cxapi.SynthesisMessageLevel.ERROR);
      expect({ stack: stack.stackName, errors }).toEqual({ stack: stack.stackName, errors: [] });
    }
  });
});

describe('a marker gives the CDK CLI no source position to print above its message', () => {
  const outdir = testOutdir();
  // The CLI prints a violation's trace, else the stack's creation trace from the validation report, as
  // `lib/app.ts:39:24` above the message (aws-cdk 2.1148.1; aws-cdk-lib 2.276 core/lib/validation/private/
  // construct-tree.js creationTrace). The tests turn creation traces off for speed; this app turns them on.
  const app = testApp({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': false } });
  const creationTraces = (stack: Stack) => stack.node.metadata.filter((m) => m.type === 'aws:cdk:creationStack');
  const lab = findLab('bedrock-rag');
  const support = regionSupport(lab, 'eu-west-3');
  const marker = new UnavailableLabStack(app, lab.stackId, { lab, message: support.supported ? '' : support.message, env: { region: 'eu-west-3' } });
  const plain = new Stack(app, 'Plain');

  test('no creation trace (a plain stack in the same app has one)', () => {
    expect(creationTraces(plain).length).toBeGreaterThan(0);
    expect(creationTraces(marker)).toEqual([]);
  });

  test('the error itself has no trace', () => {
    const errors = marker.node.metadata.filter((m) => m.type === 'aws:cdk:error');
    expect(errors).toEqual([expect.objectContaining({ data: expect.stringContaining('cannot be built in eu-west-3'), trace: undefined })]);
  });
});
