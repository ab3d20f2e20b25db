import { LONG_RECORD_EVENTS, type TicketRecord } from '../ticket-record/ticket-record';
import { refKey, type TicketRef } from '../ticket-ref';

/** At most this many events kept, in all (~15-25 MB): least recently used records go first. */
export const MAX_CACHED_EVENTS = 100_000;

/**
 * The records this member last committed, by partition and fence token, for the tickets updated
 * often (`LONG_RECORD_EVENTS` or more; shorter ones are read back from Redis): reading, decoding
 * and re-encoding a long record at each event was most of the timer's work under a tenant
 * updating the same tickets again and again (docs/benchmarks.md, "Seventh session").
 *
 * Sound because a fence token is unique to one claim of a partition and only its holder commits
 * records of that partition: as long as a load proves the token still holds (the store checks it
 * on every load), what this member committed under it is what Redis has. A token's records are
 * forgotten when the partition is claimed or restored again, a commit that failed forgets what
 * it wrote (it may or may not have happened), and a closed ticket's record is not kept (Redis
 * expires it after its retention).
 */
export class OwnedRecords {
  private readonly byPartition = new Map<number, { token: string; records: Map<string, TicketRecord> }>();
  /** Every cached record by `partition|refKey`, least recently used first. */
  private readonly recency = new Map<string, number>();
  private events = 0;

  /** The cached records of `refs` under `token`, and the refs to read from Redis. */
  take(partition: number, token: string, refs: readonly TicketRef[]): { hits: Map<string, TicketRecord>; misses: TicketRef[] } {
    const hits = new Map<string, TicketRecord>();
    const owned = this.byPartition.get(partition);
    if (owned === undefined || owned.token !== token) return { hits, misses: [...refs] };
    const misses: TicketRef[] = [];
    for (const ref of refs) {
      const key = refKey(ref);
      const record = owned.records.get(key);
      if (record === undefined) {
        misses.push(ref);
        continue;
      }
      hits.set(key, record);
      this.touch(`${partition}|${key}`, record.events.length);
    }
    return { hits, misses };
  }

  /** Committed under `token`: kept if long-lived and open, forgotten otherwise. */
  committed(partition: number, token: string, writes: readonly { record: TicketRecord; expireAfterMs?: number }[]): void {
    let owned = this.byPartition.get(partition);
    if (owned?.token !== token) {
      this.forget(partition);
      owned = { token, records: new Map() };
      this.byPartition.set(partition, owned);
    }
    for (const { record, expireAfterMs } of writes) {
      const key = refKey(record.ref);
      this.drop(partition, key);
      if (expireAfterMs !== undefined || record.events.length < LONG_RECORD_EVENTS) continue;
      owned.records.set(key, record);
      this.touch(`${partition}|${key}`, record.events.length);
    }
    this.evict();
  }

  /** These tickets' records may differ from what was cached (a commit that failed). */
  forgetRecords(partition: number, refs: readonly TicketRef[]): void {
    for (const ref of refs) this.drop(partition, refKey(ref));
  }

  /** The partition was claimed or rebuilt: nothing cached for it holds any more. */
  forget(partition: number): void {
    const owned = this.byPartition.get(partition);
    if (owned === undefined) return;
    for (const key of [...owned.records.keys()]) this.drop(partition, key);
    this.byPartition.delete(partition);
  }

  private drop(partition: number, key: string): void {
    const owned = this.byPartition.get(partition);
    const record = owned?.records.get(key);
    if (owned === undefined || record === undefined) return;
    owned.records.delete(key);
    this.recency.delete(`${partition}|${key}`);
    this.events -= record.events.length;
  }

  private touch(id: string, events: number): void {
    if (this.recency.delete(id)) this.events -= events;
    this.recency.set(id, events);
    this.events += events;
  }

  private evict(): void {
    for (const id of this.recency.keys()) {
      if (this.events <= MAX_CACHED_EVENTS) return;
      const bar = id.indexOf('|');
      this.drop(Number(id.slice(0, bar)), id.slice(bar + 1));
    }
  }
}
