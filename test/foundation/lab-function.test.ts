import { CustomResource, Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabProvider } from '../../lib/constructs/lab-provider';
import { SampleData } from '../../lib/constructs/sample-data';
import { SecureBucket } from '../../lib/constructs/secure-bucket';
import { acknowledgeFunctionOutsideVpc } from '../../lib/validation/acknowledgements';
import { testApp, expectNoFindings, logicalId, resourcesOfType, testOutdir } from '../helpers/synth';
import { synthTestStack, TestLabStack } from '../helpers/test-stack';

let fn!: LabFunction;
const outdir = testOutdir();
const lab = synthTestStack((stack) => {
  fn = new LabFunction(stack, 'Fn', {
    entry: 'test/fixtures/handler/handler.ts',
    description: 'test function',
    encryptionKey: stack.key,
    environment: { GREETING: 'hello' },
  });
  acknowledgeFunctionOutsideVpc(fn, 'nothing (test fixture)');
  const waiter = new LabFunction(stack, 'Waiter', {
    entry: 'test/fixtures/handler/handler.ts',
    description: 'test isComplete',
    encryptionKey: stack.key,
  });
  acknowledgeFunctionOutsideVpc(waiter, 'nothing (test fixture)');
  const provider = new LabProvider(stack, 'Provider', { onEvent: fn, isComplete: waiter, encryptionKey: stack.key, totalTimeout: Duration.minutes(10) });
  new CustomResource(stack, 'Resource', { serviceToken: provider.serviceToken });
  const bucket = new SecureBucket(stack, 'Data', { encryptionKey: stack.key, accessLogsBucket: stack.accessLogsBucket });
  new SampleData(stack, 'Samples', { source: 'test/fixtures/sample-data', destinationBucket: bucket, destinationKeyPrefix: 'raw/' });
});

describe('LabFunction', () => {
  test('runs on the newest Node.js runtime with JSON logs and X-Ray tracing', () => {
    lab.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^FnLogs') } }),
      Environment: { Variables: Match.objectLike({ GREETING: 'hello' }) },
    });
  });

  test('logs to an encrypted log group with retention that destroy deletes', () => {
    lab.template.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: { 'Fn::GetAtt': [logicalId(lab.stack.key), 'Arn'] }, RetentionInDays: 365 },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
  });

  test('its role has no AWS managed policy and may write only its own logs (and traces)', () => {
    const role = resourcesOfType(lab, 'AWS::IAM::Role').find(([id]) => id.startsWith('FnRole'))![1];
    expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
    const policy = resourcesOfType(lab, 'AWS::IAM::Policy').find(([id]) => id.startsWith('FnRoleDefaultPolicy'))![1];
    const statements = (policy.Properties!.PolicyDocument as { Statement: { Action: string[] | string; Resource: unknown }[] }).Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logicalId(fn.logGroup), 'Arn'] } },
    ]);
  });

  test('has no reserved concurrency, which new accounts (quota 10) reject', () => {
    for (const [, f] of resourcesOfType(lab, 'AWS::Lambda::Function')) {
      expect(f.Properties!.ReservedConcurrentExecutions).toBeUndefined();
    }
  });
});

describe('LabProvider and SampleData', () => {
  test('every Lambda function, including CDK-internal ones, logs to a log group the stack deletes', () => {
    const functions = resourcesOfType(lab, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThanOrEqual(6);
    for (const [id, f] of functions) {
      const logGroup = (f.Properties!.LoggingConfig as { LogGroup?: { Ref: string } } | undefined)?.LogGroup;
      expect({ id, logGroup: lab.json.Resources[logGroup?.Ref ?? '']?.Type }).toEqual({ id, logGroup: 'AWS::Logs::LogGroup' });
    }
  });

  test('the Provider waiter state machine logs everything except execution data', () => {
    lab.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  test('the framework and BucketDeployment findings are acknowledged, the lab functions are still checked', () => {
    expectNoFindings(lab.findings);
    expect(lab.warnings).toEqual([]);
  });

  test('sample data must go under a prefix ending with a slash', () => {
    const build = () =>
      new TestLabStack(testApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } }), (stack) => {
        const bucket = new SecureBucket(stack, 'Data', { encryptionKey: stack.key, accessLogsBucket: stack.accessLogsBucket });
        new SampleData(stack, 'Samples', { source: 'test/fixtures/sample-data', destinationBucket: bucket, destinationKeyPrefix: 'raw' });
      });
    expect(build).toThrow('SampleData Samples: destinationKeyPrefix "raw" must end with "/".');
  });

});
