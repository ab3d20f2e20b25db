import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WakeJobData } from './bullmq-wake-timers';

/** What the workers' watchdog reads beside the index (`timer-workers.ts`). */

/** The instant (ms) the oldest delayed job of the queue is due at; null when none. */
export async function oldestDelayed(queue: Pick<Queue<WakeJobData>, 'client' | 'keys'>): Promise<number | null> {
  const client = (await queue.client) as unknown as Redis;
  const [, score] = await client.zrange(queue.keys.delayed, 0, 0, 'WITHSCORES');
  // BullMQ's delayed score: the due instant times 0x1000, plus a counter.
  return score === undefined ? null : Math.floor(Number(score) / 0x1000);
}

/** The promise's value, or null when it does not settle within `ms` (a stuck client may never answer). */
export async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
