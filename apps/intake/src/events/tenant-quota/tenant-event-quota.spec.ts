import { TenantEventQuota } from './tenant-event-quota';

const T0 = 1_000_000;
const standard = { perSecond: 100, burst: 1_000 };
const many = (tenantId: string, n: number) => Array.from({ length: n }, () => tenantId);

describe('the per-tenant event quota, in virtual time', () => {
  it('holds a flooding tenant at its rate while another tenant posts as usual', () => {
    const quota = new TenantEventQuota({ standard, overrides: new Map() });
    expect(quota.charge(many('noisy', 1_000), T0)).toEqual([]);
    expect(quota.charge(many('noisy', 1), T0)).toEqual([{ tenantId: 'noisy', index: 0, rate: standard, retryAfterMs: 10 }]);
    expect(quota.charge(many('quiet', 50), T0)).toEqual([]);
    expect(quota.charge(many('noisy', 100), T0 + 999)).toHaveLength(1);
    expect(quota.charge(many('noisy', 100), T0 + 1_000)).toEqual([]);
  });

  it('admits a mixed batch all or nothing: refused for one tenant, the other is not charged', () => {
    const quota = new TenantEventQuota({ standard, overrides: new Map() });
    quota.charge(many('a', 950), T0);
    const refusals = quota.charge([...many('b', 600), ...many('a', 100)], T0);
    expect(refusals).toEqual([{ tenantId: 'a', index: 600, rate: standard, retryAfterMs: 500 }]);
    expect(quota.charge(many('b', 1_000), T0)).toEqual([]);
  });

  it('applies an override to its tenant only, and null lifts the limit', () => {
    const big = { perSecond: 1_000, burst: 5_000 };
    const quota = new TenantEventQuota({ standard, overrides: new Map([['large', big], ['backfill', null]]) });
    for (let i = 0; i < 5; i++) expect(quota.charge(many('large', 1_000), T0)).toEqual([]);
    expect(quota.charge(many('large', 1), T0)).toHaveLength(1);
    for (let i = 0; i < 50; i++) expect(quota.charge(many('backfill', 1_000), T0)).toEqual([]);
    expect(quota.charge(many('other', 1_000), T0)).toEqual([]);
    expect(quota.charge(many('other', 1), T0)).toHaveLength(1);
  });

  it('charges nothing at all without a standard limit, save the overridden tenants', () => {
    const quota = new TenantEventQuota({ standard: null, overrides: new Map([['capped', standard]]) });
    for (let i = 0; i < 20; i++) expect(quota.charge(many('anyone', 1_000), T0)).toEqual([]);
    quota.charge(many('capped', 1_000), T0);
    expect(quota.charge(many('capped', 1), T0)).toHaveLength(1);
  });

  it('keeps at most its bound of tenants, forgetting the least recently charged (which only refills it)', () => {
    const quota = new TenantEventQuota({ standard, overrides: new Map() }, 2);
    quota.charge(many('a', 1_000), T0);
    quota.charge(many('b', 1_000), T0);
    quota.charge(many('c', 1_000), T0);
    expect(quota.charge(many('a', 1_000), T0)).toEqual([]);
    expect(quota.charge(many('c', 1), T0)).toHaveLength(1);
  });
});
