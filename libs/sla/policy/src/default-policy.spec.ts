import type { Plan, Priority } from '@stageplus/contracts';
import { DEFAULT_POLICY_PATH, loadDefaultPolicy } from './default-policy';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('the bundled STAGE+ policy', () => {
  const policy = loadDefaultPolicy();

  it('loads from the file next to the library, named in its source', () => {
    expect(policy.source).toBe(DEFAULT_POLICY_PATH);
    expect(policy.version).toBe('stageplus-2023-12-08');
    expect(policy.effectiveDate).toBe('2023-12-08');
  });

  it("gives the contract's Impact x Urgency matrix", () => {
    expect(policy.matrix).toEqual({
      1: { 1: 'P1', 2: 'P2', 3: 'P2', 4: 'P3' },
      2: { 1: 'P2', 2: 'P2', 3: 'P3', 4: 'P4' },
      3: { 1: 'P2', 2: 'P3', 3: 'P4', 4: 'P4' },
      4: { 1: 'P3', 2: 'P4', 3: 'P4', 4: 'P4' },
    });
  });

  it('counts a business day as 8 business hours', () => {
    expect(policy.businessDayMs).toBe(8 * HOUR);
  });

  it.each<[Plan, Priority, number, number, string]>([
    ['BASE', 'P1', 1 * HOUR, 8 * HOUR, 'business'],
    ['BASE', 'P2', 2 * HOUR, 16 * HOUR, 'business'],
    ['BASE', 'P3', 8 * HOUR, 32 * HOUR, 'business'],
    ['BASE', 'P4', 16 * HOUR, 80 * HOUR, 'business'],
    ['PLUS', 'P1', 30 * MIN, 4 * HOUR, '24x7'],
    ['PLUS', 'P2', 1 * HOUR, 8 * HOUR, 'business'],
    ['PLUS', 'P3', 4 * HOUR, 16 * HOUR, 'business'],
    ['PLUS', 'P4', 8 * HOUR, 40 * HOUR, 'business'],
  ])('sets %s %s to respond within %d ms and resolve within %d ms on %s', (plan, priority, response, resolution, calendarId) => {
    const targets = policy.targets[plan][priority];
    expect(targets.response).toEqual(expect.objectContaining({ durationMs: response, calendarId }));
    expect(targets.resolution).toEqual(expect.objectContaining({ durationMs: resolution, calendarId }));
  });

  it('reads the BASE P3 resolution as 4j, not the contract\'s printed 4h', () => {
    expect(policy.targets.BASE.P3.resolution.text).toBe('4j');
  });

  it('escalates at 50, 75 and 150 % and breaches at 100 %', () => {
    expect(policy.thresholds).toEqual([
      { percent: 50, event: 'sla.escalated', level: 1 },
      { percent: 75, event: 'sla.escalated', level: 2 },
      { percent: 100, event: 'sla.breached', level: null },
      { percent: 150, event: 'sla.escalated', level: 3 },
    ]);
  });

  it('pauses resolution while the client owes information, and gives unknown tenants BASE', () => {
    expect(policy.pauseStatuses).toEqual(['pending_customer']);
    expect(policy.defaultPlan).toBe('BASE');
  });

  it('builds the business, 24x7 and Laval calendars', () => {
    expect([...policy.calendars.keys()].sort()).toEqual(['24x7', 'business', 'laval']);
    expect(policy.calendarSpecs.business).toEqual({
      kind: 'business',
      id: 'business',
      timeZone: 'America/Toronto',
      week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ from: '08:30', to: '16:30' }]])),
      holidays: { country: 'CA', region: 'QC', types: ['public'], quebecSundaySubstitutions: true },
      closures: [],
    });
    expect(policy.calendarSpecs.laval).toEqual(
      expect.objectContaining({
        week: expect.objectContaining({ mon: [{ from: '08:00', to: '17:00' }] }),
        closures: [
          { date: '2026-04-06', name: 'Lundi de Pâques' },
          { date: '2026-12-26', name: 'Lendemain de Noël' },
        ],
      }),
    );
  });

  it('registers example establishments with their plans and calendars', () => {
    expect(policy.tenants.get('chu-sainte-justine')).toEqual(expect.objectContaining({ plan: 'PLUS' }));
    expect(policy.tenants.get('ciusss-capitale-nationale')).toEqual(expect.objectContaining({ plan: 'BASE' }));
    expect(policy.tenants.get('cisss-laval')).toEqual(expect.objectContaining({ plan: 'BASE', calendarId: 'laval' }));
  });
});
