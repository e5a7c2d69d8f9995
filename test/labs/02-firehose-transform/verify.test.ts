import { gzipSync } from 'node:zlib';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { saveRun, type RunManifest } from '../../../labs/02-firehose-transform/run-manifest';
import { parseVerifyArgs, readDelivery, verify } from '../../../labs/02-firehose-transform/verify';
import { LabScriptError } from '../../../labs/shared/stack-outputs';
import { testTempDir } from '../../helpers/temp-dir';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

/** A stand-in for the SDK's streaming body: verify only calls transformToByteArray. */
function body(content: Buffer): GetObjectCommandOutput['Body'] {
  return { transformToByteArray: () => Promise.resolve(new Uint8Array(content)) } as unknown as GetObjectCommandOutput['Body'];
}
const json = (sensor: string) => JSON.stringify({ sensor_id: sensor, temperature_c: 21.7 });
/** A record under errors/, as Firehose writes a ProcessingFailed record. */
const errorRecord = (line: string) =>
  JSON.stringify({
    attemptsMade: 1,
    arrivalTimestamp: 1763784000000,
    errorCode: 'Lambda.ProcessingFailed',
    errorMessage: 'The Lambda function was successfully invoked but it returned an error result.',
    rawData: Buffer.from(`${line}\n`).toString('base64'),
    lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:Transform',
  });

/** The bucket, by key. Objects under data/ and source/ are gzip, like Firehose writes them. */
let objects: Record<string, Buffer>;
function mockBucket() {
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string }) => ({
    Contents: Object.keys(objects).filter((k) => k.startsWith(input.Prefix ?? '')).map((Key) => ({ Key })),
  }));
  s3.on(GetObjectCommand).callsFake((input: { Key?: string }) => ({ Body: body(objects[input.Key ?? '']) }));
}
const run: RunManifest = {
  stackName: 'Lab02FirehoseTransform',
  runId: 'r1',
  startedAt: '2025-11-22T04:00:00.000Z',
  total: 5,
  expected: { Ok: 2, Dropped: 1, ProcessingFailed: 2 },
};
const source = ['r1-th-01,a,1,reading,1,1,1', 'r1-th-02,a,1,reading,1,1,1', 'r1-th-03,a,1,heartbeat,,,1', 'r1-th-04,x', 'r1-th-05,"y'];
const completeBucket = () => ({
  'data/year=2025/month=11/day=22/hour=04/Stream-1.gz': gzipSync(`${json('r1-th-01')}\n${json('r1-th-02')}\n${json('r0-th-09')}\n`),
  'errors/processing-failed/year=2025/month=11/day=22/Stream-1.gz': gzipSync(`${errorRecord('r1-th-04,x')}\n${errorRecord('r1-th-05,"y')}\n`),
  'errors/source-backup/s3-failed/year=2025/month=11/day=22/Stream-1': Buffer.from(`${errorRecord('r1-th-06,z')}\n`),
  'source/year=2025/month=11/day=22/hour=04/Stream-1.gz': gzipSync(`${source.join('\r\n')}\r\nr0-th-01,old,1,reading,1,1,1\n`),
});

const runDir = testTempDir('lab02-verify-');
const clients = { cloudFormation: new CloudFormationClient({}), s3: new S3Client({}) };
const lines: string[] = [];
const deps = { clients, runDir, log: (l: string) => lines.push(l), sleep: () => Promise.resolve() };

beforeEach(() => {
  cfn.reset();
  s3.reset();
  lines.length = 0;
  objects = completeBucket();
  mockBucket();
  saveRun(run, runDir);
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [{ StackName: run.stackName, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'BucketName', OutputValue: 'lab02-delivery' }] }],
  });
});

