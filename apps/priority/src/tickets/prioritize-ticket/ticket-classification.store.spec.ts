import { testBrokers, uniqueName } from '@stageplus/testing';
import { Redis } from 'ioredis';
import type { TicketClassification } from './ticket-classification';
import { CorruptClassificationError, TicketClassificationStore } from './ticket-classification.store';

const TTL_SECONDS = 3_600;
const at = (iso: string) => Date.parse(iso);

describe('the ticket classification store (real Redis)', () => {
  let redis: Redis;
  let store: TicketClassificationStore;
  let prefix: string;

  const classified = (eventId: string, occurredAt: string, impact: 1 | 2 | 3 | 4, urgency: 1 | 2 | 3 | 4): TicketClassification => ({
    impact,
    urgency,
    occurredAtMs: at(occurredAt),
    eventId,
  });

  beforeAll(() => {
    redis = new Redis(testBrokers().redisUrl);
  });

  beforeEach(() => {
    prefix = `${uniqueName('test:priority-store')}:`;
    store = new TicketClassificationStore(redis, { keyPrefix: prefix, ttlSeconds: TTL_SECONDS });
  });

  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('knows nothing of a ticket it never saw classified, and writes nothing for it', async () => {
    expect(await store.apply('t', 'T-1', null)).toBeNull();
    expect(await redis.exists(store.keyOf('t', 'T-1'))).toBe(0);
  });

  it('keeps the first classification as a hash of impact, urgency, event time in ms and eventId, with a TTL', async () => {
    const opened = classified('evt-1', '2026-06-23T10:00:00Z', 2, 3);
    expect(await store.apply('t', 'T-1', opened)).toEqual(opened);
    expect(await redis.hgetall(`${prefix}t:T-1`)).toEqual({
      impact: '2',
      urgency: '3',
      occurredAt: String(at('2026-06-23T10:00:00Z')),
      eventId: 'evt-1',
    });
    expect(await redis.ttl(`${prefix}t:T-1`)).toBeGreaterThan(TTL_SECONDS - 5);
  });

  it('answers an event without classification with the stored one', async () => {
    const opened = classified('evt-1', '2026-06-23T10:00:00Z', 1, 1);
    await store.apply('t', 'T-1', opened);
    expect(await store.apply('t', 'T-1', null)).toEqual(opened);
  });

  it('replaces it with a newer one in event time, and keeps it against an older one that arrives later', async () => {
    await store.apply('t', 'T-1', classified('evt-1', '2026-06-23T10:00:00Z', 3, 3));
    const newer = classified('evt-2', '2026-06-23T12:00:00Z', 1, 1);
    expect(await store.apply('t', 'T-1', newer)).toEqual(newer);
    expect(await store.apply('t', 'T-1', classified('evt-3', '2026-06-23T11:00:00Z', 4, 4))).toEqual(newer);
  });

  it('gives a tie in event time to the later arrival', async () => {
    await store.apply('t', 'T-1', classified('evt-1', '2026-06-23T10:00:00Z', 3, 3));
    const same = classified('evt-2', '2026-06-23T10:00:00Z', 2, 2);
    expect(await store.apply('t', 'T-1', same)).toEqual(same);
  });

  it('keeps tickets apart, by tenant and by ticket', async () => {
    const one = classified('evt-1', '2026-06-23T10:00:00Z', 1, 1);
    await store.apply('a', 'T-1', one);
    expect(await store.apply('b', 'T-1', null)).toBeNull();
    expect(await store.apply('a', 'T-2', null)).toBeNull();
  });

  it('refreshes the TTL on every event of the ticket, so that an active ticket keeps its classification', async () => {
    await store.apply('t', 'T-1', classified('evt-1', '2026-06-23T10:00:00Z', 1, 1));
    await redis.expire(store.keyOf('t', 'T-1'), 10);
    await store.apply('t', 'T-1', null);
    expect(await redis.ttl(store.keyOf('t', 'T-1'))).toBeGreaterThan(TTL_SECONDS - 5);
  });

  it('refuses to pass on a hash it did not write', async () => {
    await redis.hset(store.keyOf('t', 'T-1'), { impact: '9', urgency: '1', occurredAt: '1', eventId: 'x' });
    await expect(store.apply('t', 'T-1', null)).rejects.toThrow(CorruptClassificationError);
    await expect(store.apply('t', 'T-1', null)).rejects.toMatchObject({ code: 'CLASSIFICATION.CORRUPT' });
  });

  it('applies a batch of updates in one round trip, in order, each answered with what applies after it', async () => {
    const opened = classified('evt-1', '2026-06-23T10:00:00Z', 3, 3);
    const newer = classified('evt-2', '2026-06-23T12:00:00Z', 1, 1);
    const older = classified('evt-3', '2026-06-23T11:00:00Z', 4, 4);
    const other = classified('evt-9', '2026-06-23T09:00:00Z', 2, 2);
    const answers = await store.applyAll([
      { tenantId: 't', ticketId: 'T-1', candidate: null },
      { tenantId: 't', ticketId: 'T-1', candidate: opened },
      { tenantId: 't', ticketId: 'T-2', candidate: other },
      { tenantId: 't', ticketId: 'T-1', candidate: newer },
      { tenantId: 't', ticketId: 'T-1', candidate: older },
      { tenantId: 't', ticketId: 'T-1', candidate: null },
    ]);
    expect(answers).toEqual([null, opened, other, newer, newer, newer]);
  });

  it('answers an empty batch without a round trip', async () => {
    expect(await store.applyAll([])).toEqual([]);
  });
});
