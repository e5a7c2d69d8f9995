/**
 * Checks a deployed Lab 04 end to end: `npm run lab -- language-chain verify [--learner alice]`.
 * Uploads every file of samples/ under `input/verify-<time>/`, waits for each one's result (output/)
 * or error report (errors/), prints a table, and fails with a message that says what went wrong when a
 * file did not end as expected (a text that failed, a bad file that did not, audio that is missing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LAYOUT, OUTPUTS, outputKeys } from '../../lib/labs/language-chain/layout';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { poll } from '../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { formatTable } from '../shared/table';

/** What each sample should produce. */
export interface Sample {
  readonly file: string;
  readonly expect: 'result' | 'error';
  /** The language Comprehend should detect. */
  readonly language?: string;
  /** Sent as `x-amz-meta-target-language`: ask for one more translation. */
  readonly targetLanguage?: string;
}

export const SAMPLES: readonly Sample[] = [
  { file: 'review-en.txt', expect: 'result', language: 'en', targetLanguage: 'fr' },
  { file: 'review-es.txt', expect: 'result', language: 'es' },
  { file: 'note-fr.txt', expect: 'result', language: 'fr' },
  { file: 'message-de.txt', expect: 'result', language: 'de' },
  { file: 'long-en.txt', expect: 'result', language: 'en' },
  { file: 'pii-en.txt', expect: 'result', language: 'en' },
  { file: 'empty.txt', expect: 'error' },
  { file: 'pixel.png', expect: 'error' },
];

export const SAMPLES_DIR = path.join(__dirname, 'samples');

/** The parts of a result JSON the table shows. */
interface ChainResult {
  readonly sourceLanguage?: string;
  readonly sentiment?: { label?: string };
  readonly entities?: { type?: string }[];
  readonly entityCount?: number;
  readonly piiTypes?: string[];
  readonly audioKey?: string;
  readonly targetTranslation?: { language?: string };
}

interface ErrorReport {
  readonly error?: string;
  readonly reason?: unknown;
}

type Outcome =
  | { readonly kind: 'result'; readonly result: ChainResult }
  | { readonly kind: 'error'; readonly report: ErrorReport }
  | { readonly kind: 'pending' };

export interface VerifyOptions {
  readonly s3: S3Client;
  readonly inputBucket: string;
  readonly outputBucket: string;
  readonly samples?: readonly Sample[];
  readonly samplesDir?: string;
  /** Names this run's folder under input/. @default the current time */
  readonly runId?: string;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long to wait for each file. @default 5 minutes */
  readonly timeoutMs?: number;
}

export interface VerifyReport {
  readonly rows: Record<string, string>[];
  /** What went wrong, one line per file; empty when everything ended as expected. */
  readonly problems: string[];
}

export async function verifyChain(options: VerifyOptions): Promise<VerifyReport> {
  const { s3, inputBucket, outputBucket } = options;
  const log = options.log ?? console.log;
  const samples = options.samples ?? SAMPLES;
  const runId = options.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
  const folder = `${LAYOUT.inputPrefix}verify-${runId}/`;

  log(`Uploading ${samples.length} samples to s3://${inputBucket}/${folder}`);
  for (const sample of samples) {
    await s3.send(
      new PutObjectCommand({
        Bucket: inputBucket,
        Key: folder + sample.file,
        Body: fs.readFileSync(path.join(options.samplesDir ?? SAMPLES_DIR, sample.file)),
        ContentType: sample.file.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream',
        Metadata: sample.targetLanguage ? { 'target-language': sample.targetLanguage } : undefined,
      }),
    );
  }

  const rows: Record<string, string>[] = [];
  const problems: string[] = [];
  for (const sample of samples) {
    const key = folder + sample.file;
    let outcome: Outcome;
    try {
      outcome = await poll<Outcome>({
        what: sample.file,
        read: () => readOutcome(s3, outputBucket, key),
        done: (o) => o.kind !== 'pending',
        describe: () => 'no result or error yet',
        log,
        sleep: options.sleep,
        timeoutMs: options.timeoutMs ?? 5 * 60_000,
      });
    } catch {
      outcome = { kind: 'pending' };
    }
    rows.push(await describe(s3, outputBucket, key, sample, outcome, problems));
  }
  return { rows, problems };
}

