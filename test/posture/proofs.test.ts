/**
 * Proofs that the posture is a good change detector: what is not a control (handler code, descriptions)
 * leaves it unchanged, weakening a control changes it at the resource that was weakened, and a resource
 * type or property it does not know is reported instead of silently left out. The variants are stacks of
 * one test-only app, synthesized once without validations.
 */
import { type App, CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureBucket } from '../../lib/constructs/secure-bucket';
import { findLab } from '../../lib/labs';
import { LabStack } from '../../lib/labs/lab-stack';
import { extractPosture, type Posture } from '../../lib/posture/extract';
import { renderPosture, renderResource } from '../../lib/posture/render';
import { POSTURE_CONTEXT, type Template } from '../../lib/posture/template';
import { cdkJsonContext } from '../../lib/synthesize';
import { testApp, TEST_ENV, testOutdir } from '../helpers/synth';

/** The controls of the test stack, each of which a variant weakens. */
interface Controls {
  readonly handlerCode: string;
  readonly description: string;
  /** The execution role may use the key only through S3 (`kms:ViaService`). */
  readonly kmsViaS3Only: boolean;
  /** The topic policy denies publishing without TLS. */
  readonly topicTlsOnly: boolean;
  /** The work queue sends failed messages to the dead-letter queue. */
  readonly redrive: boolean;
  /** The bucket policy denies requests without TLS (SecureBucket's own control, removed by an override). */
  readonly bucketTlsOnly: boolean;
}

const BASE: Controls = {
  handlerCode: 'exports.handler = async () => "a";',
  description: 'First wording',
  kmsViaS3Only: true,
  topicTlsOnly: true,
  redrive: true,
  bucketTlsOnly: true,
};

class PostureTestStack extends LabStack {
  constructor(app: App, id: string, controls: Controls, extra: (stack: LabStack) => void = () => undefined) {
    super(app, id, {
      lab: findLab('data-lake'),
      env: { account: TEST_ENV.CDK_DEFAULT_ACCOUNT, region: TEST_ENV.CDK_DEFAULT_REGION },
    });
    const role = new iam.Role(this, 'ExecutionRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: controls.kmsViaS3Only ? { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } } : undefined,
      }),
    );
    new sns.Topic(this, 'Alarms', { masterKey: this.key, enforceSSL: controls.topicTlsOnly });
    const deadLetters = new sqs.Queue(this, 'DeadLetters', { encryptionMasterKey: this.key, enforceSSL: true });
    new sqs.Queue(this, 'Work', {
      encryptionMasterKey: this.key,
      enforceSSL: true,
      deadLetterQueue: controls.redrive ? { queue: deadLetters, maxReceiveCount: 3 } : undefined,
    });
    const bucket = new SecureBucket(this, 'Data', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    if (!controls.bucketTlsOnly) {
      (bucket.policy!.node.defaultChild as CfnResource).addPropertyOverride('PolicyDocument.Statement', []);
    }
    new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(controls.handlerCode),
      description: controls.description,
    });
    extra(this);
  }
}

const VARIANTS = {
  Base: BASE,
  OtherCode: { ...BASE, handlerCode: 'exports.handler = async () => "b";', description: 'Second wording' },
  KmsAnywhere: { ...BASE, kmsViaS3Only: false },
  TopicWithoutTls: { ...BASE, topicTlsOnly: false },
  QueueWithoutRedrive: { ...BASE, redrive: false },
  BucketWithoutTls: { ...BASE, bucketTlsOnly: false },
} as const satisfies Record<string, Controls>;

type Variant = keyof typeof VARIANTS | 'Unknown';

// A plain app with the kit's cdk.json context: nothing here needs bundling, and validations are not under
// test (the unknown resource type would fail CloudFormation's schema validation, which is the point).
const app = testApp({
  outdir: testOutdir(),
  builtinCloudFormationValidation: false,
  context: { ...cdkJsonContext(), ...POSTURE_CONTEXT, '@aws-cdk/core:failSynthOnValidationErrors': false },
});
const stacks = Object.entries(VARIANTS).map(([id, controls]) => new PostureTestStack(app, id, controls));
stacks.push(
  new PostureTestStack(app, 'Unknown', BASE, (stack) => {
    new CfnResource(stack, 'Gadget', { type: 'AWS::Gadget::Widget', properties: { Open: true } });
    const data = stack.node.findChild('Data').node.defaultChild as CfnResource;
    data.addPropertyOverride('AccelerateConfiguration', { AccelerationStatus: 'Enabled' });
  }),
);
const assembly = app.synth();
const templates = new Map(stacks.map((s) => [s.stackName as Variant, assembly.getStackArtifact(s.artifactId).template as Template]));
const posture = (variant: Variant): Posture => extractPosture(templates.get(variant)!);

/** The names of the resources whose posture differs between two variants. */
function changedResources(a: Posture, b: Posture): string[] {
  const blocks = (p: Posture) => new Map(p.resources.map((r) => [r.name, renderResource(r)]));
  const [left, right] = [blocks(a), blocks(b)];
  return [...new Set([...left.keys(), ...right.keys()])].filter((name) => left.get(name) !== right.get(name)).sort();
}

test('changing a handler\'s code or a description leaves the posture unchanged', () => {
  const handler = (variant: Variant) =>
    Object.values(templates.get(variant)!.Resources).find((r) => r.Metadata?.['aws:cdk:path'] === `${variant}/Handler/Resource`)!;
  expect(handler('OtherCode').Properties).not.toEqual(handler('Base').Properties);
  expect(renderPosture(posture('OtherCode'))).toBe(renderPosture(posture('Base')));
});

test.each([
  ['KmsAnywhere', 'a condition on a KMS statement of an execution role', 'ExecutionRole/DefaultPolicy'],
  ['TopicWithoutTls', 'the TLS-only statement of a topic policy', 'Alarms/Policy'],
  ['QueueWithoutRedrive', 'a queue\'s redrive policy', 'Work'],
  ['BucketWithoutTls', 'the TLS-only statements of a bucket policy', 'Data/Policy'],
] as const)('weakening a control changes the posture of that resource: %s (%s)', (variant, _, resource) => {
  expect(changedResources(posture('Base'), posture(variant))).toEqual([resource]);
});

test('the base posture holds the controls the variants remove', () => {
  const text = renderPosture(posture('Base'));
  expect(text).toContain('condition StringEquals kms:ViaService = s3.us-east-1.amazonaws.com');
  expect(text).toContain('delivery       RedrivePolicy.deadLetterTargetArn = ${DeadLetters.Arn}');
  expect(text).toMatch(/action {4}sns:Publish\n.*\n.*condition Bool aws:SecureTransport = false/);
});

test('a resource type or a property the posture does not know is a gap, not left out silently', () => {
  expect(posture('Base').gaps).toEqual([]);
  expect(posture('Unknown').gaps).toEqual([
    'Data (AWS::S3::Bucket): property AccelerateConfiguration is neither described nor ignored in lib/posture/known-types.ts',
    'Gadget (AWS::Gadget::Widget): resource type AWS::Gadget::Widget is not in lib/posture/known-types.ts',
  ]);
});
