/**
 * The pure record transform: Firehose records in, Firehose results out, no AWS calls. The handler is a
 * thin adapter around `transformBatch`.
 */
import type {
  FirehoseTransformationEventRecord,
  FirehoseTransformationResult,
  FirehoseTransformationResultRecord,
} from 'aws-lambda';
import { splitCsvLine } from './csv';
import { base64Chars, LAMBDA_RESPONSE_LIMIT_BYTES, RESPONSE_ENVELOPE_BYTES, responseEntryBytes } from './limits';
import { classifyFields, MAX_LINE_BYTES, type Rejection, type RejectionCode } from './schema';

/** What one record becomes. Ok carries the base64 of one JSON line (with its `\n`). */
export type RecordOutcome =
  | { readonly result: 'Ok'; readonly data: string }
  | { readonly result: 'Dropped'; readonly reason: string }
  | { readonly result: 'ProcessingFailed'; readonly rejection: Rejection };

export interface BatchSummary {
  readonly records: number;
  readonly ok: number;
  readonly dropped: number;
  readonly failed: number;
  /** Valid records returned as ProcessingFailed because their output would not fit the response. */
  readonly overflow: number;
  /** Bytes of the serialized response. */
  readonly responseBytes: number;
}

/** A rejected record, for the structured log. */
export interface RecordFailure extends Rejection {
  readonly recordId: string;
}

export interface BatchResult {
  readonly response: FirehoseTransformationResult;
  readonly summary: BatchSummary;
  readonly failures: readonly RecordFailure[];
}

export interface BatchOptions {
  /** @default LAMBDA_RESPONSE_LIMIT_BYTES */
  readonly responseLimitBytes?: number;
}

// A BOM, a CRLF line break and base64 padding on top of the longest line accepted.
const MAX_BASE64_CHARS = base64Chars(MAX_LINE_BYTES + 5);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const LINE_BREAK = /[\r\n]/;
// fatal: invalid UTF-8 is an error, not U+FFFD; a leading BOM is removed (ignoreBOM defaults to false).
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Transforms one record's data (base64 of one CSV line). Never throws. */
export function transformRecord(data: string): RecordOutcome {
  const line = decodeLine(data);
  if (typeof line !== 'string') {
    return { result: 'ProcessingFailed', rejection: line };
  }
  const split = splitCsvLine(line);
  if (!split.ok) {
    return failed('csv-syntax', split.error);
  }
  const outcome = classifyFields(split.fields);
  switch (outcome.kind) {
    case 'reading':
      return { result: 'Ok', data: Buffer.from(`${JSON.stringify(outcome.reading)}\n`).toString('base64') };
    case 'noise':
      return { result: 'Dropped', reason: `${outcome.eventType} events carry no measurement` };
    case 'rejected':
      return { result: 'ProcessingFailed', rejection: outcome.rejection };
  }
}

/**
 * Transforms a batch. Every record id comes back exactly once, in order, and the serialized response
 * never exceeds the limit: the response is first sized as if every record failed (entries without
 * data, always smaller than the request's), then each Ok entry is kept only while its data still fits,
 * and otherwise returned as ProcessingFailed, so Firehose writes the record to the error prefix.
 */
export function transformBatch(
  records: readonly FirehoseTransformationEventRecord[],
  options: BatchOptions = {},
): BatchResult {
  const limit = Math.min(options.responseLimitBytes ?? LAMBDA_RESPONSE_LIMIT_BYTES, LAMBDA_RESPONSE_LIMIT_BYTES);
  const idBytes = records.map((r) => Buffer.byteLength(JSON.stringify(r.recordId)));
  const failedBytes = (i: number) => responseEntryBytes(idBytes[i], 'ProcessingFailed', 0);
  let responseBytes = RESPONSE_ENVELOPE_BYTES + Math.max(records.length - 1, 0);
  for (let i = 0; i < records.length; i++) {
    responseBytes += failedBytes(i);
  }

  const results: FirehoseTransformationResultRecord[] = [];
  const failures: RecordFailure[] = [];
  let ok = 0;
  let dropped = 0;
  let overflow = 0;
  records.forEach(({ recordId, data }, i) => {
    const outcome = transformRecord(data);
    if (outcome.result === 'Ok') {
      const grows = responseEntryBytes(idBytes[i], 'Ok', outcome.data.length) - failedBytes(i);
      if (responseBytes + grows <= limit) {
        responseBytes += grows;
        ok++;
        results.push({ recordId, result: 'Ok', data: outcome.data });
        return;
      }
      overflow++;
      const rejection = {
        code: 'response-size-limit',
        message: `valid, but its output would take the response over ${limit} bytes; the buffer is too large`,
      } as const;
      failures.push({ recordId, ...rejection });
      results.push({ recordId, result: 'ProcessingFailed', data: '' });
    } else if (outcome.result === 'Dropped') {
      responseBytes += responseEntryBytes(idBytes[i], 'Dropped', 0) - failedBytes(i);
      dropped++;
      results.push({ recordId, result: 'Dropped', data: '' });
    } else {
      failures.push({ recordId, ...outcome.rejection });
      results.push({ recordId, result: 'ProcessingFailed', data: '' });
    }
  });

  return {
    response: { records: results },
    summary: { records: records.length, ok, dropped, failed: failures.length, overflow, responseBytes },
    failures,
  };
}

/** The CSV line in a record, or why there is none. */
function decodeLine(data: string): string | Rejection {
  if (data.length === 0) {
    return { code: 'empty', message: 'the record has no data' };
  }
  if (data.length > MAX_BASE64_CHARS) {
    return { code: 'too-long', message: `the record is longer than ${MAX_LINE_BYTES} bytes` };
  }
  if (data.length % 4 !== 0 || !BASE64.test(data)) {
    return { code: 'invalid-base64', message: 'the record data is not base64' };
  }
  let text: string;
  try {
    text = utf8.decode(Buffer.from(data, 'base64'));
  } catch {
    return { code: 'invalid-utf8', message: 'the record is not valid UTF-8 text' };
  }
  const line = text.endsWith('\n') ? text.slice(0, text.endsWith('\r\n') ? -2 : -1) : text;
  if (LINE_BREAK.test(line)) {
    return { code: 'multiple-lines', message: 'the record holds more than one line; send one line per record' };
  }
  if (line.length === 0) {
    return { code: 'empty', message: 'the record holds an empty line' };
  }
  if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
    return { code: 'too-long', message: `the line is longer than ${MAX_LINE_BYTES} bytes` };
  }
  return line;
}

function failed(code: RejectionCode, message: string): RecordOutcome {
  return { result: 'ProcessingFailed', rejection: { code, message } };
}