test('counts only this run\'s records, in gzip and plain objects, and not failures of the backup', async () => {
  const delivery = await readDelivery(new S3Client({}), 'lab02-delivery', 'r1');
  expect(delivery).toMatchObject({ delivered: 2, rejected: 2, sourceBackup: 5, errorCodes: { 'Lambda.ProcessingFailed': 2 } });
  expect(delivery.rejectedSample.map((r) => r.line)).toEqual(['r1-th-04,x', 'r1-th-05,"y']);
  expect(s3.commandCalls(ListObjectsV2Command).every((c) => c.args[0].input.Bucket === 'lab02-delivery')).toBe(true);
});

test('passes when every record is where the transform sent it, and prints a sample of each folder', async () => {
  await verify({ stackName: run.stackName, waitSeconds: 0 }, deps);
  const output = lines.join('\n');
  expect(output).toMatch(/Dropped: in the backup only\s+1\s+1\s+ok/);
  expect(output).toContain(json('r1-th-01'));
  expect(output).toContain('Lambda.ProcessingFailed: r1-th-04,x');
  expect(output).toContain('✔ Every record arrived');
});

test('waits while Firehose is still buffering, reading each object once', async () => {
  const later = completeBucket();
  objects = { 'source/year=2025/month=11/day=22/hour=04/Stream-1.gz': later['source/year=2025/month=11/day=22/hour=04/Stream-1.gz'] };
  const pauses: number[] = [];
  await verify(
    { stackName: run.stackName, waitSeconds: 60 },
    { ...deps, sleep: (ms) => (pauses.push(ms), (objects = later), Promise.resolve()) },
  );
  expect(pauses).toEqual([15_000]);
  expect(lines.join('\n')).toContain('data 0/2, errors 0/2, source 5/5');
  expect(s3.commandCalls(GetObjectCommand)).toHaveLength(Object.keys(later).length - 1);
});

test('fails with what to check when records are missing after the wait', async () => {
  delete objects['errors/processing-failed/year=2025/month=11/day=22/Stream-1.gz'];
  await expect(verify({ stackName: run.stackName, waitSeconds: 0 }, deps)).rejects.toThrow(LabScriptError);
  expect(lines.join('\n')).toMatch(/ProcessingFailed: under errors\/\s+2\s+0\s+MISMATCH/);
});

test('a mismatch caused by a lowered response budget names the command that restores it', async () => {
  const failed = completeBucket();
  failed['data/year=2025/month=11/day=22/hour=04/Stream-1.gz'] = gzipSync(`${json('r1-th-01')}\n`);
  failed['errors/processing-failed/year=2025/month=11/day=22/Stream-1.gz'] = gzipSync(
    ['r1-th-02,a,1,reading,1,1,1', 'r1-th-04,x', 'r1-th-05,"y'].map(errorRecord).join('\n'),
  );
  objects = failed;
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: run.stackName,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: 'BucketName', OutputValue: 'lab02-delivery' },
          { OutputKey: 'TransformFunctionName', OutputValue: 'Lab02-Transform' },
        ],
      },
    ],
  });
  const error = await verify({ stackName: run.stackName, waitSeconds: 0 }, deps).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LabScriptError);
  expect((error as Error).message).toContain('1 more under errors/ than expected and 1 fewer JSON lines');
  expect((error as Error).message).toContain(
    "aws lambda update-function-configuration --function-name Lab02-Transform --environment 'Variables={RESPONSE_LIMIT_BYTES=6291456}'",
  );
});

test('asks for a produce run first when there is none', async () => {
  await expect(verify({ stackName: 'alice-Lab02FirehoseTransform', waitSeconds: 0 }, deps)).rejects.toThrow(
    'npm run lab -- firehose-transform produce',
  );
});

test('parses --wait and rejects other options', () => {
  expect(parseVerifyArgs(['--wait', '0', '--learner', 'bob'])).toEqual({ stackName: 'bob-Lab02FirehoseTransform', waitSeconds: 0 });
  expect(() => parseVerifyArgs(['--wait', '-1'])).toThrow(/--wait must be/);
  expect(() => parseVerifyArgs(['--run', 'x'])).toThrow(/^verify has no option --run\./);
});
