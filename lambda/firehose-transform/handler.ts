/**
 * Firehose's record transformation: CSV sensor lines in, JSON lines out. Thin: it reads its
 * configuration, runs the pure transform and writes structured logs.
 */
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import { TRANSFORM_ENV } from './env';
import { LAMBDA_RESPONSE_LIMIT_BYTES } from './limits';
import { transformBatch } from './transform';

/**
 * Rejected records logged one by one per invocation; the rest are counted in the summary. With the JSON
 * log format, Lambda writes each object under `message` of a log entry, so Logs Insights can filter on
 * `message.event`, `message.code` and so on.
 */
export const MAX_LOGGED_FAILURES = 50;

export function handler(event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> {
  const responseLimitBytes = readResponseLimit(process.env[TRANSFORM_ENV.responseLimitBytes]);
  const { response, summary, failures } = transformBatch(event.records, { responseLimitBytes });
  for (const { recordId, code, message } of failures.slice(0, MAX_LOGGED_FAILURES)) {
    console.warn({ event: 'RecordRejected', invocationId: event.invocationId, recordId, code, reason: message });
  }
  console.info({
    event: 'BatchTransformed',
    invocationId: event.invocationId,
    ...summary,
    responseLimitBytes,
    failuresNotLogged: Math.max(failures.length - MAX_LOGGED_FAILURES, 0),
  });
  return Promise.resolve(response);
}

/** The response budget: the configured value, or Lambda's limit when unset or invalid. */
function readResponseLimit(value: string | undefined): number {
  const limit = Number(value);
  if (value === undefined || !Number.isInteger(limit) || limit <= 0 || limit > LAMBDA_RESPONSE_LIMIT_BYTES) {
    if (value !== undefined) {
      console.warn({
        event: 'ConfigurationIgnored',
        reason: `${TRANSFORM_ENV.responseLimitBytes}=${value} is not an integer from 1 to ${LAMBDA_RESPONSE_LIMIT_BYTES}`,
      });
    }
    return LAMBDA_RESPONSE_LIMIT_BYTES;
  }
  return limit;
}
