import { bullConnection } from '@stageplus/redis';
import { testBrokers, uniqueName, waitUntil } from '@stageplus/testing';
import type { Worker } from 'bullmq';
import { ClockKeeper } from '../keeper/clock-keeper';
import { event, P, policy } from '../testing/keeper-world';
import { InMemoryClockStore, InMemoryOutbox } from '../testing/in-memory-ports';
import { governedPause } from '../ticket-record/paused-since';
import { BullmqWakeTimers } from './bullmq-wake-timers';
import { TimerWorkers } from './timer-workers';

jest.setTimeout(30_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A keeper on an in-memory store and outbox, real time, its wake-ups on the real Redis. */
function world() {
  const connection = bullConnection({ url: testBrokers().redisUrl });
  const name = uniqueName('timers');
  const prefix = `${uniqueName('tw')}{p0}`;
  const ctx = () => ({ policy });
  const store = new InMemoryClockStore(governedPause(ctx, Date.now));
  const outbox = new InMemoryOutbox();
  const timers = new BullmqWakeTimers({ connection, queueName: name, prefixOf: () => prefix, logger: silent });
  const keeper = new ClockKeeper({ ctx, closedRetentionMs: 60_000, clock: Date.now }, store, timers, outbox);
  const owner = { settling: false };
  const settings = { connection, queueName: name, prefixOf: () => prefix, batchSize: 100, logger: silent, stuckAfterMs: 400, settling: () => owner.settling };
  const workers = new TimerWorkers(settings, keeper, store, timers, async () => 't');
  const added = jest.spyOn(timers.plan, 'need');
  const wakeUpsAdded = () => added.mock.results.filter((r) => r.value !== null).length;
  const running = () => (workers as unknown as { running: Map<number, Worker> }).running.get(P) as Worker;
  const close = async () => {
    await workers.stopAll();
    await timers.queue(P).obliterate({ force: true });
    await timers.close();
  };
  return { store, outbox, keeper, timers, workers, settings, owner, wakeUpsAdded, running, close };
}

describe('the partitions’ wake-ups, on the real Redis', () => {
  let w: ReturnType<typeof world>;
  beforeEach(async () => {
    w = world();
    await w.store.claim(P, 't');
    await w.store.restore(P, 't', []);
  });
  afterEach(() => w.close());

  it('fires every threshold of 20 tickets at its instant, none early, none twice, with one wake-up job per instant rather than per ticket', async () => {
    w.workers.start(P);
    const t0 = Date.now();
    const opened = (i: number, at: number) => event(`W${i}`, 'ticket.opened', at, { impact: 1, urgency: 1 });
    await w.keeper.applyEvents(P, 't', Array.from({ length: 10 }, (_, i) => opened(i, t0)));
    await w.keeper.applyEvents(P, 't', Array.from({ length: 10 }, (_, i) => opened(10 + i, t0 + 200)));
    // A P1 ticket fires 8 thresholds at 6 instants (1 s to 6 s after it opens): 160 at 12 instants.
    await waitUntil(async () => (w.outbox.notifications.length >= 160 ? true : undefined), 15_000, 'every threshold to fire');
    const { notifications } = w.outbox;
    expect(notifications).toHaveLength(160);
    expect(new Set(notifications.map((n) => n.eventId)).size).toBe(160);
    expect(notifications.filter((n) => Date.parse(n.firedAt) < Date.parse(n.thresholdAt))).toEqual([]);
    expect(w.wakeUpsAdded()).toBeLessThanOrEqual(12);
  });

  it('given instants 20 ms apart, then a wake-up waits for the next one and fires it itself: every threshold at its instant, with far fewer jobs than instants', async () => {
    const jobs = jest.spyOn(w.timers.queue(P), 'add');
    w.workers.start(P);
    const t0 = Date.now() + 300;
    // Opened 20 ms apart (learnt at their future occurredAt): each threshold's 10 instants are 20 ms apart.
    await w.keeper.applyEvents(P, 't', Array.from({ length: 10 }, (_, i) => event(`F${i}`, 'ticket.opened', t0 + 20 * i, { impact: 1, urgency: 1 })));
    await waitUntil(async () => (w.outbox.notifications.length >= 80 ? true : undefined), 15_000, 'every threshold to fire');
    const { notifications } = w.outbox;
    expect(new Set(notifications.map((n) => n.eventId)).size).toBe(80);
    expect(notifications.filter((n) => Date.parse(n.firedAt) < Date.parse(n.thresholdAt))).toEqual([]);
    const instants = new Set(notifications.map((n) => n.thresholdAt)).size;
    expect(instants).toBeGreaterThanOrEqual(40);
    // About one job per threshold's group of 10 instants (one per instant, less those fired behind, without).
    expect(jobs.mock.calls.length).toBeLessThanOrEqual(instants / 5);
  });

  it('given a wake-up waiting for its partition’s next instant, when the partition stops, then it lets go at once, having fired nothing more', async () => {
    w.workers.start(P);
    const t0 = Date.now();
    await w.keeper.applyEvents(P, 't', [event('G1', 'ticket.opened', t0, { impact: 1, urgency: 1 })]);
    await waitUntil(async () => (w.outbox.notifications.length > 0 ? true : undefined), 10_000, 'the first threshold (1 s) to fire');
    const firedFirst = w.outbox.notifications.length;
    const next = (await w.store.firstDueAfter(P, t0 + 1_000)) as number;
    expect(next - Date.now()).toBeGreaterThan(100); // the wake-up follows it on a timer in the process
    await w.workers.stop(P); // closing the worker waits for its wake-up to end
    expect(Date.now()).toBeLessThan(next);
    expect(w.outbox.notifications).toHaveLength(firedFirst);
  });

  it('replaces a worker that takes no job while a timer of the index is overdue (unless its partition is being rebuilt), and the new one fires it', async () => {
    w.workers.start(P);
    const stuck = w.running();
    await stuck.waitUntilReady();
    stuck.pause(true); // taking no job, yet running: what a stuck worker looks like from outside
    expect(await w.workers.checkStuck()).toEqual([]); // nothing due: not stuck
    w.owner.settling = true;
    await w.keeper.applyEvents(P, 't', [event('S1', 'ticket.opened', Date.now() - 900, { impact: 1, urgency: 1 })]);
    expect(await w.workers.checkStuck(Date.now() + 5_000)).toEqual([]); // being rebuilt: its owner's catch-up is busy
    w.owner.settling = false;
    await waitUntil(async () => (w.outbox.notifications.length > 0 ? true : undefined), 10_000, 'the due threshold to fire after the worker is replaced');
    expect(`${w.outbox.notifications[0].ticketId} ${w.outbox.notifications[0].clock}:${w.outbox.notifications[0].percent}`).toBe('S1 response:50');
    expect(w.running()).not.toBe(stuck);
    expect(w.workers.healthy).toBe(true);
  });

  it('replaces a worker whose own Redis connection has ended (it can neither take a job nor answer the watchdog), and the new one fires the overdue timer', async () => {
    w.workers.start(P);
    const stuck = w.running();
    await stuck.waitUntilReady();
    stuck.pause(true);
    (await stuck.client).disconnect(); // as BullMQ left one after a Sentinel failover: 'end', every command "Connection is closed."
    await w.keeper.applyEvents(P, 't', [event('E1', 'ticket.opened', Date.now() - 900, { impact: 1, urgency: 1 })]);
    await waitUntil(async () => (w.outbox.notifications.length > 0 ? true : undefined), 10_000, 'the due threshold to fire after the worker is replaced');
    expect(`${w.outbox.notifications[0].ticketId} ${w.outbox.notifications[0].clock}:${w.outbox.notifications[0].percent}`).toBe('E1 response:50');
    expect(w.running()).not.toBe(stuck);
  });

  it('replaces a partition queue whose client has ended: the wake-up that failed through it is added again through a new one, and fires', async () => {
    w.workers.start(P);
    await w.running().waitUntilReady();
    const ended = w.timers.queue(P);
    (await ended.client).disconnect(); // every command now "Connection is closed.", as after a Sentinel failover
    await w.keeper.applyEvents(P, 't', [event('Q1', 'ticket.opened', Date.now() - 700, { impact: 1, urgency: 1 })]);
    await waitUntil(async () => (w.outbox.notifications.length > 0 ? true : undefined), 10_000, 'the threshold to fire through a new queue');
    expect(`${w.outbox.notifications[0].ticketId} ${w.outbox.notifications[0].clock}:${w.outbox.notifications[0].percent}`).toBe('Q1 response:50');
    expect(w.timers.queue(P)).not.toBe(ended);
  });

  it('keeps watching when a read never answers: a check gives up on it after the stuck delay, and the next check runs', async () => {
    const never = { firstDueAfter: () => new Promise<number | null>(() => undefined) };
    const workers = new TimerWorkers(w.settings, w.keeper, never, w.timers, async () => 't');
    try {
      workers.start(P);
      w.timers.unsure.add(P); // a wake-up that could not be added: the watchdog derives it again
      const started = Date.now();
      await workers.checkStuck();
      await workers.checkStuck(); // not refused as "already checking"
      expect(Date.now() - started).toBeGreaterThanOrEqual(800); // each round waited the stuck delay (400 ms) for the read
      expect(Date.now() - started).toBeLessThan(3_000); // and no more
      expect(w.timers.unsure.has(P)).toBe(true); // still to derive, at the next round
    } finally {
      await workers.stopAll();
    }
  });

  it('fires a timer whose wake-up job was lost (a failover that did not replicate it): the watchdog derives it from the index', async () => {
    w.workers.start(P);
    await w.running().waitUntilReady();
    await w.keeper.applyEvents(P, 't', [event('L1', 'ticket.opened', Date.now() - 500, { impact: 1, urgency: 1 })]);
    for (const job of await w.timers.queue(P).getDelayed()) await job.remove(); // the wake-up at +500 ms is gone
    await waitUntil(async () => (w.outbox.notifications.length > 0 ? true : undefined), 10_000, 'the threshold to fire without its job');
    expect(`${w.outbox.notifications[0].ticketId} ${w.outbox.notifications[0].clock}:${w.outbox.notifications[0].percent}`).toBe('L1 response:50');
    expect(Date.parse(w.outbox.notifications[0].firedAt)).toBeGreaterThanOrEqual(Date.parse(w.outbox.notifications[0].thresholdAt));
  });
});

describe('a wake-up behind its partition’s instants, on the real Redis', () => {
  it('given every next instant already past, when its worker stops, then it fires no further round', async () => {
    const connection = bullConnection({ url: testBrokers().redisUrl });
    const name = uniqueName('behind');
    const prefix = `${uniqueName('tw')}{p0}`;
    const timers = new BullmqWakeTimers({ connection, queueName: name, prefixOf: () => prefix, logger: silent });
    let rounds = 0;
    let stopping: Promise<void> | null = null;
    // A partition forever behind: each round finds its next instant already passed.
    const store = { firstDueAfter: async () => Date.now() - 1 };
    const keeper = {
      wake: async () => {
        if (++rounds === 3) stopping = workers.stop(P);
        return true;
      },
    };
    const workers = new TimerWorkers({ connection, queueName: name, prefixOf: () => prefix, batchSize: 100, logger: silent }, keeper, store, timers, async () => 't');
    try {
      workers.start(P);
      await waitUntil(async () => (stopping === null ? undefined : true), 10_000, 'the worker to be stopped in the third round');
      await stopping;
      expect(rounds).toBe(3);
    } finally {
      await timers.queue(P).obliterate({ force: true });
      await timers.close();
    }
  });
});
