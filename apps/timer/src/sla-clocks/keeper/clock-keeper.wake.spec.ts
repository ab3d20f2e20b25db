import { event, keeperWorld as world, P, T0 } from '../testing/keeper-world';
import { refKey } from '../ticket-ref';

const A = { tenantId: 'tenant-a', ticketId: 'A' };

describe('a wake-up of the clock keeper, in virtual time: one read for the due tickets and their records', () => {
  it('fires from the records its one read brought, without loading them again', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('A', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    w.clock.now = T0 + 1_000;
    const load = jest.spyOn(w.store, 'load');
    expect(await w.keeper.wake(P, 'me', T0 + 1_000)).toBe(true);
    expect(w.fired()).toEqual(['A response:50@1000']);
    expect(load).not.toHaveBeenCalled();
  });

  it('given a batch of events that wrote a ticket between that read and the firing, reads the ticket again rather than fire from, and write back, what it had read', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('A', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    w.clock.now = T0 + 1_000;
    const read = w.store.loadDue.bind(w.store);
    jest.spyOn(w.store, 'loadDue').mockImplementationOnce(async (...args) => {
      const due = await read(...args);
      // Answered before A's response reached the store, but the wake-up goes on only after it did.
      await w.keeper.applyEvents(P, 'me', [event('A', 'ticket.responded', T0 + 900)]);
      return due;
    });
    expect(await w.keeper.wake(P, 'me', T0 + 1_000)).toBe(true);
    expect(w.fired()).toEqual([]); // responded at +900: the response's 50 % (at +1000) never falls due
    expect((await w.store.read(P, A))?.events.map((e) => e.type)).toEqual(['ticket.opened', 'ticket.responded']);
  });

  it('holds a batch of events back while a wake-up is in flight: the firing is published before the events are even read', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('A', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    w.clock.now = T0 + 1_000;
    let answer!: () => void;
    const read = w.store.loadDue.bind(w.store);
    jest.spyOn(w.store, 'loadDue').mockImplementationOnce(async (...args) => {
      await new Promise<void>((resolve) => (answer = resolve));
      return read(...args);
    });
    const firedWhenEventsRead: string[][] = [];
    const load = w.store.load.bind(w.store);
    jest.spyOn(w.store, 'load').mockImplementation(async (...args) => {
      firedWhenEventsRead.push(w.fired());
      return load(...args);
    });
    const waking = w.keeper.wake(P, 'me', T0 + 1_000);
    const applying = w.keeper.applyEvents(P, 'me', [event('B', 'ticket.opened', T0 + 1_000, { impact: 1, urgency: 1 })]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(firedWhenEventsRead).toEqual([]); // held back while the wake-up waits for its read
    answer();
    await Promise.all([waking, applying]);
    expect(firedWhenEventsRead).toEqual([['A response:50@1000']]);
  });

  it('given a second wake-up while the first still publishes, leaves the first one’s ticket to it without asking to look again, and the first arms the ticket’s next threshold itself', async () => {
    const w = world();
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('A', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    w.clock.now = T0 + 1_000;
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const publish = w.outbox.publish.bind(w.outbox);
    const publishing = jest.spyOn(w.outbox, 'publish').mockImplementationOnce(async (...args) => {
      await gate; // the broker has not acknowledged the first wake-up's alert yet
      return publish(...args);
    });
    w.timers.armed.clear();
    const first = w.keeper.wake(P, 'me', T0 + 1_000);
    await waitFor(() => publishing.mock.calls.length === 1);
    w.clock.now = T0 + 1_050;
    expect(await w.keeper.wake(P, 'me', T0 + 1_050)).toBe(true); // A is the first one's: no second look
    release();
    expect(await first).toBe(true);
    expect(w.fired()).toEqual(['A response:50@1000']);
    // The second read the index before the first moved A on: the first arms A's next threshold.
    expect(w.timers.armed.get(refKey(A))).toBe(T0 + 1_500);
    expect(await w.store.firstDueAfter(P, T0 + 1_050)).toBe(T0 + 1_500);
  });
});

/** Lets pending promise callbacks run until `done` holds (at most 100 turns). */
async function waitFor(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100 && !done(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}
