import { testBrokers } from '@stageplus/testing';
import { Redis } from 'ioredis';

/**
 * Deletes every key of the shared Redis under `prefix` (a pipeline's `<id>:`: its priority and
 * timer state, its BullMQ queues), by SCAN, never FLUSH: the Redis is shared with other runs.
 */
export async function deleteKeysUnder(prefix: string): Promise<number> {
  const redis = new Redis(testBrokers().redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
