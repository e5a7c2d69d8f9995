import { Match } from 'aws-cdk-lib/assertions';
import { expectNoFindings } from '../helpers/synth';
import { synthTestStack } from '../helpers/test-stack';

const lab = synthTestStack();

describe('LabStack foundation', () => {
  test('the lab key rotates and is deleted 7 days after destroy', () => {
    lab.template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, PendingWindowInDays: 7 },
      DeletionPolicy: 'Delete',
    });
  });

  test('the lab key lets CloudWatch Logs use it only for this account and Region', () => {
    lab.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:*' } },
          }),
        ]),
      },
    });
  });

  test('the lab key lets only AWS services create grants (CT.KMS.PR.3)', () => {
    lab.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'DenyGrantsExceptForAwsServices',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'kms:CreateGrant',
            Resource: '*',
            Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          },
        ]),
      },
    });
  });

  test('every taggable resource carries the project, lab and learner tags', () => {
    const tagged = Object.values(lab.json.Resources).filter((r) => r.Properties?.Tags);
    expect(tagged.length).toBeGreaterThan(2);
    for (const resource of tagged) {
      expect(resource.Properties!.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'project', Value: 'ml-lab-kit' },
          { Key: 'lab', Value: 'data-lake' },
          { Key: 'learner', Value: 'none' },
        ]),
      );
    }
  });

  test('an empty lab passes cdk-nag and guard', () => {
    expectNoFindings(lab.findings);
    expect(lab.warnings).toEqual([]);
  });

  test('unique names derive from the stack name, in the spelling a service needs', () => {
    const stack = lab.stack;
    expect(stack.uniqueName('workgroup', { style: 'kebab', maxLength: 128 })).toBe('test-workgroup');
    expect(stack.uniqueName('raw-data', { style: 'snake', maxLength: 255 })).toBe('test_raw_data');
    expect(() => stack.uniqueName('a-very-long-suffix', { style: 'kebab', maxLength: 10 })).toThrow(
      'The name "test-a-very-long-suffix" is longer than 10 characters: choose a shorter learner name.',
    );
  });
});
