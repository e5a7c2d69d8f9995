/**
 * Keep deployed learners safe: a learner who deployed an earlier release and runs `cdk deploy` with this one must
 * not lose data or get a failed update. CloudFormation knows a resource by its logical id: an update whose template
 * has a new id and lacks the old one is an `Add` of a new resource and a `Remove` of the old one
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html), and the old one is
 * deleted, with its data, once the update succeeds (https://github.com/serverless/serverless/issues/1677, a table
 * lost that way); a resource with a fixed name fails to create while the old one still holds it. So every stateful
 * resource of a released template keeps its logical id and type.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appTemplates } from '../helpers/shared-synth';

interface Released {
  readonly stacks: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const RELEASED = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'stateful-logical-ids.json'), 'utf8')) as Released;

/** The released stateful ids of `stackName` that the template lacks, or has with another type. */
function missingStatefulIds(released: Readonly<Record<string, string>>, resources: Readonly<Record<string, { readonly Type: string }>>): string[] {
  return Object.entries(released)
    .filter(([id, type]) => resources[id]?.Type !== type)
    .map(([id, type]) => `${id} (${type})${resources[id] ? ` is now ${resources[id].Type}` : ' is gone'}`);
}

describe('stateful resources keep their logical ids across releases', () => {
  const templates = appTemplates();

  test('the released ids cover every released lab, and each lab has buckets, a key and log groups among them', () => {
    expect(Object.keys(RELEASED.stacks).length).toBeGreaterThanOrEqual(6);
    for (const ids of Object.values(RELEASED.stacks)) {
      expect(Object.values(ids)).toEqual(expect.arrayContaining(['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']));
    }
  });

  test.each(Object.keys(RELEASED.stacks).map((name) => [name]))('%s keeps every stateful logical id of the released template', (stackName) => {
    const current = templates.find((t) => t.stackName === stackName);
    expect(current).toBeDefined();
    expect(missingStatefulIds(RELEASED.stacks[stackName], current?.template.Resources ?? {})).toEqual([]);
  });

  test('the check fails for a renamed or retyped resource', () => {
    const released = { DataBucketE3889A50: 'AWS::S3::Bucket', LabKey12345678: 'AWS::KMS::Key' };
    expect(missingStatefulIds(released, { DataBucket1234ABCD: { Type: 'AWS::S3::Bucket' }, LabKey12345678: { Type: 'AWS::KMS::Alias' } })).toEqual([
      'DataBucketE3889A50 (AWS::S3::Bucket) is gone',
      'LabKey12345678 (AWS::KMS::Key) is now AWS::KMS::Alias',
    ]);
  });
});
