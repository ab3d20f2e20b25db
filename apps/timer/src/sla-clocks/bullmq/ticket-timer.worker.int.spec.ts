import { bullConnection } from '@stageplus/redis';
import { testBrokers, uniqueName, waitUntil } from '@stageplus/testing';
import { Queue } from 'bullmq';
import { JOB_OPTIONS, TIMER_JOB, type TicketTimerData } from './bullmq-ticket-timers';
import { startTicketTimerWorker, type OnDue } from './ticket-timer.worker';

jest.setTimeout(30_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the ticket timer worker, on the real Redis', () => {
  const connection = bullConnection({ url: testBrokers().redisUrl });
  const name = uniqueName('timers');
  const queue = new Queue<TicketTimerData>(name, { connection });
  let onDue: OnDue = async () => null;
  const worker = startTicketTimerWorker({ connection, queueName: name, prefix: 'bull', concurrency: 4, logger: silent }, (ref) => onDue(ref));
  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('moves a job to its ticket’s next threshold after firing, the same job, not a new one', async () => {
    const seen: number[] = [];
    const next = Date.now() + 300;
    onDue = async () => {
      seen.push(Date.now());
      return seen.length === 1 ? next : null;
    };
    await queue.add(TIMER_JOB, { k: 'tenant-a|T-1' }, { jobId: 'moved', delay: 0, ...JOB_OPTIONS });
    await waitUntil(async () => (seen.length === 2 ? true : undefined), 10_000, 'the job to go off twice');
    expect(seen[1]).toBeGreaterThanOrEqual(next);
    await waitUntil(async () => ((await queue.getJob('moved')) === undefined ? true : undefined), 5_000, 'the job to complete');
  });

  it('ends a job that can never succeed (a bug) as failed, kept for people to see, not retried forever', async () => {
    onDue = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'clocks')");
    };
    await queue.add(TIMER_JOB, { k: 'tenant-a|T-2' }, { jobId: 'bug', delay: 0, ...JOB_OPTIONS });
    const failed = await waitUntil(async () => ((await queue.getJobState('bug')) === 'failed' ? queue.getJob('bug') : undefined), 10_000, 'the job to fail');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toContain('TypeError');
  });
});
