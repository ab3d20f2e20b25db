import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { refKey, type TicketRef } from '../ticket-ref';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * One writer per ticket at a time, across processes: the Kafka consumer (events) and the BullMQ
 * worker (thresholds due) both recompute a ticket's clocks. A Redis lock with a lease, released
 * only by its owner.
 */
export class TicketLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs = 15_000,
    private readonly waitMs = 30_000,
  ) {}

  async withLock<T>(ref: TicketRef, work: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}lock:${refKey(ref)}`;
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    while ((await this.redis.set(key, token, 'PX', this.leaseMs, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new Error(`could not lock ticket ${refKey(ref)} within ${this.waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token);
    }
  }
}
