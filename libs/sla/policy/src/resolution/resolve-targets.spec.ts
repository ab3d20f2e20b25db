import type { Level } from '@stageplus/contracts';
import { loadDefaultPolicy } from '../default-policy';
import type { SlaPolicy, TenantEntry } from '../policy';
import { isPauseStatus, priorityOf, resolveTargets } from './resolve-targets';

const HOUR = 3_600_000;

describe('priorityOf', () => {
  const policy = loadDefaultPolicy();

  it.each<[Level, Level, string]>([
    [1, 1, 'P1'],
    [1, 4, 'P3'],
    [2, 3, 'P3'],
    [3, 1, 'P2'],
    [4, 4, 'P4'],
  ])('gives impact %d, urgency %d the priority %s', (impact, urgency, priority) => {
    expect(priorityOf(policy, impact, urgency)).toBe(priority);
  });

  it('refuses a level outside 1..4 with POLICY.INVALID_LEVEL', () => {
    expect(() => priorityOf(policy, 5 as Level, 1)).toThrow(expect.objectContaining({ code: 'POLICY.INVALID_LEVEL' }));
  });
});

describe('resolveTargets', () => {
  const policy = loadDefaultPolicy();

  it("takes the plan from the tenant registry", () => {
    const resolved = resolveTargets(policy, { tenantId: 'chu-sainte-justine', impact: 1, urgency: 1 });
    expect(resolved.plan).toBe('PLUS');
    expect(resolved.priority).toBe('P1');
    expect(resolved.response.target.durationMs).toBe(0.5 * HOUR);
    expect(resolved.response.calendar.id).toBe('24x7');
  });

  it('gives a tenant missing from the registry the default plan', () => {
    const resolved = resolveTargets(policy, { tenantId: 'cisss-unknown', impact: 2, urgency: 3 });
    expect(resolved.plan).toBe('BASE');
    expect(resolved.resolution.target.durationMs).toBe(32 * HOUR);
    expect(resolved.resolution.calendar.id).toBe('business');
  });

  it('refuses a tenant missing from the registry when the policy has no default plan, even with a plan override', () => {
    const strict: SlaPolicy = { ...policy, defaultPlan: undefined };
    for (const plan of [undefined, 'PLUS' as const]) {
      expect(() => resolveTargets(strict, { tenantId: 'cisss-unknown', impact: 1, urgency: 1, plan })).toThrow(
        expect.objectContaining({ code: 'POLICY.UNKNOWN_TENANT', message: expect.stringContaining('"cisss-unknown"') }),
      );
    }
  });

  it('uses the plan override for what-if questions', () => {
    const resolved = resolveTargets(policy, { tenantId: 'ciusss-capitale-nationale', impact: 2, urgency: 3, plan: 'PLUS' });
    expect(resolved.plan).toBe('PLUS');
    expect(resolved.resolution.target.durationMs).toBe(16 * HOUR);
  });

  it("replaces the business calendar with the tenant's own", () => {
    const resolved = resolveTargets(policy, { tenantId: 'cisss-laval', impact: 2, urgency: 3 });
    expect(resolved.response.calendar.id).toBe('laval');
    expect(resolved.resolution.target).toEqual({ durationMs: 32 * HOUR, text: '4j', calendarId: 'laval' });
  });

  it("keeps 24x7 targets on 24x7 for a tenant with its own calendar", () => {
    const tenants = new Map<string, TenantEntry>([['cisss-laval', { plan: 'PLUS', calendarId: 'laval' }]]);
    const resolved = resolveTargets({ ...policy, tenants }, { tenantId: 'cisss-laval', impact: 1, urgency: 1 });
    expect(resolved.response.calendar.id).toBe('24x7');
    const p2 = resolveTargets({ ...policy, tenants }, { tenantId: 'cisss-laval', impact: 1, urgency: 2 });
    expect(p2.response.calendar.id).toBe('laval');
  });

  it("computes the semantics page's first worked example with the resolved calendar", () => {
    const resolved = resolveTargets(policy, { tenantId: 'ciusss-capitale-nationale', impact: 2, urgency: 3 });
    const openedAt = Date.parse('2026-06-23T15:10:00-04:00');
    const { response, resolution } = resolved;
    expect(new Date(response.calendar.addBusinessTime(openedAt, response.target.durationMs)).toISOString()).toBe('2026-06-25T19:10:00.000Z');
    expect(new Date(resolution.calendar.addBusinessTime(openedAt, resolution.target.durationMs)).toISOString()).toBe('2026-06-30T19:10:00.000Z');
  });
});

describe('isPauseStatus', () => {
  const policy = loadDefaultPolicy();

  it('pauses on pending_customer only', () => {
    expect(isPauseStatus(policy, 'pending_customer')).toBe(true);
    expect(isPauseStatus(policy, 'in_progress')).toBe(false);
    expect(isPauseStatus(policy, undefined)).toBe(false);
  });
});
