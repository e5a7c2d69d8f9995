import { LAMBDA_RESPONSE_LIMIT_BYTES, PROCESSOR_BUFFER_MIB } from '../../lambda/firehose-transform/limits';
import { DELIVERY_PREFIXES, FIREHOSE_OUTPUTS } from '../../lib/labs/firehose-transform/layout';
import type { FirehoseTransformStack } from '../../lib/labs/firehose-transform/stack';
import { expectEveryBucketPrivate, expectTlsOnly } from '../helpers/controls';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';
import { labFindings } from '../helpers/shared-synth';

const lab = synthLab('firehose-transform', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('firehose-transform');
const stack = lab.stack as FirehoseTransformStack;
const { template } = lab;

const getAtt = (construct: Parameters<typeof logicalId>[0], attribute = 'Arn') => ({
  'Fn::GetAtt': [logicalId(construct), attribute],
});
const keyArn = getAtt(stack.key);
const bucketArn = getAtt(stack.bucket);
const bucketObjects = { 'Fn::Join': ['', [bucketArn, '/*']] };

type Json = Record<string, unknown>;
const [[, streamResource]] = resourcesOfType(lab, 'AWS::KinesisFirehose::DeliveryStream');
const streamProps = streamResource.Properties as Json;
const destination = streamProps.ExtendedS3DestinationConfiguration as Json;
const backup = destination.S3BackupConfiguration as Json;
const [processor] = (destination.ProcessingConfiguration as { Processors: { Type: string; Parameters: { ParameterName: string; ParameterValue: unknown }[] }[] }).Processors;
const processorParameters = Object.fromEntries(processor.Parameters.map((p) => [p.ParameterName, p.ParameterValue]));

const statementsOf = (roleLogicalId: string) => roleStatements(lab, roleLogicalId);
const actionsOf = (statements: readonly PolicyStatement[]) => statements.flatMap((s) => [s.Action].flat()).sort();
const deliveryStatements = statementsOf(logicalId(stack.deliveryRole));
const onService = (service: string) =>
  deliveryStatements.filter((s) => [s.Action].flat().some((a) => a.startsWith(`${service}:`)));

describe('security controls', () => {
  test('the delivery stream encrypts buffered records with the lab key', () => {
    expect(streamProps.DeliveryStreamEncryptionConfigurationInput).toEqual({ KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: keyArn });
  });

  test('delivered and backed-up objects are compressed and encrypted with the lab key', () => {
    for (const config of [destination, backup]) {
      expect(config.CompressionFormat).toBe('GZIP');
      expect(config.EncryptionConfiguration).toEqual({ KMSEncryptionConfig: { AWSKMSKeyARN: keyArn } });
      expect(config.BucketARN).toEqual(bucketArn);
    }
  });

  test('the delivery bucket is encrypted with the lab key, TLS-only and private', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.accessLogsBucket) } },
    });
    expectEveryBucketPrivate(lab);
    expectTlsOnly(lab, [logicalId(stack.bucket)]);
  });

  test('rejected records go to their own error prefix', () => {
    expect(destination.ErrorOutputPrefix).toBe(DELIVERY_PREFIXES.errors);
    expect(destination.ErrorOutputPrefix).toMatch(/^errors\/!\{firehose:error-output-type\}\//);
    expect(destination.Prefix).toBe(DELIVERY_PREFIXES.data);
    expect(backup.ErrorOutputPrefix).toMatch(/^errors\/source-backup\//);
  });

  test('Firehose logs delivery errors to an encrypted log group kept for one year', () => {
    for (const config of [destination, backup]) {
      expect(config.CloudWatchLoggingOptions).toEqual({
        Enabled: true,
        LogGroupName: { Ref: logicalId(stack.deliveryLogs) },
        LogStreamName: { Ref: expect.any(String) },
      });
    }
    expect(lab.json.Resources[logicalId(stack.deliveryLogs)]).toMatchObject({
      Properties: { KmsKeyId: keyArn, RetentionInDays: 365 },
      DeletionPolicy: 'Delete',
    });
  });

  test('the transform is the Lambda processor, with a buffer size that keeps its responses under 6 MiB', () => {
    expect(processor.Type).toBe('Lambda');
    expect(processorParameters).toEqual({
      RoleArn: getAtt(stack.deliveryRole),
      LambdaArn: getAtt(stack.transform),
      BufferSizeInMBs: String(PROCESSOR_BUFFER_MIB),
      BufferIntervalInSeconds: '30',
      NumberOfRetries: '3',
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { RESPONSE_LIMIT_BYTES: String(LAMBDA_RESPONSE_LIMIT_BYTES) } },
    });
  });

  test('the Firehose role can invoke only the transform function', () => {
    const lambdaStatements = onService('lambda');
    expect(lambdaStatements).toEqual([
      {
        Sid: 'InvokeTheTransform',
        Effect: 'Allow',
        Action: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
        Resource: getAtt(stack.transform),
      },
    ]);
    expect(resourcesOfType(lab, 'AWS::Lambda::Permission')).toEqual([]);
  });

  test('the Firehose role can write only the delivery bucket, and delete nothing', () => {
    expect(onService('s3')).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
        Resource: [bucketArn, bucketObjects],
      }),
    ]);
    expect(onService('kms')).toEqual([
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: keyArn,
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, bucketObjects] },
        },
      }),
    ]);
    expect(onService('logs')).toEqual([
      expect.objectContaining({ Action: 'logs:PutLogEvents', Resource: getAtt(stack.deliveryLogs) }),
    ]);
    expect(actionsOf(deliveryStatements).filter((a) => !/^(s3|kms|logs|lambda):/.test(a))).toEqual([]);
    expect(actionsOf(deliveryStatements).some((a) => /Delete|\*/.test(a))).toBe(false);
  });

  test('only Firehose, for this account, can assume the Firehose role', () => {
    const role = template.toJSON().Resources[logicalId(stack.deliveryRole)];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'firehose.amazonaws.com' },
        Condition: { StringEquals: { 'sts:ExternalId': stack.resolve(stack.account) } },
      },
    ]);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('the transform function can only write its own logs and traces', () => {
    const statements = statementsOf(logicalId(stack.transform.role!));
    expect(actionsOf(statements)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    const logStatement = statements.find((s) => [s.Action].flat().includes('logs:PutLogEvents'));
    expect(logStatement?.Resource).toEqual(getAtt(stack.transform.logGroup as Parameters<typeof logicalId>[0]));
  });

  test('every resource is deleted by cdk destroy', () => {
    for (const [id, resource] of Object.entries(lab.json.Resources)) {
      for (const policy of [resource.DeletionPolicy, resource.UpdateReplacePolicy]) {
        if (policy !== undefined && policy !== 'Delete') {
          throw new Error(`${id} (${resource.Type}) has ${JSON.stringify(policy)}`);
        }
      }
    }
    expect(resourcesOfType(lab, 'AWS::Logs::LogStream').map(([, r]) => r.DeletionPolicy)).toEqual(['Delete', 'Delete']);
    expect(lab.warnings).toEqual([]);
  });

  test('cdk-nag and guard find nothing unacknowledged', () => {
    expectNoFindings(findings);
  });
});

describe('delivery', () => {
  test('accepts records by Direct PUT', () => {
    expect(streamProps.DeliveryStreamType).toBe('DirectPut');
  });

  test('writes JSON lines under date partitions and backs up every source record', () => {
    expect(destination.Prefix).toBe('data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/');
    expect(destination.S3BackupMode).toBe('Enabled');
    expect(backup.Prefix).toBe(DELIVERY_PREFIXES.source);
  });

  test('buffers briefly, so output appears within about two minutes', () => {
    expect(destination.BufferingHints).toEqual({ IntervalInSeconds: 60, SizeInMBs: 5 });
    expect(processorParameters.BufferIntervalInSeconds).toBe('30');
  });

  test('runs the transform with enough time for a full batch', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 60,
      TracingConfig: { Mode: 'Active' },
    });
  });

  test('outputs what the lab scripts read', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(Object.values(FIREHOSE_OUTPUTS).sort());
  });
});
