import { bullConnection } from '@stageplus/redis';
import { testBrokers, uniqueName, waitUntil } from '@stageplus/testing';
import { Queue } from 'bullmq';
import { JOB_OPTIONS, LEGACY_TICKET_JOB, WAKE_JOB, type WakeJobData } from './bullmq-wake-timers';
import { startWakeWorker, type OnWake } from './wake.worker';

jest.setTimeout(30_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the wake-up worker, on the real Redis', () => {
  const connection = bullConnection({ url: testBrokers().redisUrl });
  const name = uniqueName('timers');
  const queue = new Queue<WakeJobData>(name, { connection });
  let onWake: OnWake = async () => undefined;
  const worker = startWakeWorker({ connection, queueName: name, prefix: 'bull', logger: silent }, (at) => onWake(at));
  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('wakes the partition up at the instant the job was added for, not before, and completes the job', async () => {
    const woken: { at: number; now: number }[] = [];
    onWake = async (at) => void woken.push({ at, now: Date.now() });
    const at = Date.now() + 300;
    const job = await queue.add(WAKE_JOB, { at }, { delay: 300, ...JOB_OPTIONS });
    await waitUntil(async () => (woken.length === 1 ? true : undefined), 10_000, 'the wake-up');
    expect(woken[0].at).toBe(at);
    expect(woken[0].now).toBeGreaterThanOrEqual(at - 2);
    await waitUntil(async () => ((await queue.getJob(job.id as string)) === undefined ? true : undefined), 5_000, 'the job to complete');
  });

  it('runs a ticket job of the earlier layout as a wake-up for what is due now', async () => {
    const woken: number[] = [];
    onWake = async (at) => void woken.push(at);
    const before = Date.now();
    await queue.add(LEGACY_TICKET_JOB, { k: 'tenant-a|T-9' } as unknown as WakeJobData, { jobId: 'legacy', delay: 0, ...JOB_OPTIONS });
    await waitUntil(async () => (woken.length === 1 ? true : undefined), 10_000, 'the legacy job to wake the partition');
    expect(woken[0]).toBeGreaterThanOrEqual(before - 1);
    expect(woken[0]).toBeLessThanOrEqual(Date.now());
  });

  it('ends a wake-up that can never succeed (a bug) as failed, kept for people to see, not retried forever', async () => {
    onWake = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'clocks')");
    };
    await queue.add(WAKE_JOB, { at: Date.now() }, { jobId: 'bug', delay: 0, ...JOB_OPTIONS });
    const failed = await waitUntil(async () => ((await queue.getJobState('bug')) === 'failed' ? queue.getJob('bug') : undefined), 10_000, 'the job to fail');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toContain('TypeError');
  });

  it('retries a wake-up that met Redis or broker trouble', async () => {
    let calls = 0;
    onWake = async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('broker unavailable'), { retriable: true });
    };
    await queue.add(WAKE_JOB, { at: Date.now() }, { jobId: 'transient', delay: 0, ...JOB_OPTIONS });
    await waitUntil(async () => ((await queue.getJob('transient')) === undefined ? true : undefined), 10_000, 'the job to complete on its retry');
    expect(calls).toBe(2);
  });
});
