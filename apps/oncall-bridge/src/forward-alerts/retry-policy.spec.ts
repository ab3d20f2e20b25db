import { classifyResponse, parseRetryAfter, retryDelayMs, RETRY_AFTER_CAP_MS } from './retry-policy';

const NOW = Date.parse('2026-06-16T14:00:00Z');

describe('what an answer of the webhook means', () => {
  it.each([200, 202, 204])('%i is delivered', (status) => {
    expect(classifyResponse(status, null, '', NOW)).toEqual({ kind: 'delivered', status });
  });

  it.each([408, 429, 500, 502, 503, 504])('%i is retried', (status) => {
    expect(classifyResponse(status, null, 'busy', NOW)).toEqual({ kind: 'retry', reason: `HTTP ${status}: busy` });
  });

  it.each([301, 400, 401, 403, 404, 413, 422])('%i is final: retrying would get the same answer', (status) => {
    expect(classifyResponse(status, null, '', NOW)).toEqual({ kind: 'rejected', status, reason: `HTTP ${status}` });
  });

  it('honours Retry-After in seconds or as an HTTP date, within a cap', () => {
    expect(classifyResponse(429, '7', '', NOW)).toEqual({ kind: 'retry', reason: 'HTTP 429', retryAfterMs: 7_000 });
    expect(parseRetryAfter('Tue, 16 Jun 2026 14:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Tue, 16 Jun 2026 13:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('86400', NOW)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('how long the bridge waits before trying again', () => {
  const options = { baseMs: 100, maxMs: 1_000 };

  it('doubles per attempt up to the maximum, with jitter over the upper half', () => {
    expect([0, 1, 2, 3, 4, 10].map((a) => retryDelayMs(a, {}, options, 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 10].map((a) => retryDelayMs(a, {}, options, 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('waits at least what Retry-After asks, even past the maximum', () => {
    expect(retryDelayMs(0, { retryAfterMs: 5_000 }, options, 0.5)).toBe(5_000);
    expect(retryDelayMs(5, { retryAfterMs: 0 }, options, 0)).toBe(500);
  });
});
