import { bullConnection } from '@stageplus/redis';
import { testBrokers, uniqueName, waitUntil } from '@stageplus/testing';
import { Queue, type Worker } from 'bullmq';
import type { ClockKeeper } from '../keeper/clock-keeper';
import { refKey, type TicketRef } from '../ticket-ref';
import { JOB_OPTIONS, TIMER_JOB, type TicketTimerData } from './bullmq-ticket-timers';
import { TimerWorkers } from './timer-workers';

jest.setTimeout(30_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the partitions’ workers, on the real Redis', () => {
  const connection = bullConnection({ url: testBrokers().redisUrl });
  const name = uniqueName('timers');
  const prefix = `${uniqueName('tw')}{p0}`;
  const queue = new Queue<TicketTimerData>(name, { connection, prefix });
  const fired: string[] = [];
  const keeper = {
    fireDue: async (_partition: number, _token: string, refs: readonly TicketRef[]) => {
      fired.push(...refs.map(refKey));
      return new Map(refs.map((ref) => [refKey(ref), null]));
    },
  } as unknown as ClockKeeper;
  const workers = new TimerWorkers({ connection, queueName: name, prefixOf: () => prefix, concurrency: 4, logger: silent, stuckAfterMs: 400 }, keeper, async () => 'token');
  afterAll(async () => {
    await workers.stopAll();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('replaces a worker that leaves its due jobs waiting (no job taken, the oldest delayed one overdue), and the new one fires them', async () => {
    workers.start(0);
    const stuck = (workers as unknown as { running: Map<number, Worker> }).running.get(0) as Worker;
    await stuck.waitUntilReady();
    stuck.pause(true); // taking no job, yet running: what a stuck worker looks like from outside
    expect(await workers.checkStuck()).toEqual([]); // nothing waiting: not stuck
    await queue.add(TIMER_JOB, { k: 'tenant-a|T-1' }, { jobId: 'due', delay: 100, ...JOB_OPTIONS });
    expect(await workers.checkStuck(Date.now() + 300)).toEqual([]); // overdue, not for long enough
    await waitUntil(async () => (fired.length > 0 ? true : undefined), 10_000, 'the due job to fire after the worker is replaced');
    expect(fired).toEqual(['tenant-a|T-1']);
    expect((workers as unknown as { running: Map<number, Worker> }).running.get(0)).not.toBe(stuck);
    expect(workers.healthy).toBe(true);
  });
});
