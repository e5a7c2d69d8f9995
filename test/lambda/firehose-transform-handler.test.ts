/** The Lambda handler of lab 02: the adapter around the pure transform (configuration and logs). */
import type { FirehoseTransformationEvent } from 'aws-lambda';
import { TRANSFORM_ENV } from '../../lambda/firehose-transform/env';
import { handler, MAX_LOGGED_FAILURES } from '../../lambda/firehose-transform/handler';

const VALID = 'th-0042,Seed store,1763784000000,reading,21.7,48.2,3.71\n';

function eventOf(lines: readonly string[]): FirehoseTransformationEvent {
  return {
    invocationId: 'invocation-1',
    deliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/Lab02FirehoseTransform-Stream',
    region: 'us-east-1',
    records: lines.map((line, i) => ({
      recordId: `4954698668313554428650745793632162567570019247115678515${i}`,
      approximateArrivalTimestamp: 1763784000123,
      data: Buffer.from(line).toString('base64'),
    })),
  };
}

describe('handler', () => {
  let info: jest.SpyInstance;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env[TRANSFORM_ENV.responseLimitBytes] = String(6 * 1024 * 1024);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env[TRANSFORM_ENV.responseLimitBytes];
  });

  test('returns one result per record and logs a summary of the batch', async () => {
    const result = await handler(eventOf([VALID, 'th-1,x,1763784000000,heartbeat,,,3.7', 'oops']));
    expect(result.records.map((r) => r.result)).toEqual(['Ok', 'Dropped', 'ProcessingFailed']);
    expect(info).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'BatchTransformed', invocationId: 'invocation-1', ok: 1, dropped: 1, failed: 1 }),
    );
  });

  test('logs each rejected record with its id and reason', async () => {
    const event = eventOf(['oops']);
    await handler(event);
    expect(warn).toHaveBeenCalledWith({
      event: 'RecordRejected',
      invocationId: 'invocation-1',
      recordId: event.records[0].recordId,
      code: 'field-count',
      reason: 'expected 7 fields, found 1',
    });
  });

  test('logs at most MAX_LOGGED_FAILURES rejections one by one and counts the rest', async () => {
    await handler(eventOf(Array.from({ length: MAX_LOGGED_FAILURES + 7 }, () => 'oops')));
    expect(warn).toHaveBeenCalledTimes(MAX_LOGGED_FAILURES);
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ failed: MAX_LOGGED_FAILURES + 7, failuresNotLogged: 7 }));
  });

  test('reads the response limit at call time', async () => {
    process.env[TRANSFORM_ENV.responseLimitBytes] = '600';
    const result = await handler(eventOf([VALID, VALID, VALID]));
    expect(result.records.map((r) => r.result)).toEqual(['Ok', 'ProcessingFailed', 'ProcessingFailed']);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'response-size-limit' }));
  });

  test.each(['0', 'lots', String(7 * 1024 * 1024)])('ignores the response limit %j and uses 6 MiB', async (value) => {
    process.env[TRANSFORM_ENV.responseLimitBytes] = value;
    const result = await handler(eventOf([VALID]));
    expect(result.records[0].result).toBe('Ok');
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ responseLimitBytes: 6 * 1024 * 1024 }));
    expect(warn).toHaveBeenCalledWith({ event: 'ConfigurationIgnored', reason: expect.stringContaining(`RESPONSE_LIMIT_BYTES=${value}`) });
  });

  test('answers an empty batch', async () => {
    await expect(handler(eventOf([]))).resolves.toEqual({ records: [] });
  });
});
