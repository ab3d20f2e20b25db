import { readFileSync } from 'node:fs';
import { appendVersion, parsePolicy, singleVersionHistory, type PolicyHistory } from '@stageplus/sla-policy';
import { replay, toKnownEvent } from '@stageplus/sla-engine';
import { FAST_POLICY_PATH } from '@stageplus/testing';
import { event, keeperWorld, P, policy, T0 } from '../testing/keeper-world';

/** The fast policy corrected: P1 response in 1 s instead of 2, resolution in 8 s instead of 4. */
const correction = parsePolicy(
  readFileSync(FAST_POLICY_PATH, 'utf8')
    .replace('version: test-fast-24x7', 'version: test-fast-fix\nreplaces: test-fast-24x7')
    .replace('P1: { response: PT2S, resolution: PT4S', 'P1: { response: PT1S, resolution: PT8S'),
  'correction.yaml',
);

/** The fast policy corrected the other way: P1 response in 4 s instead of 2. */
const slower = parsePolicy(
  readFileSync(FAST_POLICY_PATH, 'utf8')
    .replace('version: test-fast-24x7', 'version: test-fast-slower\nreplaces: test-fast-24x7')
    .replace('P1: { response: PT2S, resolution: PT4S', 'P1: { response: PT4S, resolution: PT4S'),
  'slower.yaml',
);

const byId = <T extends { eventId: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.eventId.localeCompare(b.eventId));

describe('the timer deciding its open tickets again when a correction of their version arrives', () => {
  it('given a correction at 800 ms, then what it moved earlier fires at once, late, what fired stays fired, and the rest is re-armed', async () => {
    let history: PolicyHistory = singleVersionHistory(policy);
    const w = keeperWorld({ ctx: () => ({ history }) });
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('C1', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    await w.runUntil('me', T0 + 800);
    expect(w.fired()).toEqual([]);

    history = appendVersion(history, { policy: correction, publishedAt: T0 + 800 });
    expect(await w.keeper.redecide(P, 'me', T0 + 800)).toBe(1);
    expect(w.fired()).toEqual(['C1 response:50@500 late', 'C1 response:75@750 late']);
    expect(w.timers.armed.get('tenant-a|C1')).toBe(T0 + 1000);

    await w.runUntil('me', T0 + 20_000);
    expect(w.fired().slice(2)).toEqual([
      'C1 response:100@1000',
      'C1 response:150@1500',
      'C1 resolution:50@4000',
      'C1 resolution:75@6000',
      'C1 resolution:100@8000',
      'C1 resolution:150@12000',
    ]);
    expect(await w.keeper.redecide(P, 'me', T0 + 800)).toBe(0);
  });

  it('given the 50 % escalation fired and a correction at 1.2 s putting it at 2 s, then it clears as policy-corrected at once and fires again at 2 s, a new alert', async () => {
    let history: PolicyHistory = singleVersionHistory(policy);
    const w = keeperWorld({ ctx: () => ({ history }) });
    await w.store.restore(P, 'me', []);
    const opened = event('C2', 'ticket.opened', T0, { impact: 1, urgency: 1 });
    await w.keeper.applyEvents(P, 'me', [opened]);
    await w.runUntil('me', T0 + 1_200);
    expect(w.fired()).toEqual(['C2 response:50@1000']);

    history = appendVersion(history, { policy: slower, publishedAt: T0 + 1_200 });
    expect(await w.keeper.redecide(P, 'me', T0 + 1_200)).toBe(1);
    expect(w.outbox.cleared.map((c) => [c.eventId, c.reason, Date.parse(c.since) - T0, Date.parse(c.clearedAt) - T0, c.alerts.map((a) => a.percent)])).toEqual([
      ['sla:tenant-a:C2:response:cleared:1', 'policy-corrected', 1_200, 1_200, [50]],
    ]);
    expect(w.timers.armed.get('tenant-a|C2')).toBe(T0 + 2_000);

    await w.runUntil('me', T0 + 2_500);
    expect(w.fired()).toEqual(['C2 response:50@1000', 'C2 response:50@2000', 'C2 resolution:50@2000']);
    const again = w.outbox.notifications[1];
    expect(again).toMatchObject({ eventId: 'sla:tenant-a:C2:response:50:2', alertKey: 'tenant-a:C2:response', late: false, policyVersion: 'test-fast-slower' });

    w.clock.now = T0 + 2_600;
    const responded = event('C2', 'ticket.responded', T0 + 2_600);
    await w.keeper.applyEvents(P, 'me', [responded]);
    expect(w.outbox.cleared.map((c) => [c.eventId, c.reason])).toEqual([
      ['sla:tenant-a:C2:response:cleared:1', 'policy-corrected'],
      ['sla:tenant-a:C2:response:cleared:2', 'responded'],
    ]);

    // `sla replay` with the same history, waking the ticket at the publication, publishes the same.
    const log = [toKnownEvent(opened.event, 0, T0), toKnownEvent(responded.event, 1, T0 + 2_600)];
    const replayed = replay(log, { history, until: T0 + 2_600 });
    expect(byId(replayed.events)).toEqual(byId([...w.outbox.notifications, ...w.outbox.cleared]));
  });

  it('given a ticket closed before its first threshold, then it is final: its timer going off after a correction that puts a threshold before the close fires nothing', async () => {
    let history: PolicyHistory = singleVersionHistory(policy);
    const w = keeperWorld({ ctx: () => ({ history }) });
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('C3', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    w.clock.now = T0 + 900;
    await w.keeper.applyEvents(P, 'me', [event('C3', 'ticket.closed', T0 + 900)]);
    expect(w.outbox.outcomes.map((o) => o.policyVersion)).toEqual(['test-fast-24x7']);
    expect(w.timers.armed.get('tenant-a|C3')).toBe(T0 + 1_000); // left to go off and end

    history = appendVersion(history, { policy: correction, publishedAt: T0 + 950 }); // response 1 s: 50 % at 500, before the close
    w.clock.now = T0 + 950;
    expect(await w.keeper.redecide(P, 'me', T0 + 950)).toBe(0);
    await w.runUntil('me', T0 + 20_000);
    expect([w.fired(), w.outbox.cleared, w.outbox.outcomes.length]).toEqual([[], [], 1]);
  });
});

