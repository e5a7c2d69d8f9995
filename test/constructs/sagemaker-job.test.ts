/** SageMakerJob's eager checks: a mistake stops synth with a message, before anything is built. */
import { Duration } from 'aws-cdk-lib';
import { SageMakerJob, type TransformJobProps } from '../../lib/constructs/sagemaker-job';
import type { LabStack } from '../../lib/labs/lab-stack';
import { testApp, testOutdir } from '../helpers/synth';
import { TestLabStack } from '../helpers/test-stack';

const outdir = testOutdir();

const transform = (stack: LabStack, props: Partial<TransformJobProps>) =>
  SageMakerJob.transform(stack, 'Job', {
    jobNamePrefix: 'lab-transform',
    encryptionKey: stack.key,
    instanceType: 'ml.m5.large',
    dataFingerprint: 'a'.repeat(64),
    request: {
      ModelName: 'model',
      TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b/in/' } } },
      TransformOutput: { S3OutputPath: 's3://b/out/' },
    },
    ...props,
  });
const build = (props: Partial<TransformJobProps>) => () => new TestLabStack(testApp({ outdir }), (stack) => transform(stack, props));

test('a timeout longer than CloudFormation waits for a custom resource is refused', () => {
  expect(build({ timeout: Duration.minutes(61) })).toThrow(/timeout 61 minutes is more than CloudFormation waits for a custom resource \(60 minutes\)/);
});

test('a job-name prefix that is not lowercase, or too long for the kind, is refused', () => {
  expect(build({ jobNamePrefix: 'Lab_Transform' })).toThrow(/must be 1-50 lowercase letters, digits or hyphens/);
  expect(build({ jobNamePrefix: 'x'.repeat(51) })).toThrow(/must be 1-50/);
});

test('a transform job has no model artifacts to give', () => {
  new TestLabStack(testApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } }), (stack) => {
    const job = transform(stack, {});
    expect(() => job.modelArtifacts).toThrow(/A transform job has no ModelArtifacts; only training and tuning jobs do/);
    expect(job.outputPath).toMatch(/^\$\{Token/);
  });
});
