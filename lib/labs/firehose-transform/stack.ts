import { CfnOutput, Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TRANSFORM_ENV } from '../../../lambda/firehose-transform/env';
import { LAMBDA_RESPONSE_LIMIT_BYTES, PROCESSOR_BUFFER_MIB } from '../../../lambda/firehose-transform/limits';
import { LabFunction } from '../../constructs/lab-function';
import { LabLogGroup } from '../../constructs/lab-log-group';
import { SecureBucket } from '../../constructs/secure-bucket';
import { acknowledgeFirehoseObjectWrites, acknowledgeFunctionOutsideVpc } from '../../validation/acknowledgements';
import { DELIVERY_PREFIXES, FIREHOSE_OUTPUTS } from './layout';
import { LabStack, type LabStackProps } from '../lab-stack';

/**
 * How long Firehose waits before it calls the transform, and before it writes to S3. Short, so a
 * learner sees output in about two minutes; in production, larger buffers mean fewer, larger objects.
 */
export const BUFFERING = {
  processorInterval: Duration.seconds(30),
  deliveryInterval: Duration.seconds(60),
  deliverySize: Size.mebibytes(5),
} as const;

/**
 * Lab 02: a Direct PUT Firehose stream whose Lambda processor turns CSV sensor lines into JSON lines,
 * delivered (gzip, SSE-KMS) to a secure bucket with date partitions, with rejected records under an
 * error prefix and a backup of every source record.
 */
export class FirehoseTransformStack extends LabStack {
  /** Delivered JSON lines, rejected records and the source backup, under DELIVERY_PREFIXES. */
  readonly bucket: SecureBucket;
  /** The record transform Firehose invokes. */
  readonly transform: LabFunction;
  readonly stream: firehose.DeliveryStream;
  /** The role Firehose assumes to invoke the transform and write the bucket. */
  readonly deliveryRole: iam.Role;
  /** Firehose's error log (failed invocations and deliveries). */
  readonly deliveryLogs: LabLogGroup;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    const bucket = new SecureBucket(this, 'Delivery', {
      encryptionKey: this.key,
      accessLogsBucket: this.accessLogsBucket,
    });

    const transform = new LabFunction(this, 'Transform', {
      entry: 'lambda/firehose-transform/handler.ts',
      description: 'Firehose record transform: CSV sensor lines to JSON lines',
      encryptionKey: this.key,
      environment: { [TRANSFORM_ENV.responseLimitBytes]: String(LAMBDA_RESPONSE_LIMIT_BYTES) },
      // Firehose waits up to 5 minutes for a batch; a 0.4 MiB batch takes well under a second.
      timeout: Duration.minutes(1),
    });
    acknowledgeFunctionOutsideVpc(transform, 'CloudWatch Logs and X-Ray (Firehose invokes it; it calls no other service)');

    const deliveryLogs = new LabLogGroup(this, 'DeliveryLogs', { encryptionKey: this.key });
    const role = this.createDeliveryRole(bucket, transform, deliveryLogs);
    // Fixed permissions: the L2 would add read-write on the bucket (including deletes) and
    // encrypt-decrypt on the key; the role above has exactly what Firehose needs.
    const fixedRole = role.withoutPolicyUpdates();

    const s3Options = {
      compression: firehose.Compression.GZIP,
      encryptionKey: this.key,
      loggingConfig: new firehose.EnableLogging(deliveryLogs),
      bufferingInterval: BUFFERING.deliveryInterval,
      bufferingSize: BUFFERING.deliverySize,
    };
    const stream = new firehose.DeliveryStream(this, 'Stream', {
      encryption: firehose.StreamEncryption.customerManagedKey(this.key),
      role: fixedRole,
      destination: new firehose.S3Bucket(bucket, {
        ...s3Options,
        role: fixedRole,
        dataOutputPrefix: DELIVERY_PREFIXES.data,
        errorOutputPrefix: DELIVERY_PREFIXES.errors,
        processors: [
          new firehose.LambdaFunctionProcessor(transform, {
            // Small enough that a full batch of output always fits Lambda's 6 MiB response:
            // see lambda/firehose-transform/limits.ts.
            bufferSize: Size.mebibytes(PROCESSOR_BUFFER_MIB),
            bufferInterval: BUFFERING.processorInterval,
            retries: 3,
          }),
        ],
        s3Backup: {
          ...s3Options,
          mode: firehose.BackupMode.ALL,
          bucket,
          dataOutputPrefix: DELIVERY_PREFIXES.source,
          errorOutputPrefix: DELIVERY_PREFIXES.sourceErrors,
        },
      }),
    });
    // The L2 cannot make the stream wait for permissions it did not add; create the policy first.
    stream.node.addDependency(role);
    // Destroy deletes the stream and the role's permissions before it empties the bucket, so no buffered
    // record is delivered into an emptied bucket.
    bucket.emptiedAfter(stream, role);
    // The L2 adds a log stream per destination; like the log group, it goes with the stack.
    for (const child of deliveryLogs.node.children) {
      if (child instanceof logs.LogStream) {
        child.applyRemovalPolicy(RemovalPolicy.DESTROY);
      }
    }

    this.bucket = bucket;
    this.transform = transform;
    this.stream = stream;
    this.deliveryRole = role;
    this.deliveryLogs = deliveryLogs;

    new CfnOutput(this, FIREHOSE_OUTPUTS.streamName, { value: stream.deliveryStreamName });
    new CfnOutput(this, FIREHOSE_OUTPUTS.bucketName, { value: bucket.bucketName });
    new CfnOutput(this, FIREHOSE_OUTPUTS.transformFunction, { value: transform.functionName });
    new CfnOutput(this, FIREHOSE_OUTPUTS.transformLogGroup, { value: transform.logGroup.logGroupName });
    new CfnOutput(this, FIREHOSE_OUTPUTS.deliveryLogGroup, { value: deliveryLogs.logGroupName });
  }

  /**
   * The role Firehose assumes, with the permissions the Firehose documentation lists for an S3
   * destination with a Lambda transform, and no more.
   */
  private createDeliveryRole(bucket: SecureBucket, transform: LabFunction, deliveryLogs: LabLogGroup): iam.Role {
    const role = new iam.Role(this, 'DeliveryRole', {
      description: 'Assumed by Firehose: invoke the transform, write the delivery bucket, log errors',
      // Firehose passes the account id as external id: only streams of this account can assume the role.
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'sts:ExternalId': this.account } },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeTheTransform',
        actions: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
        resources: [transform.functionArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteTheDeliveryBucket',
        actions: [
          's3:AbortMultipartUpload',
          's3:GetBucketLocation',
          's3:GetObject',
          's3:ListBucket',
          's3:ListBucketMultipartUploads',
          's3:PutObject',
        ],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptObjectsOfTheDeliveryBucket',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` },
          // With an S3 Bucket Key the encryption context is the bucket ARN, else the object ARN.
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucket.bucketArn, bucket.arnForObjects('*')] },
        },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'LogDeliveryErrors',
        actions: ['logs:PutLogEvents'],
        resources: [deliveryLogs.logGroupArn],
      }),
    );
    acknowledgeFirehoseObjectWrites(role, bucket);
    return role;
  }
}
