import { toKnownEvent } from '@stageplus/sla-engine';
import { testBrokers, uniqueName } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { FencedOut, StateLost } from '../keeper/ports';
import { clockStoreConformance } from '../testing/clock-store.conformance';
import { recordWithEvents } from '../testing/long-record';
import { neverPaused } from '../ticket-record/paused-since';
import { encodeRecord } from '../ticket-record/ticket-record';
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

describe('RedisClockStore: state written before the per-tenant indexes', () => {
  const tenantB = (ticketId: string, armedAt: number) => ({
    ref: { tenantId: 'tenant-b', ticketId },
    events: [toKnownEvent({ eventId: `${ticketId}-1`, type: 'ticket.opened', tenantId: 'tenant-b', ticketId, occurredAt: '2026-06-23T15:00:00Z', impact: 1, urgency: 1 }, 0)],
    fired: new Map(),
    armedAt,
  });

  it('is lost for this version, so ownership rebuilds it from the changelog; a tenant page then reads its own index', async () => {
    const prefix = `${uniqueName('store')}:`;
    const store = new RedisClockStore(redis, prefix, neverPaused);
    // What the previous layout left: the old marker, the shared index, a record; no tenant index.
    const old = tenantB('OLD1', 500);
    await redis.set(`${prefix}{p0}:epoch`, 'old-member');
    await redis.set(`${prefix}{p0}:built`, '1');
    await redis.zadd(`${prefix}{p0}:due`, 500, 'tenant-b|OLD1', 100, 'tenant-b|GONE');
    await redis.set(`${prefix}{p0}:t:tenant-b|OLD1`, encodeRecord(old));

    expect(await store.claim(0, 't')).toBe('lost');
    await expect(store.load(0, 't', [old.ref])).rejects.toThrow(StateLost);
    await expect(store.commit(0, 't', [{ record: old }])).rejects.toThrow(StateLost);
    await store.restore(0, 't', [old, tenantB('NEW1', 300)]);
    expect(await store.claim(0, 't')).toBe('intact');
    expect(await redis.exists(`${prefix}{p0}:built`)).toBe(0);
    const page = await store.board({ index: 'due', partitions: [0], tenantId: 'tenant-b', after: null, limit: 10 });
    expect(page.map((e) => `${e.position.key}@${e.position.score}`)).toEqual(['tenant-b|NEW1@300', 'tenant-b|OLD1@500']);
    // The keys: the tenant's own index beside the shared one, under the partition's hash tag.
    expect(await redis.zrange(`${prefix}{p0}:due:tenant-b`, 0, -1)).toEqual(['tenant-b|NEW1', 'tenant-b|OLD1']);
    expect(await redis.zrange(`${prefix}{p0}:due`, 0, -1)).toEqual(['tenant-b|NEW1', 'tenant-b|OLD1']);
    expect(await redis.smembers(`${prefix}{p0}:tenants`)).toEqual(['tenant-b']);

    // A timer of the previous version rebuilding it again (a rolling upgrade) leaves the old
    // marker: its writes skip the tenant indexes, so this version rebuilds it once more.
    await redis.set(`${prefix}{p0}:built`, '1');
    expect(await store.claim(0, 't2')).toBe('lost');
    expect(await store.check(new Map([[0, 't2']]))).toEqual(new Map([[0, 'lost']]));
    const keys = await redis.keys(`${prefix}*`);
    await redis.del(...keys);
  });
});

describe('RedisClockStore: the records of tickets updated often', () => {
  const often = (ticketId: string, events: number) => recordWithEvents('tenant-b', ticketId, events);

  it('are what this member committed while its token holds, and are read from Redis again once the partition is claimed anew', async () => {
    const prefix = `${uniqueName('store')}:`;
    const store = new RedisClockStore(redis, prefix, neverPaused);
    await store.claim(0, 't1');
    await store.restore(0, 't1', []);
    const record = often('HOT', 12);
    await store.commit(0, 't1', [{ record }]);
    // Only the holder of the token writes records: a write behind its back is not read...
    await redis.set(`${prefix}{p0}:t:tenant-b|HOT`, encodeRecord(often('HOT', 13)));
    expect((await store.load(0, 't1', [record.ref])).get('tenant-b|HOT')?.events).toHaveLength(12);
    // ...but the fence still is, on every load.
    await redis.set(`${prefix}{p0}:epoch`, 'another-member');
    await expect(store.load(0, 't1', [record.ref])).rejects.toThrow(FencedOut);
    await store.claim(0, 't2');
    expect((await store.load(0, 't2', [record.ref])).get('tenant-b|HOT')?.events).toHaveLength(13);
    await redis.del(...(await redis.keys(`${prefix}*`)));
    await expect(store.load(0, 't2', [record.ref])).rejects.toThrow(StateLost);
  });
});
