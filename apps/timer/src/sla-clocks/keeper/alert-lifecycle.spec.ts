import { event, keeperWorld, P, T0 } from '../testing/keeper-world';
import { refKey } from '../ticket-ref';

/** FAST policy, BASE P1: response 2 s, resolution 4 s, 24x7; thresholds 50, 75, 100, 150 %. */
describe('the alert lifecycle in the timer, in virtual time', () => {
  async function opened() {
    const w = keeperWorld();
    await w.store.claim(P, 'me');
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('T1', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    return w;
  }

  it('given an escalated response clock, when the response arrives, then its alert clears once, with the alert key of its escalation', async () => {
    const w = await opened();
    await w.runUntil('me', T0 + 1200); // response 50 % fired at +1000
    await w.keeper.applyEvents(P, 'me', [event('T1', 'ticket.responded', T0 + 1200)]);
    await w.keeper.applyEvents(P, 'me', [event('T1', 'ticket.updated', T0 + 1300, { status: 'in_progress' })]);
    expect(w.outbox.cleared.map((c) => `${c.clock} ${c.reason} ${c.eventId}`)).toEqual([
      'response responded sla:tenant-a:T1:response:cleared:1',
    ]);
    expect(w.outbox.cleared[0].alertKey).toBe(w.outbox.notifications[0].alertKey);
  });

  it('given a breached resolution clock, when the ticket is closed, then it clears as breached and the outcome is published once', async () => {
    const w = await opened();
    await w.runUntil('me', T0 + 5000);
    await w.keeper.applyEvents(P, 'me', [event('T1', 'ticket.closed', T0 + 5000)]);
    await w.runUntil('me', T0 + 20_000);
    expect(w.outbox.cleared.map((c) => `${c.clock} ${c.reason} breached=${c.breached}`)).toEqual([
      'response closed breached=true',
      'resolution closed breached=true',
    ]);
    expect(w.outbox.outcomes).toHaveLength(1);
    expect(w.outbox.outcomes[0].clocks).toMatchObject({
      response: { status: 'breached', stoppedBy: 'closed', fired: [50, 75, 100, 150] },
      resolution: { status: 'breached', stoppedBy: 'closed', fired: [50, 75, 100] },
    });
    expect(w.outbox.changelog.get(refKey({ tenantId: 'tenant-a', ticketId: 'T1' }))).toBeNull(); // done: tombstoned
  });
});
