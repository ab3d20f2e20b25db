import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { refKey, type TicketRef } from '../ticket-ref';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** The lock on one ticket, as its holder sees it. */
export interface Lease {
  /** Throws when the lock was lost (its lease ran out and someone else took it). */
  ensureHeld(): Promise<void>;
}

export class LockLostError extends Error {
  constructor(key: string) {
    super(`lost the lock ${key}: another worker holds the ticket`);
    this.name = 'LockLostError';
  }
}

/**
 * One writer per ticket at a time, across processes: the Kafka consumer (events) and the BullMQ
 * worker (thresholds due) both recompute a ticket's clocks. A Redis lock with a lease that is
 * renewed while the work runs (a publish can outlast a lease when the broker is slow), released
 * only by its owner; the work checks it still holds the lock before each write.
 */
export class TicketLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs = 15_000,
    private readonly waitMs = 60_000,
  ) {}

  async withLock<T>(ref: TicketRef, work: (lease: Lease) => Promise<T>): Promise<T> {
    const key = `${this.prefix}lock:${refKey(ref)}`;
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    while ((await this.redis.set(key, token, 'PX', this.leaseMs, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new Error(`could not lock ticket ${refKey(ref)} within ${this.waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    let held = true;
    const renewal = setInterval(() => {
      this.redis.eval(RENEW, 1, key, token, String(this.leaseMs)).then(
        (renewed) => (held = held && renewed === 1),
        () => undefined,
      );
    }, Math.floor(this.leaseMs / 3));
    const lease: Lease = {
      ensureHeld: async () => {
        if (!held || (await this.redis.get(key)) !== token) throw new LockLostError(key);
      },
    };
    try {
      return await work(lease);
    } finally {
      clearInterval(renewal);
      await this.redis.eval(RELEASE, 1, key, token);
    }
  }
}
