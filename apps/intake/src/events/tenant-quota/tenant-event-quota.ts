import { fullBucket, take, type Bucket, type BucketRate } from '@stageplus/http';

/** Events per second each tenant may post, per intake instance; null: no limit. */
export interface TenantEventLimits {
  /** Every tenant's, unless overridden. */
  readonly standard: BucketRate | null;
  /** By tenant id: a larger establishment, a backfill; null lifts that tenant's limit. */
  readonly overrides: ReadonlyMap<string, BucketRate | null>;
}

/** A tenant whose events a batch was refused for, and when its quota will hold them. */
export interface QuotaRefusal {
  readonly tenantId: string;
  /** The batch's first event of that tenant (0-based). */
  readonly index: number;
  readonly rate: BucketRate;
  readonly retryAfterMs: number;
}

/**
 * A token bucket of events per tenant (issue 15, tenant isolation): one establishment posting
 * many times its usual rate is held at its quota at the edge, before its events take the
 * pipeline's capacity from the others' firings. The per-key limit counts requests, and a request
 * holds up to 1,000 events: it cannot do this.
 *
 * In this process's memory, like the per-key limits: N instances allow N times as much. At most
 * `maxTenants` buckets are kept, the least recently used forgotten first (which only refills it).
 */
export class TenantEventQuota {
  private readonly buckets = new Map<string, Bucket>();
  /** Per tenant, the events of its last refused batch, until one is admitted: what a retry needs. */
  private readonly wanted = new Map<string, number>();

  constructor(
    private readonly limits: TenantEventLimits,
    private readonly maxTenants = 10_000,
  ) {}

  /**
   * Charges each tenant of a batch (its events' tenant ids, in order) for its events, all or
   * none: refused for one tenant, nothing is charged. Returns the refusals, empty when admitted.
   */
  charge(tenantIds: readonly string[], now: number): QuotaRefusal[] {
    const taken: [string, Bucket][] = [];
    const refused: QuotaRefusal[] = [];
    const counts = countByTenant(tenantIds);
    for (const [tenantId, { count, index }] of counts) {
      const rate = this.rateOf(tenantId);
      if (rate === null) continue;
      const outcome = take(this.buckets.get(tenantId) ?? fullBucket(rate, now), rate, now, count);
      if (outcome.allowed) taken.push([tenantId, outcome.bucket]);
      else refused.push({ tenantId, index, rate, retryAfterMs: outcome.retryAfterMs });
    }
    if (refused.length === 0) {
      for (const [tenantId, bucket] of taken) this.keep(tenantId, bucket);
      for (const tenantId of counts.keys()) this.wanted.delete(tenantId);
    }
    for (const r of refused) this.wanted.set(r.tenantId, counts.get(r.tenantId)?.count ?? 1);
    return refused;
  }

  /**
   * The refusals when none of `tenantIds` (an API key's tenants) could take again the batch last
   * refused for it (one event when none was) at `now`: a flood sends the same batches over and
   * over, so its next request is refused before its body is read, with the same `Retry-After`.
   * Null when one of them could (or is not limited, or is `*`). Charges nothing.
   */
  spent(tenantIds: readonly string[], now: number): QuotaRefusal[] | null {
    const refusals: QuotaRefusal[] = [];
    for (const tenantId of tenantIds) {
      const rate = this.rateOf(tenantId);
      const bucket = this.buckets.get(tenantId);
      if (rate === null || bucket === undefined) return null;
      const outcome = take(bucket, rate, now, this.wanted.get(tenantId) ?? 1);
      if (outcome.allowed) return null;
      refusals.push({ tenantId, index: 0, rate, retryAfterMs: outcome.retryAfterMs });
    }
    return refusals.length > 0 ? refusals : null;
  }

  private rateOf(tenantId: string): BucketRate | null {
    const override = this.limits.overrides.get(tenantId);
    return override === undefined ? this.limits.standard : override;
  }

  private keep(tenantId: string, bucket: Bucket): void {
    this.buckets.delete(tenantId);
    this.buckets.set(tenantId, bucket);
    if (this.buckets.size > this.maxTenants) {
      const forgotten = this.buckets.keys().next().value as string;
      this.buckets.delete(forgotten);
      this.wanted.delete(forgotten);
    }
  }
}

function countByTenant(tenantIds: readonly string[]): Map<string, { count: number; index: number }> {
  const counts = new Map<string, { count: number; index: number }>();
  tenantIds.forEach((tenantId, index) => {
    const seen = counts.get(tenantId);
    if (seen === undefined) counts.set(tenantId, { count: 1, index });
    else seen.count++;
  });
  return counts;
}
