import { fullBucket, take, type Bucket, type BucketRate, type Take } from './token-bucket';

/**
 * Token buckets by name (an API key id, a remote address), in this process's memory: N instances
 * of a service allow N times the rate. At most `maxBuckets` are kept; the least recently used is
 * forgotten first, which only ever refills it, so a flood of new addresses costs bounded memory.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly rate: BucketRate,
    private readonly maxBuckets = 10_000,
  ) {
    if (!(rate.perSecond > 0) || !(rate.burst >= 1)) throw new RangeError('a rate needs perSecond > 0 and burst >= 1');
  }

  /** Takes a token from `name`'s bucket at `now` (ms). */
  take(name: string, now: number): Take {
    const bucket = this.buckets.get(name) ?? fullBucket(this.rate, now);
    const outcome = take(bucket, this.rate, now);
    this.buckets.delete(name);
    this.buckets.set(name, outcome.bucket);
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value as string);
    return outcome;
  }

  /** How many buckets are kept (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }
}
