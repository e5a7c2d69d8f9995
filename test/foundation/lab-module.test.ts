/**
 * Adding a lab is one folder and one line in the list (README, "Adding a lab"): a throwaway lab, defined here and
 * nowhere else, goes through the same list-driven machinery as the real ones — the app and its validations, the
 * Region gate, its own -c option, its posture and control evidence, its preflight and leftovers data, and the
 * README's generated tables — with no edit to any shared module.
 */
import type { Construct } from 'constructs';
import { addLabs } from '../../lib/app';
import { contextOption, KitConfigError, readKitConfig } from '../../lib/config';
import { contextOptionsTable, flag } from '../../lib/context-options';
import { SecureBucket } from '../../lib/constructs/secure-bucket';
import { examColumn, examSection, labExam } from '../../lib/labs/exams';
import type { LabDefinition } from '../../lib/labs/lab-definition';
import { LabStack, type LabStackProps } from '../../lib/labs/lab-stack';
import { regionsTable, regionSupport } from '../../lib/labs/regions';
import { evidenceProblems } from '../../lib/posture/controls/check';
import { COMMON_EVIDENCE, LAB_KEY_BUCKET, PRIVATE_BUCKETS } from '../../lib/posture/controls/evidence';
import { extractPosture } from '../../lib/posture/extract';
import { renderPosture } from '../../lib/posture/render';
import { POSTURE_CONTEXT, type Template } from '../../lib/posture/template';
import { LAMBDA_LOG_GROUPS, labName } from '../../lib/safety/lab-safety';
import { runPreflight } from '../../lib/safety/preflight';
import { synthesize, synthesizeWith } from '../../lib/synthesize';
import { TEST_ENV, TEST_SYNTH_CONTEXT, testOutdir } from '../helpers/synth';

const SECOND_BUCKET = flag('toySecondBucket', 'Adds a second bucket to the throwaway lab.');

class ToyStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    new SecureBucket(this, 'Data', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    if (contextOption(this, SECOND_BUCKET)) {
      new SecureBucket(this, 'More', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    }
  }
}

const TOY: LabDefinition = {
  id: 'toy',
  stackId: 'Lab99Toy',
  title: 'A throwaway lab',
  folder: 'labs/99-toy',
  idleCost: 'nothing',
  exam: labExam([{ task: '1.1', evidence: [{ section: 'Steps', step: '1', quote: 'store the data' }] }]),
  regions: { regions: ['us-east-1', 'us-west-2'], why: 'the toy is tested there', source: 'https://docs.aws.amazon.com/general/latest/gr/rande.html' },
  options: [SECOND_BUCKET],
  safety: { preflight: { services: ['s3'] }, leftovers: { logGroupPrefixes: [LAMBDA_LOG_GROUPS] } },
  evidence: {
    ...COMMON_EVIDENCE,
    'every data bucket is encrypted with the lab key': [{ in: 'Data', shows: LAB_KEY_BUCKET }],
    'every bucket blocks all public access': [PRIVATE_BUCKETS],
  },
  calls: { lab: 'toy', calls: [] },
  createStack: (scope, id, props) => new ToyStack(scope, id, props),
};

describe('a throwaway lab through the list-driven machinery', () => {
  const result = synthesize({
    labs: [TOY],
    schemaValidation: false,
    bundle: false,
    outdir: testOutdir(),
    env: TEST_ENV,
    context: { ...TEST_SYNTH_CONTEXT, ...POSTURE_CONTEXT, learner: 'alice', toySecondBucket: 'true' },
  });
  const [stack] = result.stacks;
  const elsewhere = testOutdir();
  const template = result.assembly.getStackArtifact(stack.artifactId).template as Template;

  test('the app builds it under its stack name for a learner, reads its option, and cdk-nag and guard pass', () => {
    expect(result.stacks.map((s) => s.stackName)).toEqual(['alice-Lab99Toy']);
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::S3::Bucket')).toHaveLength(3);
    expect(result.findings).toEqual([]);
  });

  test('its -c option is validated and tabled like the kit\'s own, and an unknown key gets the nearest one', () => {
    expect(() => readKitConfig({ toySecondBucket: 'maybe' }, {}, [TOY])).toThrow('-c toySecondBucket must be true or false, not "maybe".');
    expect(() => readKitConfig({ toySecondBuckets: 'true' }, {}, [TOY])).toThrow(KitConfigError);
    expect(() => readKitConfig({ toySecondBuckets: 'true' }, {}, [TOY])).toThrow(/did you mean -c toySecondBucket=/);
    expect(contextOptionsTable([TOY])).toContain('| `-c toySecondBucket=...` | toy | `true` or `false` | `false` | Adds a second bucket to the throwaway lab. |');
  });

  test('outside its Regions it stands aside with its own message, in the app and in its preflight, before any AWS call', async () => {
    const app = synthesizeWith({ validations: false, bundle: false, outdir: elsewhere, env: { CDK_DEFAULT_REGION: 'eu-west-1' }, context: TEST_SYNTH_CONTEXT }, (a) =>
      addLabs(a, [TOY], { CDK_DEFAULT_REGION: 'eu-west-1' }, { validations: false }),
    );
    expect(app.unavailable.map((s) => s.stackName)).toEqual(['Lab99Toy']);
    const support = regionSupport(TOY, 'eu-west-1');
    const problem = support.supported ? undefined : support.message;
    expect(problem).toMatch(/^Lab99Toy \(lab toy\) cannot be built in eu-west-1: it can be built only where the toy is tested there/);
    const noClients = new Proxy({}, { get: () => { throw new Error('no AWS call expected'); } });
    const checks = await runPreflight({ stackName: 'Lab99Toy', region: 'eu-west-1', regionProblem: problem, preflight: TOY.safety.preflight, clients: noClients as never, bootstrapQualifier: 'hnb659fds' });
    expect(checks.map((c) => c.mark)).toEqual(['fail']);
  });

  test('its posture describes every resource, and each control of its table shows in it', () => {
    const posture = extractPosture(template);
    expect(posture.gaps).toEqual([]);
    expect(evidenceProblems(renderPosture(posture), Object.keys(TOY.evidence), TOY.evidence)).toEqual([]);
  });

  test('its leftovers name templates fill from its stack name', () => {
    expect(labName(TOY.safety.leftovers.logGroupPrefixes?.[0] ?? '', { stackName: 'alice-Lab99Toy', learner: 'alice' })).toBe('/aws/lambda/alice-Lab99Toy-');
  });

  test('the README tables take it from the list: Regions, exam column and the MLA-C02 section', () => {
    expect(regionsTable([TOY])).toContain('| `Lab99Toy` | `us-east-1`, `us-west-2` | where the toy is tested there');
    expect(examColumn(TOY)).toBe('MLA-C02 1.1');
    expect(examSection([TOY])).toContain('[99](labs/99-toy/GUIDE.md)');
  });
});
