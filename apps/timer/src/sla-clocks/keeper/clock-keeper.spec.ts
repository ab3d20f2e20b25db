import { InMemoryOutbox } from '../testing/in-memory-ports';
import { event, keeperWorld as world, P, policy, T0 } from '../testing/keeper-world';
import { ClockKeeper } from './clock-keeper';
import { FencedOut, StateLost } from './ports';

describe('the clock keeper, in virtual time', () => {
  it('given an opened P1 ticket, holds one timer for its next threshold and fires each threshold at its instant', async () => {
    const w = world();
    await w.store.claim(P, 'me');
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('T1', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    expect([...w.timers.armed.values()]).toEqual([T0 + 1000]);
    await w.runUntil('me', T0 + 10_000);
    expect(w.fired()).toEqual([
      'T1 response:50@1000',
      'T1 response:75@1500',
      'T1 resolution:50@2000', // simultaneous ones by percent: the engine's order
      'T1 response:100@2000',
      'T1 resolution:75@3000',
      'T1 response:150@3000',
      'T1 resolution:100@4000',
      'T1 resolution:150@6000',
    ]);
    expect(w.timers.armed.size).toBe(0);
    expect(w.outbox.notifications.every((x) => Date.parse(x.firedAt) === Date.parse(x.thresholdAt))).toBe(true);
  });

  it('given a pause, moves the one timer rather than adding another, and the same events twice change nothing', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    const opened = event('T2', 'ticket.opened', T0, { impact: 1, urgency: 1 });
    const responded = event('T2', 'ticket.responded', T0 + 100);
    const paused = event('T2', 'ticket.updated', T0 + 500, { status: 'pending_customer' });
    await w.keeper.applyEvents(P, 'me', [opened, responded]);
    w.clock.now = T0 + 500;
    await w.keeper.applyEvents(P, 'me', [paused, paused, opened]);
    expect(w.timers.adds).toBe(1);
    expect(w.timers.moves).toBe(0); // paused: nothing upcoming, the timer is left to end by itself
    w.clock.now = T0 + 1500;
    await w.keeper.applyEvents(P, 'me', [event('T2', 'ticket.updated', T0 + 1500, { status: 'in_progress' })]);
    expect(w.timers.moves).toBe(1);
    expect(w.timers.armed.get('tenant-a|T2')).toBe(T0 + 3000); // resolution 50 %: 2 s counted, 1 s paused
    await w.runUntil('me', T0 + 20_000);
    expect(w.fired().filter((f) => f.includes('resolution:50'))).toEqual(['T2 resolution:50@3000']);
  });

  it('fires what fell due while no worker ran in one catch-up, each once, not late, and re-arms the rest', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    const tickets = Array.from({ length: 500 }, (_, i) => `C${i}`);
    await w.keeper.applyEvents(P, 'me', tickets.map((t) => event(t, 'ticket.opened', T0, { impact: 1, urgency: 1 })));
    w.clock.now = T0 + 1700; // 50 % and 75 % of the response fell due while down
    expect(await w.keeper.catchUp(P, 'me', 128)).toBe(500);
    expect(w.outbox.notifications).toHaveLength(1000);
    expect(new Set(w.outbox.notifications.map((x) => x.eventId)).size).toBe(1000);
    expect(w.outbox.notifications.every((x) => !x.late && Date.parse(x.firedAt) === T0 + 1700)).toBe(true);
    expect(new Set(w.timers.armed.values())).toEqual(new Set([T0 + 2000]));
    expect(await w.keeper.catchUp(P, 'me')).toBe(0);
  });

  it('given a late close and a raise that occurred after it in one batch, decides with both at once: the raise changes nothing', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('T8', 'ticket.opened', T0, { impact: 4, urgency: 4 })]); // P4: response 8 s
    w.clock.now = T0 + 3000;
    const raised = event('T8', 'ticket.updated', T0 + 2500, { impact: 1, urgency: 1 }); // P1 would be past its breach
    await w.keeper.applyEvents(P, 'me', [raised, event('T8', 'ticket.closed', T0 + 2000)]);
    await w.runUntil('me', T0 + 60_000);
    expect(w.fired()).toEqual([]);
    expect(w.outbox.outcomes.map((o) => [o.priority, o.clocks.response.status])).toEqual([['P4', 'met']]);
  });

  it('never fires early when a wake-up comes for a ticket already re-armed for later (a catch-up racing the worker)', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('T7', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    await w.runUntil('me', T0 + 1000); // response:50 fired, the timer re-armed for response:75 at +1500
    expect((await w.store.read(P, { tenantId: 'tenant-a', ticketId: 'T7' }))?.armedAt).toBe(T0 + 1500);
    w.clock.now = T0 + 1100;
    expect(await w.keeper.fireDue(P, 'me', [{ tenantId: 'tenant-a', ticketId: 'T7' }])).toEqual(new Map([['tenant-a|T7', T0 + 1500]]));
    expect(w.fired()).toEqual(['T7 response:50@1000']);
  });

  it('refuses an event the engine cannot compute with, and stores nothing of it', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    const opened = event('T3', 'ticket.opened', T0, { impact: 1, urgency: 1 });
    const bad = { event: { ...opened.event, occurredAt: 'not a date' } };
    const refused = await w.keeper.applyEvents(P, 'me', [bad]);
    expect(refused.map((r) => r.code)).toEqual(['EVENT.INVALID_TIME']);
    expect(await w.store.read(P, { tenantId: 'tenant-a', ticketId: 'T3' })).toBeNull();
  });

  it('does not take a bug for a refusal: an error that is not a domain error propagates, nothing is refused', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    const broken = new ClockKeeper({ ctx: () => ({ policy: undefined as never }), closedRetentionMs: 1, clock: w.clock.read }, w.store, w.timers, w.outbox);
    await expect(broken.applyEvents(P, 'me', [event('T9', 'ticket.opened', T0, { impact: 1, urgency: 1 })])).rejects.toThrow(TypeError);
    expect(w.outbox.notifications).toEqual([]);
  });

  it('lets a zombie write and publish nothing once another member took the partition', async () => {
    const w = world();
    await w.store.claim(P, 'old-owner');
    await w.store.restore(P, 'old-owner', []);
    await w.store.claim(P, 'new-owner');
    await expect(w.keeper.applyEvents(P, 'old-owner', [event('T4', 'ticket.opened', T0 - 60_000, { impact: 1, urgency: 1 })])).rejects.toThrow(FencedOut);
    await expect(w.keeper.fireDue(P, 'old-owner', [{ tenantId: 'tenant-a', ticketId: 'T4' }])).rejects.toThrow(FencedOut);
    expect(w.outbox.notifications).toEqual([]);
    expect(w.timers.armed.size).toBe(0);
  });

  it('notices a lost state instead of starting the ticket afresh, and mirrors every record to the changelog', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('T5', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    expect(w.outbox.changelog.get('tenant-a|T5')?.events).toHaveLength(1);
    w.store.flush();
    await expect(w.keeper.applyEvents(P, 'me', [event('T5', 'ticket.responded', T0 + 10)])).rejects.toThrow(StateLost);
  });

  it('sends a closed ticket to the changelog as a tombstone once nothing is left to fire', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('T6', 'ticket.opened', T0, { impact: 1, urgency: 1 }), event('T6', 'ticket.closed', T0 + 100)]);
    expect(w.outbox.changelog.get('tenant-a|T6')).toBeNull();
    expect(await w.store.due(P, Infinity, 10)).toEqual([]);
  });

  it.each([
    ['as one batch', 2_000],
    ['the catch-up’s way, when more than a batch is due', 1],
  ])('wakes a partition up %s: fires every ticket due by the instant, none due later', async (_how, batchSize) => {
    const w = world();
    await w.store.restore(P, 'me', []);
    const open = (id: string, at: number) => event(id, 'ticket.opened', at, { impact: 1, urgency: 1 });
    await w.keeper.applyEvents(P, 'me', [open('A', T0), open('B', T0 + 100), open('C', T0 + 5_000)]);
    w.clock.now = T0 + 1_100;
    await w.keeper.wake(P, 'me', T0 + 1_100, batchSize);
    expect(w.fired()).toEqual(['A response:50@1000', 'B response:50@1100']);
    expect(await w.store.firstDueAfter(P, T0 + 1_100)).toBe(T0 + 1_500); // A's next: the next wake-up
    await w.keeper.wake(P, 'me', T0 + 1_100, batchSize);
    expect(w.fired()).toHaveLength(2); // woken twice at one instant: nothing twice
  });

  it('leaves to a batch of events the ticket it is working on, fires the others, and says so (the worker wakes up again soon)', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', ['A', 'B'].map((id) => event(id, 'ticket.opened', T0, { impact: 1, urgency: 1 })));
    w.clock.now = T0 + 1_000;
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = w.store.load.bind(w.store);
    jest.spyOn(w.store, 'load').mockImplementationOnce(async (...args) => {
      await gate; // the batch of events is still loading A
      return load(...args);
    });
    const applying = w.keeper.applyEvents(P, 'me', [event('A', 'ticket.updated', T0 + 1_000, { status: 'in_progress' })]);
    expect(await w.keeper.wake(P, 'me', T0 + 1_000)).toBe(false);
    expect(w.fired()).toEqual(['B response:50@1000']);
    release();
    await applying;
    expect(await w.keeper.wake(P, 'me', T0 + 1_000)).toBe(true);
    expect(w.fired().sort()).toEqual(['A response:50@1000', 'B response:50@1000']); // A once, by whichever came first
  });

  it('sends firings through the firings outbox and the records of events through the other, so that an alert never queues behind a batch of events', async () => {
    const w = world();
    const firings = new InMemoryOutbox();
    const keeper = new ClockKeeper({ ctx: () => ({ policy }), closedRetentionMs: 60_000, clock: w.clock.read }, w.store, w.timers, w.outbox, firings);
    await w.store.restore(P, 'me', []);
    await keeper.applyEvents(P, 'me', [event('A', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    expect(w.outbox.changelog.has('tenant-a|A')).toBe(true);
    w.clock.now = T0 + 1_000;
    await keeper.wake(P, 'me', T0 + 1_000);
    expect(firings.notifications.map((n) => `${n.clock}:${n.percent}`)).toEqual(['response:50']);
    expect(w.outbox.notifications).toEqual([]);
  });
});
