import { testBrokers, uniqueName } from '@stageplus/testing';
import { setTimeout as slowWork } from 'node:timers/promises';
import Redis from 'ioredis';
import { LockLostError, TicketLock } from './ticket-lock';

describe('the ticket lock, on the real Redis', () => {
  const redis = new Redis(testBrokers().redisUrl);
  const ref = { tenantId: 'tenant-a', ticketId: uniqueName('T') };
  afterAll(() => redis.quit());

  it('keeps its lease while slow work runs, so a second writer waits for it', async () => {
    const lock = new TicketLock(redis, `${uniqueName('lock')}:`, 150);
    const order: string[] = [];
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const slow = lock.withLock(ref, async (lease) => {
      firstStarted();
      order.push('first in');
      await slowWork(600); // the work itself: four leases long
      await lease.ensureHeld();
      order.push('first out');
    });
    await started;
    await lock.withLock(ref, async () => void order.push('second'));
    await slow;
    expect(order).toEqual(['first in', 'first out', 'second']);
  });

  it('tells the holder it lost the lock when someone took it', async () => {
    const prefix = `${uniqueName('lock')}:`;
    const lock = new TicketLock(redis, prefix, 10_000);
    await expect(
      lock.withLock(ref, async (lease) => {
        await redis.set(`${prefix}lock:${ref.tenantId}|${ref.ticketId}`, 'someone-else');
        await lease.ensureHeld();
      }),
    ).rejects.toThrow(LockLostError);
  });
});