async function readOutcome(s3: S3Client, bucket: string, inputKey: string): Promise<Outcome> {
  const keys = outputKeys(inputKey);
  const result = await readJson<ChainResult>(s3, bucket, keys.result);
  if (result) {
    return { kind: 'result', result };
  }
  const report = await readJson<ErrorReport>(s3, bucket, keys.error);
  return report ? { kind: 'error', report } : { kind: 'pending' };
}

async function readJson<T>(s3: S3Client, bucket: string, key: string): Promise<T | undefined> {
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse((await Body?.transformToString()) ?? 'null') as T;
  } catch (e) {
    if (e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound')) {
      return undefined;
    }
    throw e;
  }
}

async function exists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (e) {
    if (e instanceof Error && (e.name === 'NotFound' || e.name === 'NoSuchKey')) {
      return false;
    }
    throw e;
  }
}

async function describe(
  s3: S3Client,
  bucket: string,
  inputKey: string,
  sample: Sample,
  outcome: Outcome,
  problems: string[],
): Promise<Record<string, string>> {
  if (outcome.kind === 'pending') {
    const keys = outputKeys(inputKey);
    problems.push(
      `${sample.file}: neither ${keys.result} nor ${keys.error} appeared. Look at the state machine's executions ` +
        'in the Step Functions console, and at the dead-letter queue (events EventBridge could not deliver).',
    );
    return { file: sample.file, outcome: 'timed out' };
  }
  if (outcome.kind === 'error') {
    const reason = readableReason(outcome.report.reason);
    if (sample.expect === 'result') {
      problems.push(`${sample.file}: expected a result, but the chain failed with ${outcome.report.error}: ${reason}`);
    }
    return { file: sample.file, outcome: 'error', 'audio key or error': `${outcome.report.error}: ${reason}` };
  }
  const { result } = outcome;
  if (sample.expect === 'error') {
    problems.push(`${sample.file}: expected an error report, but the chain produced a result.`);
  }
  if (sample.language && result.sourceLanguage !== sample.language) {
    problems.push(`${sample.file}: expected language ${sample.language}, Comprehend detected ${result.sourceLanguage}.`);
  }
  if (!result.audioKey || !(await exists(s3, bucket, result.audioKey))) {
    problems.push(`${sample.file}: the audio ${result.audioKey ?? '(no key)'} is not in the output bucket.`);
  }
  const types = [...new Set((result.entities ?? []).map((e) => e.type))].join(' ');
  return {
    file: sample.file,
    outcome: 'result',
    language: result.sourceLanguage ?? '?',
    sentiment: result.sentiment?.label ?? '?',
    entities: `${result.entityCount ?? 0}${types ? ` (${types})` : ''}`,
    pii: (result.piiTypes ?? []).join(' ') || '-',
    'audio key or error': result.audioKey ?? '-',
  };
}

/** A Lambda error's cause is JSON with an errorMessage; other causes are shown as they are. */
function readableReason(reason: unknown): string {
  if (typeof reason !== 'string') {
    return JSON.stringify(reason);
  }
  try {
    const parsed = JSON.parse(reason) as { errorMessage?: string };
    return parsed.errorMessage ?? reason;
  } catch {
    return reason;
  }
}

export const SCRIPT: ScriptSpec = {
  script: 'verify',
  summary: 'Uploads the sample texts, waits for the chain (Comprehend, Translate, Polly) and checks each has a result and audio, or an error report.',
  learner: true,
  example: '--learner alice',
};

export async function main(argv: string[]): Promise<void> {
  const { stackName } = parseScriptArgs(findLab('language-chain'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  const outputs = await readStackOutputs(new CloudFormationClient(aws), stackName);
  const report = await verifyChain({
    s3: new S3Client(aws),
    inputBucket: requireOutput(outputs, OUTPUTS.inputBucket),
    outputBucket: requireOutput(outputs, OUTPUTS.outputBucket),
  });
  console.log(`\n${formatTable(report.rows)}\n`);
  if (report.problems.length > 0) {
    throw new LabScriptError(`${report.problems.length} sample(s) did not end as expected:\n- ${report.problems.join('\n- ')}`);
  }
  console.log('✔ Every text has a result and audio; the empty and the binary file have error reports.');
}
