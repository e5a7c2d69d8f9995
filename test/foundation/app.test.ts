/**
 * The whole app, as `cdk synth` builds it for a learner and the shared copy in one account: every lab is its
 * own stack, every handler bundles, and the two copies share no stack name or service-unique name. (That every
 * lab passes the CloudFormation schema validation is in validations.test.ts, where the schema engine is loaded
 * anyway; cdk-nag and guard run in each lab's own test.)
 */
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { LAB_BUNDLING } from '../../lib/constructs/lab-function';
import { LABS } from '../../lib/labs';
import { appTemplates, type LabTemplate } from '../helpers/shared-synth';

// Alice's copy and the shared copy (no learner), from the run's shared synths of the app: the posture test
// reads the same.
const aliceTemplates = appTemplates('alice');
const sharedTemplates = appTemplates();

/**
 * Properties that hold a name unique per account and Region, for the resource types the kit uses
 * (a dotted path for nested ones). Names that are not literal strings are generated, so cannot clash.
 */
const UNIQUE_NAME_PROPERTIES: Record<string, string[]> = {
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::Glue::Database': ['DatabaseInput.Name'],
  'AWS::Glue::Crawler': ['Name'],
  'AWS::Glue::SecurityConfiguration': ['Name'],
  'AWS::Athena::WorkGroup': ['Name'],
  'AWS::KinesisFirehose::DeliveryStream': ['DeliveryStreamName'],
  'AWS::EC2::SecurityGroup': ['GroupName'],
  'AWS::SageMaker::Model': ['ModelName'],
  'AWS::SageMaker::EndpointConfig': ['EndpointConfigName'],
  'AWS::SageMaker::Endpoint': ['EndpointName'],
  'AWS::StepFunctions::StateMachine': ['StateMachineName'],
  'AWS::Events::Rule': ['Name'],
  'AWS::SQS::Queue': ['QueueName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::Bedrock::KnowledgeBase': ['Name'],
  'AWS::Bedrock::Guardrail': ['Name'],
  'AWS::S3Vectors::VectorBucket': ['VectorBucketName'],
};

function physicalNames(templates: readonly LabTemplate[]): string[] {
  const names: string[] = [];
  for (const { template } of templates) {
    for (const resource of Object.values(template.Resources)) {
      for (const property of UNIQUE_NAME_PROPERTIES[resource.Type] ?? []) {
        const value = property.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], resource.Properties);
        if (typeof value === 'string') {
          names.push(value);
        }
      }
    }
  }
  return names;
}

describe('the app for a learner beside the shared copy in one account', () => {
  test('has one stack per lab, prefixed with the learner', () => {
    expect(aliceTemplates.map((t) => t.stackName)).toEqual(LABS.map((l) => `alice-${l.stackId}`));
    expect(sharedTemplates.map((t) => t.stackName)).toEqual(LABS.map((l) => l.stackId));
  });

  test('the two copies share no service-unique name', () => {
    const aliceNames = physicalNames(aliceTemplates);
    const sharedNames = new Set(physicalNames(sharedTemplates));
    expect(aliceNames.filter((n) => sharedNames.has(n))).toEqual([]);
  });

  test('learner-derived names carry the learner', () => {
    expect(physicalNames(aliceTemplates).length).toBeGreaterThanOrEqual(3);
    for (const name of physicalNames(aliceTemplates)) {
      expect(name.toLowerCase()).toContain('alice');
    }
  });

  test('every resource that takes tags is tagged with the learner', () => {
    for (const { template } of aliceTemplates) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        const tags = resource.Properties?.Tags;
        if (Array.isArray(tags)) {
          expect({ id, tags }).toEqual({ id, tags: expect.arrayContaining([{ Key: 'learner', Value: 'alice' }]) });
        }
      }
    }
  });

  test('no stack references another (each lab deploys alone)', () => {
    for (const { stackName, dependencies, template } of aliceTemplates) {
      expect({ stackName, dependencies }).toEqual({ stackName, dependencies: [] });
      expect(JSON.stringify(template)).not.toMatch(/Fn::ImportValue|Fn::GetStackOutput/);
    }
  });

  test('every Lambda function, CDK-internal ones included, logs to a log group the stack deletes', () => {
    for (const { template } of aliceTemplates) {
      for (const [id, f] of Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function')) {
        const ref = (f.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref ?? '';
        expect({ id, logGroup: template.Resources[ref]?.Type }).toEqual({ id, logGroup: 'AWS::Logs::LogGroup' });
      }
    }
  });

  test('every lab function bundles into one minified file with esbuild, with the options the CDK is given', () => {
    const labFunctions = aliceTemplates.flatMap((t) => t.handlerEntries);
    expect(labFunctions.length).toBeGreaterThanOrEqual(11);
    // `npm run synth` bundles each function through the CDK, one esbuild process per handler (about 13 s for
    // all of them); one esbuild build of every handler at once proves the same in about 2 s.
    const entries = [...new Set(labFunctions)].sort();
    const { outputFiles, errors, warnings } = buildSync({
      entryPoints: entries.map((entry) => ({ in: entry, out: entry.replace(/\.ts$/, '') })),
      absWorkingDir: path.join(__dirname, '..', '..'),
      outdir: 'bundle',
      write: false,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: LAB_BUNDLING.target,
      minify: LAB_BUNDLING.minify,
      sourcemap: LAB_BUNDLING.sourceMap,
      sourcesContent: LAB_BUNDLING.sourcesContent,
      // The SDK is bundled too (bundleAwsSDK), so nothing is left external.
      external: LAB_BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*'],
      logLevel: 'silent',
    });
    // Every import resolves (esbuild reports one it cannot as an error).
    expect({ errors, warnings }).toEqual({ errors: [], warnings: [] });
    const bundles = outputFiles.filter((f) => f.path.endsWith('.js'));
    expect(bundles.map((f) => path.relative(path.join(__dirname, '..', '..', 'bundle'), f.path))).toEqual(entries.map((e) => e.replace(/\.ts$/, '.js')));
    for (const bundle of bundles) {
      const code = bundle.text;
      // Minified: very few lines, or very long ones (string literals keep their own line breaks).
      const lines = code.split('\n').length;
      const minified = lines <= 5 || code.length / lines > 1_000;
      expect({ file: bundle.path, exportsHandler: /\bhandler\b/.test(code), minified }).toEqual({ file: bundle.path, exportsHandler: true, minified: true });
    }
  });
});
