/** The check that a guide's controls show in the lab's posture: each kind of evidence can fail. */
import { evidenceProblems } from '../../lib/posture/controls/check';
import type { ControlEvidence } from '../../lib/posture/controls/evidence';

const POSTURE = [
  'Data  [AWS::S3::Bucket]',
  '  encryption     BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm = aws:kms',
  '',
  'Data/Policy  [AWS::S3::BucketPolicy]',
  '  policy         PolicyDocument = Deny',
  '                                    principal AWS:*',
  '                                    action    s3:*',
].join('\n');

const EVIDENCE: ControlEvidence = {
  'the bucket is encrypted': [{ in: 'Data', shows: ['SSEAlgorithm = aws:kms'] }],
  'every bucket policy denies': [{ every: 'AWS::S3::BucketPolicy', shows: ['Deny principal AWS:* action s3:*'], lacks: ['Allow'] }],
  'nothing is retained': [{ nowhere: 'DeletionPolicy = Retain' }],
  'validations pass': [{ outside: 'not a template fact' }],
};

test('evidence that is in the posture passes, with statement lines written as one', () => {
  expect(evidenceProblems(POSTURE, Object.keys(EVIDENCE), EVIDENCE)).toEqual([]);
});

test('a control without evidence, and evidence for a control the guide dropped, are problems', () => {
  expect(evidenceProblems(POSTURE, ['the bucket is encrypted', 'a new control'], { 'the bucket is encrypted': EVIDENCE['the bucket is encrypted'], gone: [{ outside: 'x' }] })).toEqual([
    '"a new control": no evidence listed',
    '"gone": evidence for a control the guide does not list',
  ]);
});

test('each kind of evidence fails when the posture does not bear it out', () => {
  const evidence: ControlEvidence = {
    a: [{ in: 'Data', shows: ['SSEAlgorithm = AES256'] }],
    b: [{ in: 'Other', shows: [] }],
    c: [{ every: 'AWS::S3::BucketPolicy', lacks: ['s3:*'] }],
    d: [{ every: 'AWS::SQS::Queue', shows: [] }],
    e: [{ nowhere: 'aws:kms' }],
  };
  expect(evidenceProblems(POSTURE, Object.keys(evidence), evidence)).toEqual([
    '"a": Data does not show "SSEAlgorithm = AES256"',
    '"b": no resource Other',
    '"c": Data/Policy shows "s3:*"',
    '"d": no resource of type AWS::SQS::Queue',
    '"e": the posture contains "aws:kms"',
  ]);
});
