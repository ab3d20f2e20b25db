import { RateLimiter } from './rate-limiter';
import { fullBucket, take, type Bucket, type BucketRate } from './token-bucket';

const RATE: BucketRate = { perSecond: 2, burst: 3 };
const T0 = 1_000_000;

/** Takes a token at each instant in turn; the outcomes' `allowed`. */
function takes(instants: readonly number[], rate = RATE): boolean[] {
  let bucket: Bucket = fullBucket(rate, instants[0]);
  return instants.map((now) => {
    const outcome = take(bucket, rate, now);
    bucket = outcome.bucket;
    return outcome.allowed;
  });
}

describe('a token bucket, in virtual time', () => {
  it('allows a burst of `burst` requests at once, then refuses', () => {
    expect(takes([T0, T0, T0, T0])).toEqual([true, true, true, false]);
  });

  it('refills at `perSecond` and says when the next token comes', () => {
    let bucket = fullBucket(RATE, T0);
    for (let i = 0; i < 3; i++) bucket = take(bucket, RATE, T0).bucket;
    const refused = take(bucket, RATE, T0 + 100);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 400 });
    expect(take(refused.bucket, RATE, T0 + 499).allowed).toBe(false);
    expect(take(refused.bucket, RATE, T0 + 500)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('never holds more than `burst`, however long the quiet spell', () => {
    expect(takes([T0, T0 + 3_600_000, T0 + 3_600_000, T0 + 3_600_000, T0 + 3_600_000])).toEqual([true, true, true, true, false]);
  });

  it('sustains exactly `perSecond` over time', () => {
    const everyTenMs = Array.from({ length: 1_000 }, (_, i) => T0 + i * 10);
    const allowed = takes(everyTenMs).filter(Boolean).length;
    expect(allowed).toBe(3 + 19);
  });

  it('takes several tokens at once (a batch of events), or none, saying when all of them will be there', () => {
    const rate = { perSecond: 100, burst: 1_000 };
    const batch = take(fullBucket(rate, T0), rate, T0, 800);
    expect(batch).toMatchObject({ allowed: true, remaining: 200 });
    const refused = take(batch.bucket, rate, T0, 500);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 3_000, bucket: { tokens: 200 } });
    expect(take(refused.bucket, rate, T0 + 3_000, 500)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('refills nothing when the clock goes back', () => {
    expect(takes([T0, T0, T0, T0 - 10_000, T0])).toEqual([true, true, true, false, false]);
  });
});

describe('rate limits by name', () => {
  it('keeps one bucket per name', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 });
    expect(limiter.take('a', T0).allowed).toBe(true);
    expect(limiter.take('a', T0).allowed).toBe(false);
    expect(limiter.take('b', T0).allowed).toBe(true);
  });

  it('forgets the least recently used bucket beyond its bound, which only refills it', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 }, 2);
    limiter.take('a', T0);
    limiter.take('b', T0);
    limiter.take('a', T0);
    limiter.take('c', T0);
    expect(limiter.size).toBe(2);
    expect(limiter.take('a', T0).allowed).toBe(false);
    expect(limiter.take('b', T0).allowed).toBe(true);
  });

  it('refuses a rate that could never admit anything', () => {
    expect(() => new RateLimiter({ perSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ perSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
