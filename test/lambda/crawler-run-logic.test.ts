import { CLOCK_SKEW_MS, evaluate, newRun, readSettings } from '../../lambda/crawler-run/crawl';

const NOW = new Date('2026-01-10T12:00:00Z');
const run = newRun('crawler', new Date('2026-01-10T11:58:00Z'), false);
const TIMEOUT = 15 * 60_000;

describe('readSettings', () => {
  test('reads the name and the timeout that CloudFormation passes as a string', () => {
    expect(readSettings({ CrawlerName: 'c', TimeoutSeconds: '900' })).toEqual({ crawlerName: 'c', timeoutMs: 900_000 });
  });

  test('lists every invalid property in one message', () => {
    expect(() => readSettings({ TimeoutSeconds: 'soon' })).toThrow(
      'Invalid crawler-run properties: CrawlerName is missing; TimeoutSeconds must be a positive whole number, not "soon".',
    );
  });
});

describe('evaluate', () => {
  test('accepts crawls that Glue reports as started slightly before the request (clock skew)', () => {
    const startedBefore = new Date(Date.parse(run.RequestedAt) - CLOCK_SKEW_MS / 2);
    expect(evaluate({ State: 'READY', LastCrawl: { Status: 'SUCCEEDED', StartTime: startedBefore } }, run, NOW, TIMEOUT)).toEqual({
      kind: 'succeeded',
    });
  });

  test('treats a cancelled crawl as a failure', () => {
    const progress = evaluate({ State: 'READY', LastCrawl: { Status: 'CANCELLED', StartTime: NOW } }, run, NOW, TIMEOUT);
    expect(progress).toEqual({ kind: 'failed', message: 'Glue crawler crawler ended with status CANCELLED: no error message.' });
  });

  test('keeps waiting for a crawler that has not started yet', () => {
    expect(evaluate({ State: 'READY' }, run, NOW, TIMEOUT)).toEqual({ kind: 'waiting', reason: 'crawler state READY after 120 s' });
  });
});
