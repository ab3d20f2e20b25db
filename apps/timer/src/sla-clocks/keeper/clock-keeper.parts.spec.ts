import type { PrioritizedEvent } from '../apply-ticket-event/ticket-prioritized.parser';
import { LONG_RECORD_EVENTS } from '../ticket-record/ticket-record';
import { event, keeperWorld as world, P, T0 } from '../testing/keeper-world';
import { LONG_TICKETS_PER_PART } from './keeper-batch';

/** The batch's publishes and commits, in order: `publish:<changelog entries>`, `commit:<writes>`. */
function recordCalls(w: ReturnType<typeof world>): string[] {
  const calls: string[] = [];
  const publish = w.outbox.publish.bind(w.outbox);
  const commit = w.store.commit.bind(w.store);
  jest.spyOn(w.outbox, 'publish').mockImplementation(async (p, published, changelog) => {
    calls.push(`publish:${changelog.length}`);
    return publish(p, published, changelog);
  });
  jest.spyOn(w.store, 'commit').mockImplementation(async (p, token, writes) => {
    calls.push(`commit:${writes.length}`);
    return commit(p, token, writes);
  });
  return calls;
}

/** A ticket opened, then updated until its record holds `LONG_RECORD_EVENTS` events. */
function longHistory(ticketId: string): PrioritizedEvent[] {
  const opened = event(ticketId, 'ticket.opened', T0, { impact: 1, urgency: 1 });
  const updates = Array.from({ length: LONG_RECORD_EVENTS - 1 }, (_, i) =>
    event(ticketId, 'ticket.updated', T0 + 10 * (i + 1), { status: i % 2 === 0 ? 'in_progress' : 'assigned' }),
  );
  return [opened, ...updates];
}

describe('a batch of events made durable in parts, so that a firing never waits for a whole flood of hot tickets', () => {
  it(`makes a batch touching 40 tickets with long records durable in parts of ${LONG_TICKETS_PER_PART} of them, each published before it is committed`, async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    const tickets = Array.from({ length: 40 }, (_, i) => `H${i}`);
    const calls = recordCalls(w);

    await w.keeper.applyEvents(P, 'me', tickets.flatMap(longHistory));

    expect(calls).toEqual(['publish:16', 'commit:16', 'publish:16', 'commit:16', 'publish:8', 'commit:8']);
    const records = await w.store.load(P, 'me', tickets.map((ticketId) => ({ tenantId: 'tenant-a', ticketId })));
    expect([...records.values()].map((r) => r.events.length)).toEqual(tickets.map(() => LONG_RECORD_EVENTS));
    expect(w.timers.armed.size).toBe(40);
  });

  it('keeps a batch of fresh tickets in one part, as many as it holds: one publish and one commit', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    const calls = recordCalls(w);

    await w.keeper.applyEvents(P, 'me', Array.from({ length: 500 }, (_, i) => event(`F${i}`, 'ticket.opened', T0, { impact: 1, urgency: 1 })));

    expect(calls).toEqual(['publish:500', 'commit:500']);
  });

  it('fires the same thresholds, once each, whether the tickets were applied in parts or one at a time', async () => {
    const inParts = world();
    const oneByOne = world();
    for (const w of [inParts, oneByOne]) await w.store.restore(P, 'me', []);
    const histories = Array.from({ length: 20 }, (_, i) => longHistory(`S${i}`));

    await inParts.keeper.applyEvents(P, 'me', histories.flat());
    for (const history of histories) await oneByOne.keeper.applyEvents(P, 'me', history);
    await inParts.runUntil('me', T0 + 10_000);
    await oneByOne.runUntil('me', T0 + 10_000);

    expect(inParts.fired().length).toBeGreaterThan(0);
    expect(inParts.fired().sort()).toEqual(oneByOne.fired().sort());
    expect(new Set(inParts.outbox.notifications.map((n) => n.eventId)).size).toBe(inParts.outbox.notifications.length);
  });
});
