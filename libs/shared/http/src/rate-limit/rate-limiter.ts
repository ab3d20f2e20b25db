import { fullBucket, take, type Bucket, type BucketRate, type Take } from './token-bucket';

/**
 * Token buckets by name, in this process's memory, at most `maxBuckets` of them: the least
 * recently kept is forgotten first, which only ever refills it, so a flood of new names costs
 * bounded memory. What `RateLimiter` and other limits (intake's per-tenant events) keep.
 */
export class BucketStore {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxBuckets = 10_000) {}

  /** `name`'s bucket, full at `now` when not kept (never seen, or forgotten). */
  get(name: string, rate: BucketRate, now: number): Bucket {
    return this.buckets.get(name) ?? fullBucket(rate, now);
  }

  /** Keeps `name`'s bucket as the most recently used. */
  keep(name: string, bucket: Bucket): void {
    this.buckets.delete(name);
    this.buckets.set(name, bucket);
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value as string);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * One rate for every name (an API key id, a remote address): N instances of a service allow N
 * times the rate.
 */
export class RateLimiter {
  private readonly buckets: BucketStore;

  constructor(
    readonly rate: BucketRate,
    maxBuckets = 10_000,
  ) {
    if (!(rate.perSecond > 0) || !(rate.burst >= 1)) throw new RangeError('a rate needs perSecond > 0 and burst >= 1');
    this.buckets = new BucketStore(maxBuckets);
  }

  /** Takes a token from `name`'s bucket at `now` (ms). */
  take(name: string, now: number): Take {
    const outcome = take(this.buckets.get(name, this.rate, now), this.rate, now);
    this.buckets.keep(name, outcome.bucket);
    return outcome;
  }

  /** How many buckets are kept (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }
}
