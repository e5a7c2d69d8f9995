/** The posture extractor's pure parts, on hand-written templates: names, tokens, statements, sorting, gaps. */
import { extractPosture } from '../../lib/posture/extract';
import { KNOWN_TYPES } from '../../lib/posture/known-types';
import { constructName, resourceNames } from '../../lib/posture/names';
import { renderPosture } from '../../lib/posture/render';
import { policyStatements } from '../../lib/posture/statements';
import type { Template, TemplateResource } from '../../lib/posture/template';
import { TokenRenderer } from '../../lib/posture/tokens';

const at = (path: string): Pick<TemplateResource, 'Metadata'> => ({ Metadata: { 'aws:cdk:path': path } });

const TEMPLATE: Template = {
  Resources: {
    LabKey76E91B60: { Type: 'AWS::KMS::Key', ...at('Lab01DataLake/LabKey/Resource'), Properties: { EnableKeyRotation: true } },
    Data666C94C7: { Type: 'AWS::S3::Bucket', ...at('Lab01DataLake/Data/Resource') },
    CrawlerRoleC968FDBC: { Type: 'AWS::IAM::Role', ...at('Lab01DataLake/Crawler/Role/Resource') },
  },
};
const tokens = new TokenRenderer(resourceNames(TEMPLATE));

describe('names', () => {
  test('a resource is named by its construct path without the stack and the Resource child', () => {
    expect(constructName('Lab01DataLake/Crawler/Role/Resource')).toBe('Crawler/Role');
    expect(constructName('alice-Lab04LanguageChain/Input/AutoDeleteObjectsCustomResource/Default')).toBe('Input/AutoDeleteObjectsCustomResource');
  });

  test('a unique id inside a construct id loses its stack name and hash', () => {
    expect(constructName('alice-Lab03SageMakerPrivate/Sg/from aliceLab03SageMakerPrivateSgABA5BF68:ESP')).toBe('Sg/from Sg:ESP');
  });

  test('a template without construct paths is an error that says how to synthesize it', () => {
    expect(() => resourceNames({ Resources: { A: { Type: 'AWS::S3::Bucket' } } })).toThrow(/aws:cdk:enable-path-metadata/);
  });
});

describe('tokens', () => {
  test('references and attributes are rendered with construct names', () => {
    expect(tokens.render({ Ref: 'Data666C94C7' })).toBe('${Data}');
    expect(tokens.render({ 'Fn::GetAtt': ['LabKey76E91B60', 'Arn'] })).toBe('${LabKey.Arn}');
    expect(tokens.render({ Ref: 'AWS::Partition' })).toBe('${AWS::Partition}');
  });

  test('a join of a bucket ARN and a prefix reads like the ARN it makes', () => {
    expect(tokens.render({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Data666C94C7', 'Arn'] }, '/raw/*']] })).toBe('${Data.Arn}/raw/*');
  });

  test('a substitution gets construct names and its variables', () => {
    expect(tokens.render({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Data666C94C7}/${Prefix}' })).toBe('arn:${AWS::Partition}:s3:::${Data}/${Prefix}');
    expect(tokens.render({ 'Fn::Sub': ['${Bucket}/x', { Bucket: { Ref: 'Data666C94C7' } }] })).toBe('${Data}/x');
  });

  test('other functions keep their name and arguments', () => {
    expect(tokens.render({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })).toBe('${Fn::Select(0, ${AWS::AZs})}');
    expect(tokens.render({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
    expect(tokens.render({ 'Fn::ImportValue': 'Shared' })).toBe('${Fn::ImportValue(Shared)}');
  });
});

describe('statements', () => {
  const allow = {
    Effect: 'Allow',
    Sid: 'ReadRaw',
    Principal: { Service: 'glue.amazonaws.com' },
    Action: ['s3:ListBucket'],
    Resource: { 'Fn::GetAtt': ['Data666C94C7', 'Arn'] },
    Condition: { StringLike: { 's3:prefix': ['raw/*', 'raw/'] } },
  };
  const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

  test('a statement keeps effect, principals, actions, resources and conditions, with tokens as names', () => {
    expect(policyStatements({ Statement: [allow] }, tokens)).toEqual([
      {
        effect: 'Allow',
        principals: ['Service:glue.amazonaws.com'],
        actions: ['s3:ListBucket'],
        resources: ['${Data.Arn}'],
        conditions: ['StringLike s3:prefix = raw/, raw/*'],
      },
    ]);
  });

  test('equal policies with statements in another order or with other sids print equally', () => {
    expect(policyStatements({ Statement: [deny, { ...allow, Sid: 'Other' }] }, tokens)).toEqual(policyStatements({ Statement: [allow, deny] }, tokens));
  });

  test('NotAction, NotResource and NotPrincipal are kept, marked as such', () => {
    const [statement] = policyStatements({ Statement: { Effect: 'Deny', NotPrincipal: { AWS: 'x' }, NotAction: 'iam:*', NotResource: '*' } }, tokens);
    expect(statement).toMatchObject({ principals: ['not AWS:x'], actions: ['not iam:*'], resources: ['not *'] });
  });
});

describe('posture', () => {
  const bucket = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Template => ({
    Resources: { Data666C94C7: { Type: 'AWS::S3::Bucket', ...at('Lab01DataLake/Data/Resource'), Properties: properties, ...extra } },
  });

  test('descriptions, tags and ignored properties are left out; described ones and removal policies are in', () => {
    const text = renderPosture(
      extractPosture(
        bucket(
          { BucketName: 'x', Tags: [{ Key: 'a', Value: 'b' }], VersioningConfiguration: { Status: 'Enabled' } },
          { DeletionPolicy: 'Delete', DependsOn: ['Other'] },
        ),
      ),
    );
    expect(text).toBe(['Data  [AWS::S3::Bucket]', '  retention      VersioningConfiguration.Status = Enabled', '  removal        DeletionPolicy = Delete'].join('\n'));
  });

  test('a property the type does not list, and an unknown resource attribute, are gaps', () => {
    expect(extractPosture(bucket({ AccelerateConfiguration: {} }, { Condition: 'IsProd' })).gaps).toEqual([
      'Data (AWS::S3::Bucket): resource attribute Condition is not known to the posture',
      'Data (AWS::S3::Bucket): property AccelerateConfiguration is neither described nor ignored in lib/posture/known-types.ts',
    ]);
  });

  test('every known type lists each property once, as described or ignored', () => {
    for (const [type, rule] of Object.entries(KNOWN_TYPES)) {
      const both = Object.keys(rule.describe).filter((p) => rule.ignore?.includes(p));
      expect({ type, both }).toEqual({ type, both: [] });
    }
  });
});
