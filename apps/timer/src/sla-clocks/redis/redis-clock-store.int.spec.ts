import { testBrokers, uniqueName } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { clockStoreConformance } from '../testing/clock-store.conformance';
import { RedisClockStore } from './redis-clock-store';

const redis = new Redis(testBrokers().redisUrl);
afterAll(() => redis.quit());

clockStoreConformance('Redis, with its Lua scripts', async (pause) => {
  const prefix = `${uniqueName('store')}:`;
  const store = new RedisClockStore(redis, prefix, pause);
  // Losing the state is losing every key of the prefix (a restart without persistence, a flush).
  const lose = async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  };
  return { store, lose };
});
