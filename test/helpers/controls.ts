/**
 * Assertions for the controls every lab shares, so each lab's named control test states its count and
 * calls one of these instead of repeating the template shapes.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOfType, type SynthesizedLab } from './synth';

/** Every bucket blocks all public access and has ACLs disabled. */
export function expectEveryBucketPrivate(lab: SynthesizedLab): void {
  lab.template.allResourcesProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
  });
}

/** Every bucket (or the ones given, by logical id) has a policy denying requests without TLS or below TLS 1.2. */
export function expectTlsOnly(lab: SynthesizedLab, bucketIds: readonly string[] = resourcesOfType(lab, 'AWS::S3::Bucket').map(([id]) => id)): void {
  for (const bucket of bucketIds) {
    lab.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  }
}

/** No resource is retained or snapshotted on destroy, every bucket is emptied first, and no destroy guardrail warns. */
export function expectNothingRetained(lab: SynthesizedLab): void {
  const retained = Object.entries(lab.json.Resources)
    .filter(([, r]) => (r.DeletionPolicy ?? 'Delete') !== 'Delete' || (r.UpdateReplacePolicy ?? 'Delete') !== 'Delete')
    .map(([id]) => id);
  expect(retained).toEqual([]);
  lab.template.allResourcesProperties('AWS::S3::Bucket', { Tags: Match.arrayWith([{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }]) });
  expect(lab.warnings).toEqual([]);
}

/** Resources of these types leave their name property to CloudFormation, which generates a unique one. */
export function expectGeneratedNames(lab: SynthesizedLab, names: readonly (readonly [type: string, property: string])[]): void {
  for (const [type, property] of names) {
    for (const [id, resource] of resourcesOfType(lab, type)) {
      expect([id, resource.Properties?.[property]]).toEqual([id, undefined]);
    }
  }
}
