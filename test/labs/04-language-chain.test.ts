import { Match } from 'aws-cdk-lib/assertions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { READ_ENV } from '../../lambda/language-read/env';
import { contextOption, KitConfigError } from '../../lib/config';
import type { LanguageChainStack } from '../../lib/labs/language-chain/stack';
import { OUTPUTS } from '../../lib/labs/language-chain/layout';
import { TARGET_LANGUAGE } from '../../lib/labs/language-chain/options';
import { expectEveryBucketPrivate, expectTlsOnly } from '../helpers/controls';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';
import { labFindings } from '../helpers/shared-synth';

const lab = synthLab('language-chain', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('language-chain');
const stack = lab.stack as LanguageChainStack;
const { template } = lab;

const keyArn = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
const arnOf = (construct: Parameters<typeof logicalId>[0]) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const objectsUnder = (bucket: Parameters<typeof logicalId>[0], prefix: string) => ({
  'Fn::Join': ['', [arnOf(bucket), `/${prefix}*`]],
});
const machine = stack.chain.stateMachine;
const functions = () => {
  const byId = (id: string) => stack.node.findChild(id) as lambda.Function;
  return { read: byId('ReadInput'), translate: byId('Translate'), analyse: byId('Analyse') };
};

const statementsOf = (role: Parameters<typeof logicalId>[0]) => roleStatements(lab, logicalId(role));
const actionsOf = (statements: PolicyStatement[], resource: unknown) =>
  statements
    .filter((s) => JSON.stringify(s.Resource) === JSON.stringify(resource))
    .flatMap((s) => [s.Action].flat())
    .map((a) => a.toLowerCase())
    .sort();
/** Actions the role may call on "*": only what has no resource-level permissions. */
const wildcardActions = (role: Parameters<typeof logicalId>[0]) => actionsOf(statementsOf(role), '*');
const XRAY = ['xray:puttelemetryrecords', 'xray:puttracesegments'];

describe('security controls', () => {
  test('the input and output buckets are encrypted with the lab key', () => {
    const dataBuckets = resourcesOfType(lab, 'AWS::S3::Bucket').filter(([id]) => id !== logicalId(stack.accessLogsBucket));
    expect(dataBuckets.map(([id]) => id).sort()).toEqual([logicalId(stack.inputBucket), logicalId(stack.outputBucket)].sort());
    for (const [, bucket] of dataBuckets) {
      expect(bucket.Properties?.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } },
        ],
      });
    }
  });

  test('every bucket blocks public access and allows TLS 1.2 connections only', () => {
    expect(resourcesOfType(lab, 'AWS::S3::Bucket')).toHaveLength(3);
    expectEveryBucketPrivate(lab);
    expectTlsOnly(lab);
  });

  test('the dead-letter queue is encrypted with the lab key, TLS-only and keeps messages 14 days', () => {
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: keyArn,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(stack.deadLetterQueue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // Only the upload rule may send to it.
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': arnOf(stack.node.findChild('OnUpload')) } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
        ]),
      },
    });
  });

  test('uploads under input/ start the state machine, with retries, a maximum event age and the dead-letter queue', () => {
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [{ Ref: logicalId(stack.inputBucket) }] }, object: { key: [{ prefix: 'input/' }] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { Ref: logicalId(machine) },
          DeadLetterConfig: { Arn: arnOf(stack.deadLetterQueue) },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
        }),
      ],
    });
  });

  test('undeliverable events raise an alarm that notifies an encrypted topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.deadLetterQueue), 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: logicalId(stack.alarmTopic.topic) }],
    });
    // The topic policy lets CloudWatch publish for this alarm only (the key policy alone is not enough).
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowDeadLettersAlarmToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(stack.node.findChild('DeadLettersAlarm')), 'Arn'] } },
              StringEquals: { 'aws:SourceAccount': '123456789012' },
            },
          }),
        ]),
      },
    });
  });

  test('the state machine logs every event to an encrypted log group, without execution data', () => {
    const [[, machineResource]] = resourcesOfType(lab, 'AWS::StepFunctions::StateMachine');
    const logging = machineResource.Properties?.LoggingConfiguration as {
      Level: string;
      IncludeExecutionData: boolean;
      Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [string, string] } } }[];
    };
    expect(logging).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    const [logGroupId] = logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'];
    expect(lab.json.Resources[logGroupId].Properties).toMatchObject({ KmsKeyId: keyArn, RetentionInDays: 365 });
    // Under /aws/vendedlogs/, so creating the state machine adds nothing to the account-wide log policy.
    expect(lab.json.Resources[logGroupId].Properties?.LogGroupName).toMatch(/^\/aws\/vendedlogs\/states\/Lab04LanguageChain-/);
  });

  test('the state machine is a Standard workflow with a timeout and X-Ray tracing', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
    });
    const definition = JSON.stringify(lab.json.Resources[logicalId(machine)].Properties?.DefinitionString);
    expect(definition).toContain('\\"TimeoutSeconds\\":900');
  });

  test('every function is traced and logs to an encrypted log group kept one year', () => {
    for (const fn of Object.values(functions())) {
      const resource = lab.json.Resources[logicalId(fn)];
      expect(resource.Properties).toMatchObject({ TracingConfig: { Mode: 'Active' } });
      const logGroup = (resource.Properties!.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(lab.json.Resources[logGroup].Properties).toMatchObject({ KmsKeyId: keyArn, RetentionInDays: 365 });
    }
  });

  test('the read function can only read objects under input/, decrypting through S3', () => {
    const { read } = functions();
    const statements = statementsOf(read.role!);
    expect(actionsOf(statements, objectsUnder(stack.inputBucket, 'input/'))).toEqual(['s3:getobject']);
    expect(statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(keyArn))).toEqual([
      expect.objectContaining({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }),
    ]);
    expect(wildcardActions(read.role!)).toEqual(XRAY);
    expect(JSON.stringify(statements)).not.toContain(logicalId(stack.outputBucket));
  });

  test('each AI service role has only its own service actions', () => {
    const { translate, analyse } = functions();
    expect(wildcardActions(translate.role!)).toEqual(['translate:translatetext', ...XRAY]);
    expect(wildcardActions(analyse.role!)).toEqual([
      'comprehend:batchdetectentities',
      'comprehend:batchdetectkeyphrases',
      'comprehend:batchdetectsentiment',
      'comprehend:detectpiientities',
      ...XRAY,
    ]);
    for (const role of [translate.role!, analyse.role!]) {
      expect(JSON.stringify(statementsOf(role))).not.toMatch(/"s3:|"kms:/);
    }
    // The state machine's "*" actions: its direct AI calls, plus log delivery and traces.
    const machineWildcards = wildcardActions(machine.role);
    expect(machineWildcards.filter((a) => !/^(logs|xray):/.test(a))).toEqual([
      'comprehend:detectdominantlanguage',
      'polly:getspeechsynthesistask',
      'polly:startspeechsynthesistask',
    ]);
  });

  test('the state machine writes only under output/, errors/ and audio/ of the output bucket', () => {
    const statements = statementsOf(machine.role);
    const s3Statements = statements.filter((s) => [s.Action].flat().some((a) => a.toLowerCase().startsWith('s3:')));
    expect(s3Statements.flatMap((s) => [s.Action].flat()).map((a) => a.toLowerCase())).toEqual(['s3:putobject', 's3:putobject']);
    const resources = s3Statements.flatMap((s) => [s.Resource].flat());
    expect(resources).toEqual(
      expect.arrayContaining(['output/', 'errors/', 'audio/'].map((p) => objectsUnder(stack.outputBucket, p))),
    );
    expect(resources).toHaveLength(3);
    const kms = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(keyArn));
    expect(kms).toEqual([
      expect.objectContaining({ Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }),
    ]);
    expect(actionsOf(statements, keyArn)).toEqual(['kms:decrypt', 'kms:generatedatakey']);
  });

  test('the state machine invokes only the chain functions', () => {
    const invoke = statementsOf(machine.role).filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    const targets = invoke.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
    for (const fn of Object.values(functions())) {
      expect(targets).toContain(JSON.stringify(arnOf(fn)));
    }
    expect(targets).toHaveLength(6); // each function and its versions (":*")
  });

  test('no resource is retained on destroy', () => {
    for (const [id, resource] of Object.entries(lab.json.Resources)) {
      expect({ id, policy: resource.DeletionPolicy ?? 'Delete' }).toEqual({ id, policy: 'Delete' });
    }
    expect(lab.warnings).toEqual([]);
  });

  test('cdk-nag and the Control Tower guard rules pass', () => {
    expectNoFindings(findings);
  });
});

describe('configuration', () => {
  test('documents are not translated into another language unless asked', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [READ_ENV.defaultTargetLanguage]: 'none' }) },
    });
  });

  test('-c targetLanguage accepts language codes and says what to pass otherwise', () => {
    const read = (value: unknown) => contextOption({ node: { tryGetContext: () => value } }, TARGET_LANGUAGE);
    expect(read(undefined)).toBe('none');
    expect(read('fr')).toBe('fr');
    expect(read('pt-PT')).toBe('pt-PT');
    expect(() => read('French')).toThrow(/-c targetLanguage="French" is not allowed: use a language code Amazon Translate supports, such as fr/);
    expect(() => read(42)).toThrow(KitConfigError);
  });

  test('the outputs name what the verify script needs', () => {
    for (const key of Object.values(OUTPUTS)) {
      template.hasOutput(key, {});
    }
  });
});
