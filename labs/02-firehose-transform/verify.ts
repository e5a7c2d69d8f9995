/**
 * Checks what Firehose delivered for the last produce run:
 * `npm run lab -- firehose-transform verify [--wait 300] [--learner alice]`.
 * Counts this run's records in the three folders of the delivery bucket (transformed JSON lines under
 * data/, rejected records under errors/, the source backup under source/), waits while Firehose is
 * still buffering, compares the counts with what produce sent and prints a sample of each folder.
 */
import { gunzipSync } from 'node:zlib';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { TRANSFORM_ENV } from '../../lambda/firehose-transform/env';
import { LAMBDA_RESPONSE_LIMIT_BYTES } from '../../lambda/firehose-transform/limits';
import { FIREHOSE_OUTPUTS, FOLDERS } from '../../lib/labs/firehose-transform/layout';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { poll } from '../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { formatTable } from '../shared/table';
import { DEFAULT_RUN_DIR, loadRun, type RunManifest } from './run-manifest';

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly s3: S3Client;
}

export interface VerifyDeps {
  readonly clients: Clients;
  readonly log?: (line: string) => void;
  /** Injected in tests so that waiting does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly runDir?: string;
}

/** A record Firehose could not process, as it writes them under errors/. */
interface ErrorRecord {
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** The source record, base64. */
  readonly rawData?: string;
}

/** This run's records found in the bucket so far. */
export interface Delivery {
  readonly delivered: number;
  readonly rejected: number;
  readonly sourceBackup: number;
  readonly errorCodes: Record<string, number>;
  readonly deliveredSample: string[];
  readonly rejectedSample: { errorCode: string; line: string }[];
  readonly sourceSample: string[];
}

const SAMPLE_SIZE = 3;

/**
 * Reads the run's records in the bucket. Firehose never rewrites an object, so `cache` keeps what was
 * read in earlier polls.
 */
export async function readDelivery(s3: S3Client, bucket: string, runId: string, cache = new Map<string, string[]>()): Promise<Delivery> {
  const ours = (line: string) => line.replace(/^\ufeff/, '').startsWith(`${runId}-`);
  const linesOf = async (folder: string, except?: string) => {
    const lines: string[] = [];
    for (const key of await listKeys(s3, bucket, folder)) {
      if (except && key.startsWith(except)) {
        continue;
      }
      if (!cache.has(key)) {
        cache.set(key, await readLines(s3, bucket, key));
      }
      lines.push(...cache.get(key)!);
    }
    return lines;
  };

  const delivered = (await linesOf(FOLDERS.data)).filter((line) => {
    const record = parseJson<{ sensor_id?: unknown }>(line);
    return typeof record?.sensor_id === 'string' && ours(record.sensor_id);
  });
  // Records the transform rejected; failures of the source backup itself are under errors/source-backup/.
  const rejected = (await linesOf(FOLDERS.errors, `${FOLDERS.errors}source-backup/`))
    .map((line) => parseJson<ErrorRecord>(line))
    .map((record) => ({
      errorCode: record?.errorCode ?? 'unknown',
      line: Buffer.from(record?.rawData ?? '', 'base64').toString('utf8').replace(/\r?\n$/, ''),
    }))
    .filter((r) => ours(r.line));
  const source = (await linesOf(FOLDERS.source)).filter(ours);

  const errorCodes: Record<string, number> = {};
  for (const r of rejected) {
    errorCodes[r.errorCode] = (errorCodes[r.errorCode] ?? 0) + 1;
  }
  return {
    delivered: delivered.length,
    rejected: rejected.length,
    sourceBackup: source.length,
    errorCodes,
    deliveredSample: delivered.slice(0, SAMPLE_SIZE),
    rejectedSample: rejected.slice(0, SAMPLE_SIZE),
    sourceSample: source.slice(0, SAMPLE_SIZE),
  };
}

/** True once every record of the run has arrived in each folder. */
export function isComplete(run: RunManifest, d: Delivery): boolean {
  return d.delivered >= run.expected.Ok && d.rejected >= run.expected.ProcessingFailed && d.sourceBackup >= run.total;
}

/** Expected and found counts, one row per outcome. Dropped records are those in the backup only. */
export function compare(run: RunManifest, d: Delivery) {
  const rows = [
    { outcome: 'Ok: JSON lines under data/', expected: run.expected.Ok, found: d.delivered },
    { outcome: 'ProcessingFailed: under errors/', expected: run.expected.ProcessingFailed, found: d.rejected },
    { outcome: 'Dropped: in the backup only', expected: run.expected.Dropped, found: d.sourceBackup - d.delivered - d.rejected },
    { outcome: 'all: source backup under source/', expected: run.total, found: d.sourceBackup },
  ];
  return rows.map((r) => ({ ...r, check: r.expected === r.found ? 'ok' : 'MISMATCH' }));
}

/**
 * What to do about a mismatch. More records under errors/ and fewer JSON lines than produce expected means
 * valid records were rejected, which is what the guide's step 5 does on purpose by lowering the function's
 * response budget. Redeploying does not undo that: CloudFormation does not reconcile a change made outside it,
 * and an unchanged template deploys nothing. So the hint gives the command that restores the deployed value.
 */
export function mismatchHint(run: RunManifest, d: Delivery, outputs: Readonly<Record<string, string>>): string {
  const logs =
    `read the transform's log group ${outputs[FIREHOSE_OUTPUTS.transformLogGroup] ?? ''} ` +
    `and Firehose's ${outputs[FIREHOSE_OUTPUTS.deliveryLogGroup] ?? ''}.`;
  if (d.rejected > run.expected.ProcessingFailed && d.delivered < run.expected.Ok) {
    const fn = outputs[FIREHOSE_OUTPUTS.transformFunction] ?? '<TransformFunctionName output>';
    return (
      `Valid records were rejected: ${d.rejected - run.expected.ProcessingFailed} more under errors/ than expected and ` +
      `${run.expected.Ok - d.delivered} fewer JSON lines. If you lowered the function's response budget (step 5 of the ` +
      'guide), restore it; cdk deploy does not, because CloudFormation does not undo changes made outside it:\n' +
      `  aws lambda update-function-configuration --function-name ${fn} ` +
      `--environment 'Variables={${TRANSFORM_ENV.responseLimitBytes}=${LAMBDA_RESPONSE_LIMIT_BYTES}}'\n` +
      `then run produce again. Otherwise ${logs}`
    );
  }
  return `If Firehose is still buffering, run verify again in a minute; otherwise ${logs}`;
}

export async function verify(args: { stackName: string; waitSeconds: number }, deps: VerifyDeps): Promise<Delivery> {
  const log = deps.log ?? console.log;
  const run = loadRun(args.stackName, deps.runDir ?? DEFAULT_RUN_DIR);
  const outputs = await readStackOutputs(deps.clients.cloudFormation, args.stackName);
  const bucket = requireOutput(outputs, FIREHOSE_OUTPUTS.bucketName);
  log(`Checking run ${run.runId} (${run.total} records sent at ${run.startedAt}) in s3://${bucket}`);

  const cache = new Map<string, string[]>();
  let delivery: Delivery | undefined;
  try {
    await poll({
      what: 'Firehose delivery',
      read: async () => (delivery = await readDelivery(deps.clients.s3, bucket, run.runId, cache)),
      done: (d) => isComplete(run, d),
      describe: (d) =>
        `data ${d.delivered}/${run.expected.Ok}, errors ${d.rejected}/${run.expected.ProcessingFailed}, ` +
        `source ${d.sourceBackup}/${run.total}`,
      intervalMs: 15_000,
      timeoutMs: args.waitSeconds * 1000,
      log,
      sleep: deps.sleep,
    });
  } catch (e) {
    if (!delivery) {
      throw e;
    }
  }
  const found = delivery!;

  const rows = compare(run, found);
  log(`\n${formatTable(rows)}`);
  log(`\nTransformed (data/):\n${found.deliveredSample.map((l) => `  ${l}`).join('\n') || '  (none yet)'}`);
  log(`\nRejected (errors/), by error code ${JSON.stringify(found.errorCodes)}:`);
  log(found.rejectedSample.map((r) => `  ${r.errorCode}: ${r.line}`).join('\n') || '  (none yet)');
  log(`\nSource backup (source/):\n${found.sourceSample.map((l) => `  ${l}`).join('\n') || '  (none yet)'}`);

  if (rows.some((r) => r.check !== 'ok')) {
    throw new LabScriptError(`The delivery does not match what produce sent. ${mismatchHint(run, found, outputs)}`);
  }
  log('\n✔ Every record arrived where the transform sent it.');
  return found;
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? '').filter((k) => k.length > 0));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** The lines of an object, gunzipped when Firehose compressed it. */
async function readLines(s3: S3Client, bucket: string, key: string): Promise<string[]> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0);
}

function parseJson<T>(line: string): T | undefined {
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}

export const SCRIPT: ScriptSpec = {
  script: 'verify',
  summary: 'Checks what Firehose delivered for the last produce run: counts the run\'s records in data/, errors/ and source/, waiting while Firehose buffers, and compares them with what produce sent.',
  learner: true,
  options: { wait: { description: 'how long to wait for Firehose\'s buffer', placeholder: '<seconds>', min: 0, max: 3600, integer: true, default: 300 } },
  example: '--wait 120 --learner alice',
};

export function parseVerifyArgs(argv: readonly string[]): { stackName: string; waitSeconds: number } {
  const { stackName, options } = parseScriptArgs(findLab('firehose-transform'), SCRIPT, argv);
  return { stackName, waitSeconds: options.wait };
}

export async function main(argv: string[]): Promise<void> {
  const args = parseVerifyArgs(argv);
  const aws = await scriptAwsConfig();
  await verify(args, { clients: { cloudFormation: new CloudFormationClient(aws), s3: new S3Client(aws) } });
}
