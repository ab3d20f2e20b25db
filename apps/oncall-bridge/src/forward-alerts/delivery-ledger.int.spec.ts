import { testBrokers, uniqueName } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { DeliveryLedger } from './delivery-ledger';

const NOW = Date.parse('2026-06-16T14:00:00Z');

describe('the delivery ledger, in Redis', () => {
  const redis = new Redis(testBrokers().redisUrl);
  const prefix = `${uniqueName('test:ledger')}:`;
  const ledger = new DeliveryLedger(redis, { keyPrefix: prefix, ttlMs: 60_000, leaseMs: 1_000 });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('lets an event go once: delivered, the same eventId is a duplicate', async () => {
    expect(await ledger.claim('a:T-1:response', 'e50', '1:50:0', 'x', NOW)).toBe('claimed');
    await ledger.delivered('a:T-1:response', 'e50', '1:50:0', 'x');
    expect(await ledger.claim('a:T-1:response', 'e50', '1:50:0', 'y', NOW)).toBe('duplicate');
    expect(await redis.pttl(`${prefix}alert:a:T-1:response`)).toBeGreaterThan(50_000);
  });

  it('skips an event positioned before one delivered for the same alert, never for another alert', async () => {
    expect(await ledger.claim('a:T-2:response', 'clear', '3:75:1', 'x', NOW)).toBe('claimed');
    await ledger.delivered('a:T-2:response', 'clear', '3:75:1', 'x');
    expect(await ledger.claim('a:T-2:response', 'e75', '2:75:0', 'y', NOW)).toBe('superseded');
    expect(await ledger.claim('a:T-3:response', 'e75', '2:75:0', 'y', NOW)).toBe('claimed');
  });

  it('keeps one attempt at a time per alert, until it is released or its lease runs out', async () => {
    expect(await ledger.claim('a:T-4:response', 'e50', '1:50:0', 'first', NOW)).toBe('claimed');
    expect(await ledger.claim('a:T-4:response', 'e100', '2:100:0', 'second', NOW)).toBe('busy');
    await ledger.release('a:T-4:response', 'first');
    expect(await ledger.claim('a:T-4:response', 'e100', '2:100:0', 'second', NOW)).toBe('claimed');
    expect(await ledger.claim('a:T-4:response', 'e50', '1:50:0', 'first', NOW + 500)).toBe('busy');
    expect(await ledger.claim('a:T-4:response', 'e50', '1:50:0', 'first', NOW + 1_001)).toBe('claimed');
  });
});
