import { BucketStore, take, type Bucket, type BucketRate } from '@stageplus/http';

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
  private readonly buckets: BucketStore;

  constructor(
    private readonly limits: TenantEventLimits,
    maxTenants = 10_000,
  ) {
    this.buckets = new BucketStore(maxTenants);
  }

  /**
   * Charges each tenant of a batch (its events' tenant ids, in order) for its events, all or
   * none: refused for one tenant, nothing is charged. Returns the refusals, empty when admitted.
   */
  charge(tenantIds: readonly string[], now: number): QuotaRefusal[] {
    const taken: [string, Bucket][] = [];
    const refused: QuotaRefusal[] = [];
    for (const [tenantId, { count, index }] of countByTenant(tenantIds)) {
      const rate = this.rateOf(tenantId);
      if (rate === null) continue;
      const outcome = take(this.buckets.get(tenantId, rate, now), rate, now, count);
      if (outcome.allowed) taken.push([tenantId, outcome.bucket]);
      else refused.push({ tenantId, index, rate, retryAfterMs: outcome.retryAfterMs });
    }
    if (refused.length === 0) for (const [tenantId, bucket] of taken) this.buckets.keep(tenantId, bucket);
    return refused;
  }

  private rateOf(tenantId: string): BucketRate | null {
    const override = this.limits.overrides.get(tenantId);
    return override === undefined ? this.limits.standard : override;
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
