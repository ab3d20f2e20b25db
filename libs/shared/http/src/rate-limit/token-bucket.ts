/** How fast a bucket refills and how much it holds. */
export interface BucketRate {
  /** Tokens added per second (requests per second sustained); > 0. */
  readonly perSecond: number;
  /** Tokens the bucket holds when full: the burst allowed after a quiet spell; >= 1. */
  readonly burst: number;
}

/** A bucket's state: its tokens at `at` (ms). A new bucket is full. */
export interface Bucket {
  readonly tokens: number;
  readonly at: number;
}

/** The outcome of asking a bucket for tokens at `now`. */
export type Take =
  | { readonly allowed: true; readonly bucket: Bucket; readonly remaining: number }
  /** `retryAfterMs`: when the tokens asked for will be there. */
  | { readonly allowed: false; readonly bucket: Bucket; readonly retryAfterMs: number };

/** A full bucket at `now`. */
export function fullBucket(rate: BucketRate, now: number): Bucket {
  return { tokens: rate.burst, at: now };
}

/** The bucket refilled up to `now` (never above `burst`; a clock going back refills nothing). */
export function refill(bucket: Bucket, rate: BucketRate, now: number): Bucket {
  const elapsed = Math.max(0, now - bucket.at);
  return { tokens: Math.min(rate.burst, bucket.tokens + (elapsed * rate.perSecond) / 1000), at: Math.max(now, bucket.at) };
}

/**
 * Takes `cost` tokens (one request; or a batch's events) at `now` when the bucket holds them; says
 * how long to wait otherwise. A cost over `burst` is never allowed: callers bound it.
 */
export function take(bucket: Bucket, rate: BucketRate, now: number, cost = 1): Take {
  const current = refill(bucket, rate, now);
  if (current.tokens >= cost) {
    const next = { tokens: current.tokens - cost, at: current.at };
    return { allowed: true, bucket: next, remaining: Math.floor(next.tokens) };
  }
  return { allowed: false, bucket: current, retryAfterMs: Math.ceil(((cost - current.tokens) * 1000) / rate.perSecond) };
}
