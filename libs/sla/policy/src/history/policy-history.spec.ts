import { loadDefaultPolicy } from '../default-policy';
import type { SlaPolicy } from '../policy';
import { appendVersion, governingPolicy, latestVersion, singleVersionHistory, type PolicyHistory } from './policy-history';

const v1 = loadDefaultPolicy(); // effective 2023-12-08
const version = (name: string, effectiveDate: string, extra: Partial<SlaPolicy> = {}): SlaPolicy => ({ ...v1, version: name, effectiveDate, ...extra });
const at = (iso: string): number => Date.parse(iso);
const history = (...versions: [SlaPolicy, string][]): PolicyHistory =>
  versions.reduce((h, [policy, published]) => appendVersion(h, { policy, publishedAt: at(published) }), { versions: [{ policy: v1, publishedAt: -Infinity }] } as PolicyHistory);
const ticket = (openedAt: string, learntAt = openedAt, tenantId = 'ciusss-capitale-nationale') => ({ tenantId, openedAt: at(openedAt), learntAt: at(learntAt) });
const now = at('2026-12-31T00:00:00Z');

describe('which policy version governs a ticket', () => {
  const v2 = version('v2', '2026-07-01');
  const h = history([v2, '2026-06-01T12:00:00Z']);

  it('given one version, then it governs every ticket, even one opened before its effective date', () => {
    expect(governingPolicy(singleVersionHistory(v1), ticket('2020-01-01T12:00:00Z'), now).version).toBe(v1.version);
  });

  it('given a version effective from July 1st, then a ticket opened before it keeps the old version and one opened from it takes the new one', () => {
    expect(governingPolicy(h, ticket('2026-06-30T12:00:00-04:00'), now).version).toBe(v1.version);
    expect(governingPolicy(h, ticket('2026-07-01T00:00:00-04:00'), now).version).toBe('v2');
  });

  it('reads the effective date at local midnight where the tenant reads time', () => {
    expect(governingPolicy(h, ticket('2026-06-30T23:59:59-04:00'), now).version).toBe(v1.version);
  });

  it('given a version published after the opening was learnt, then it does not govern the ticket, even for an opening dated after its effective date', () => {
    const late = history([version('v2', '2026-06-01'), '2026-06-10T00:00:00Z']);
    expect(governingPolicy(late, ticket('2026-06-05T12:00:00Z', '2026-06-05T12:00:00Z'), now).version).toBe(v1.version);
    expect(governingPolicy(late, ticket('2026-06-05T12:00:00Z', '2026-06-10T00:00:00Z'), now).version).toBe('v2');
  });

  it('given a correction, then it stands in for the version it replaces, retroactively, from its publication on', () => {
    const fix = version('v2.1', '2026-07-01', { replaces: 'v2' });
    const corrected = history([v2, '2026-06-01T12:00:00Z'], [fix, '2026-08-01T00:00:00Z']);
    const opened = ticket('2026-07-02T12:00:00Z');
    expect(governingPolicy(corrected, opened, at('2026-07-31T00:00:00Z')).version).toBe('v2');
    expect(governingPolicy(corrected, opened, now).version).toBe('v2.1');
    expect(governingPolicy(corrected, ticket('2026-06-02T12:00:00Z'), now).version).toBe(v1.version);
  });

  it('given a correction of a correction, then the latest stands in for the whole line', () => {
    const corrected = history([v2, '2026-06-01T12:00:00Z'], [version('v2.1', '2026-07-01', { replaces: 'v2' }), '2026-08-01T00:00:00Z'], [version('v2.2', '2026-07-01', { replaces: 'v2.1' }), '2026-08-02T00:00:00Z']);
    expect(governingPolicy(corrected, ticket('2026-07-02T12:00:00Z'), now).version).toBe('v2.2');
  });

  it('given a tenant added by a new version not yet effective, then its tickets take that version at once', () => {
    const closed = { ...v1, defaultPlan: undefined };
    const tenants = new Map([...v1.tenants, ['cisss-outaouais', { plan: 'PLUS' as const }]]);
    const h2: PolicyHistory = { versions: [{ policy: closed, publishedAt: -Infinity }, { policy: version('v2', '2026-09-01', { tenants, defaultPlan: undefined }), publishedAt: at('2026-06-01T00:00:00Z') }] };
    expect(governingPolicy(h2, ticket('2026-06-02T12:00:00Z', undefined, 'cisss-outaouais'), now).version).toBe('v2');
    expect(governingPolicy(h2, ticket('2026-06-02T12:00:00Z'), now).version).toBe(v1.version);
  });

  it('refuses another text under a published version and a correction of an unknown version; the same text again changes nothing', () => {
    const one: PolicyHistory = { versions: [{ policy: v1, publishedAt: 0, digest: 'a' }] };
    expect(appendVersion(one, { policy: v1, publishedAt: 5, digest: 'a' })).toBe(one);
    expect(() => appendVersion(one, { policy: v1, publishedAt: 5, digest: 'b' })).toThrow(expect.objectContaining({ code: 'POLICY.VERSION_EXISTS' }));
    expect(() => appendVersion(one, { policy: version('x', '2026-01-01', { replaces: 'nope' }), publishedAt: 5 })).toThrow(
      expect.objectContaining({ code: 'POLICY.REPLACES_UNKNOWN' }),
    );
  });

  it('names the newest version published by an instant', () => {
    expect(latestVersion(h, at('2026-05-01T00:00:00Z')).policy.version).toBe(v1.version);
    expect(latestVersion(h).policy.version).toBe('v2');
  });
});
