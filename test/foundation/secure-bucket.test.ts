import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureBucket } from '../../lib/constructs/secure-bucket';
import type { LabStack } from '../../lib/labs/lab-stack';
import type { IConstruct } from 'constructs';
import { expectNoFindings, logicalId, resourcesOfType } from '../helpers/synth';
import { synthTestStack } from '../helpers/test-stack';

let bucket!: SecureBucket;
const lab = synthTestStack((stack) => {
  bucket = new SecureBucket(stack, 'Data', { encryptionKey: stack.key, accessLogsBucket: stack.accessLogsBucket });
});
const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
const dataBucket = () => resourcesOfType(lab, 'AWS::S3::Bucket').find(([id]) => id === ref(bucket).Ref)![1];

describe('SecureBucket', () => {
  test('encrypts with the lab key and an S3 Bucket Key', () => {
    expect(dataBucket().Properties!.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(lab.stack.key), 'Arn'] },
          },
        },
      ],
    });
  });

  test('blocks all public access and disables ACLs', () => {
    expect(dataBucket().Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  test('denies requests without TLS and below TLS 1.2', () => {
    lab.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(bucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('keeps versions, and expires old versions and unfinished uploads', () => {
    expect(dataBucket().Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [
          { NoncurrentVersionExpiration: { NoncurrentDays: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
        ],
      },
    });
  });

  test('writes server access logs to the lab access-log bucket', () => {
    expect(dataBucket().Properties!.LoggingConfiguration).toEqual({
      DestinationBucketName: ref(lab.stack.accessLogsBucket),
      LogFilePrefix: 'Data/',
    });
  });

  test('sends events to EventBridge without a notifications custom resource', () => {
    expect(dataBucket().Properties!.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    lab.template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });

  test('is emptied and deleted by cdk destroy', () => {
    expect(dataBucket().DeletionPolicy).toBe('Delete');
    lab.template.hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: ref(bucket) });
  });

  test('the access-log bucket is emptied while its policy, log delivery\'s only permission, still exists', () => {
    // The emptying denies writes in the policy first; the policy goes next, so no late log can land (see AccessLogsBucket).
    const logCleanup = resourcesOfType(lab, 'Custom::S3AutoDeleteObjects').find(
      ([, r]) => JSON.stringify(r.Properties?.BucketName) === JSON.stringify(ref(lab.stack.accessLogsBucket)),
    );
    expect(logCleanup?.[1].DependsOn).toEqual([logicalId(lab.stack.accessLogsBucket.policy!)]);
  });

  test('passes cdk-nag and guard with no unacknowledged finding', () => {
    expectNoFindings(lab.findings);
    expect(lab.warnings).toEqual([]);
  });

  test('its props cannot turn the controls off', () => {
    // Each line fails to compile (and so `npm test` fails) if SecureBucketProps stops omitting the property.
    const attempts: ((stack: LabStack) => SecureBucket)[] = [
      // @ts-expect-error encryption is fixed
      (s) => new SecureBucket(s, 'A', { encryptionKey: s.key, accessLogsBucket: s.accessLogsBucket, encryption: s3.BucketEncryption.UNENCRYPTED }),
      // @ts-expect-error TLS-only is fixed
      (s) => new SecureBucket(s, 'B', { encryptionKey: s.key, accessLogsBucket: s.accessLogsBucket, enforceSSL: false }),
      // @ts-expect-error public access blocking is fixed
      (s) => new SecureBucket(s, 'C', { encryptionKey: s.key, accessLogsBucket: s.accessLogsBucket, publicReadAccess: true }),
      // @ts-expect-error removal is fixed
      (s) => new SecureBucket(s, 'D', { encryptionKey: s.key, accessLogsBucket: s.accessLogsBucket, autoDeleteObjects: false }),
      // @ts-expect-error physical names are generated
      (s) => new SecureBucket(s, 'E', { encryptionKey: s.key, accessLogsBucket: s.accessLogsBucket, bucketName: 'fixed' }),
    ];
    expect(attempts).toHaveLength(5);
  });
});

describe('AccessLogsBucket', () => {
  const logBucket = () => resourcesOfType(lab, 'AWS::S3::Bucket').find(([id]) => id === ref(lab.stack.accessLogsBucket).Ref)![1];

  test('uses SSE-S3, the only encryption S3 log delivery accepts, and does not log to itself', () => {
    expect(logBucket().Properties!.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(logBucket().Properties!.LoggingConfiguration).toBeUndefined();
  });

  test('lets only the S3 logging service write, for this account, over TLS', () => {
    lab.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(lab.stack.accessLogsBucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
          }),
        ]),
      },
    });
  });
});
