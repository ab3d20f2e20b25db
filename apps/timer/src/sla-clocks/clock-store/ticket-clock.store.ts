import type { TicketEvent } from '@stageplus/contracts';
import { toKnownEvent, type KnownEvent } from '@stageplus/sla-engine';
import type Redis from 'ioredis';
import { refKey, type TicketRef } from '../ticket-ref';

/** What the timer knows of one ticket: its events as learnt, and the thresholds already fired. */
export interface TicketRecord {
  readonly events: KnownEvent[];
  readonly fired: Set<string>;
}

interface StoredEvent {
  readonly event: TicketEvent;
  /** Processing time: when the timer first applied it (ms). */
  readonly receivedAt: number;
  readonly seq: number;
}

/**
 * A ticket's clock state in Redis, derivable from its events: a hash of events by eventId
 * (HSETNX: a repeated eventId is ignored, the first processing time kept) and a set of fired
 * thresholds. Everything else (priority, deadlines, schedule) is recomputed by the engine.
 */
export class TicketClockStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(kind: string, ref: TicketRef): string {
    return `${this.prefix}${kind}:${refKey(ref)}`;
  }

  /** Records an event; false when its eventId was already known (a duplicate delivery). */
  async append(event: TicketEvent, now: number): Promise<boolean> {
    const seq = await this.redis.incr(`${this.prefix}seq`);
    const stored: StoredEvent = { event, receivedAt: now, seq };
    const added = await this.redis.hsetnx(this.key('events', event), event.eventId, JSON.stringify(stored));
    if (added === 1) await this.redis.sadd(`${this.prefix}tickets`, refKey(event));
    return added === 1;
  }

  async load(ref: TicketRef): Promise<TicketRecord> {
    const [events, fired] = await Promise.all([
      this.redis.hvals(this.key('events', ref)),
      this.redis.smembers(this.key('fired', ref)),
    ]);
    return {
      events: events.map((raw) => {
        const s = JSON.parse(raw) as StoredEvent;
        return toKnownEvent(s.event, s.seq, s.receivedAt);
      }),
      fired: new Set(fired),
    };
  }

  async markFired(ref: TicketRef, firingKey: string): Promise<void> {
    await this.redis.sadd(this.key('fired', ref), firingKey);
  }
}
