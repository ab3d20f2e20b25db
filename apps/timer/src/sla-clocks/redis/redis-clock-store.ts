import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { FencedOut, StateLost, type BoardEntry, type BoardQuery, type ClockStore, type DueRecords, type RecordWrite } from '../keeper/ports';
import type { PauseReader } from '../ticket-record/paused-since';
import { decodeRecord, encodeRecord, type TicketRecord } from '../ticket-record/ticket-record';
import { refKey, refOfKey, type TicketRef } from '../ticket-ref';
import { PartitionKeys } from './partition-keys';
import { readBoard } from './redis-board';
import { commitArguments } from './commit-arguments';
import { dueRecordsOf } from './load-due';
import { OwnedRecords } from './owned-records';
import { define, type Script } from './redis-scripts';

const script = (name: string): string => readFileSync(join(__dirname, `${name}.lua`), 'utf8');

/** Records written per pipelined chunk during a rebuild. */
const RESTORE_CHUNK = 2_000;

/**
 * The ticket records in Redis, one string per ticket (`ticket-record.ts`), sharded by partition
 * (`partition-keys.ts`). A load is one round trip for a whole batch (the fence and all records;
 * a wake-up's with the due index too); a commit is one script call that checks the fence and writes every record with its
 * index entries: the partition's due and paused indexes, and the same per tenant, so that a
 * tenant's board reads its own tickets only (`redis-board.ts`).
 */
export class RedisClockStore implements ClockStore {
  private readonly keys: PartitionKeys;
  private readonly commitScript: Script;
  private readonly claimScript: Script;
  private readonly restoreScript: Script;
  private readonly clearScript: Script;
  private readonly loadDueScript: Script<number | (string | null)[]>;
  private readonly owned = new OwnedRecords();

  /**
   * @param pausedSince what the paused index keeps of a record: its pause under the version
   *   governing the ticket (`governedPause`), so that a policy version or a correction is read as
   *   the keeper reads it
   */
  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly pausedSince: PauseReader,
  ) {
    this.keys = new PartitionKeys(prefix);
    this.commitScript = define(redis, 'slaCommitRecords', script('commit-records'));
    this.claimScript = define(redis, 'slaClaimPartition', script('claim-partition'));
    this.restoreScript = define(redis, 'slaRestorePartition', script('restore-partition'));
    this.clearScript = define(redis, 'slaClearIndexes', script('clear-indexes'));
    this.loadDueScript = define(redis, 'slaLoadDue', script('load-due'));
  }

  /** The fence is checked on every load; only the records not committed here under `token` are read (`OwnedRecords`). */
  async load(partition: number, token: string, refs: readonly TicketRef[]): Promise<Map<string, TicketRecord>> {
    const { hits: records, misses } = this.owned.take(partition, token, refs);
    const pipeline = this.redis.pipeline().exists(this.keys.built(partition)).get(this.keys.epoch(partition));
    if (misses.length > 0) pipeline.mget(misses.map((ref) => this.keys.record(partition, ref)));
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const [[, built], [, epoch]] = results as [unknown, unknown][];
    if (built !== 1) throw new StateLost(partition);
    if (epoch !== token) throw new FencedOut(partition);
    const values = (misses.length > 0 ? results[2][1] : []) as (string | null)[];
    misses.forEach((ref, i) => {
      const value = values[i];
      if (value !== null) records.set(refKey(ref), decodeRecord(ref, value));
    });
    return records;
  }

  async commit(partition: number, token: string, writes: readonly RecordWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const { keys, args } = commitArguments(this.keys, partition, token, writes, this.pausedSince);
    let result: unknown;
    try {
      result = await this.commitScript(keys.length, ...keys, ...args);
    } catch (error) {
      this.owned.forgetRecords(partition, writes.map((w) => w.record.ref)); // it may or may not have happened
      throw error;
    }
    if (result === 0 || result === -1) this.owned.forget(partition);
    if (result === 0) throw new StateLost(partition);
    if (result === -1) throw new FencedOut(partition);
    this.owned.committed(partition, token, writes);
  }

  async read(partition: number, ref: TicketRef): Promise<TicketRecord | null> {
    const value = await this.redis.get(this.keys.record(partition, ref));
    return value === null ? null : decodeRecord(ref, value);
  }

  async claim(partition: number, token: string): Promise<'intact' | 'lost'> {
    this.owned.forget(partition);
    const intact = await this.claimScript(3, this.keys.epoch(partition), this.keys.built(partition), this.keys.legacyBuilt(partition), token);
    return intact === 1 ? 'intact' : 'lost';
  }

  /**
   * Clears the partition's indexes (what a rebuild replaces: state from before, possibly of the
   * layout without per-tenant indexes), writes the records and their index entries in pipelined
   * chunks, then marks the partition built.
   */
  async restore(partition: number, token: string, records: readonly TicketRecord[]): Promise<void> {
    this.owned.forget(partition);
    await this.clearIndexes(partition, token);
    for (let i = 0; i < records.length; i += RESTORE_CHUNK) {
      const pipeline = this.redis.pipeline();
      const tenants = new Set<string>();
      for (const record of records.slice(i, i + RESTORE_CHUNK)) {
        const { ref } = record;
        tenants.add(ref.tenantId);
        pipeline.set(this.keys.record(partition, ref), encodeRecord(record));
        if (record.armedAt !== null) {
          pipeline.zadd(this.keys.due(partition), record.armedAt, refKey(ref)).zadd(this.keys.dueOf(partition, ref.tenantId), record.armedAt, refKey(ref));
        }
        const since = this.pausedSince(record);
        if (since !== null) pipeline.zadd(this.keys.paused(partition), since, refKey(ref)).zadd(this.keys.pausedOf(partition, ref.tenantId), since, refKey(ref));
      }
      if (tenants.size > 0) pipeline.sadd(this.keys.tenants(partition), ...tenants);
      const results = (await pipeline.exec()) ?? [];
      for (const [error] of results) if (error) throw error;
    }
    const result = await this.restoreScript(3, this.keys.epoch(partition), this.keys.built(partition), this.keys.legacyBuilt(partition), token);
    if (result === -1) throw new FencedOut(partition);
  }

  /** The start of a rebuild (`clear-indexes.lua`): every index removed, if `token` owns the partition (nobody commits meanwhile: no "built" marker). */
  private async clearIndexes(partition: number, token: string): Promise<void> {
    const tenants = await this.redis.smembers(this.keys.tenants(partition));
    const keys = [
      this.keys.epoch(partition),
      this.keys.built(partition),
      this.keys.legacyBuilt(partition),
      this.keys.due(partition),
      this.keys.paused(partition),
      this.keys.tenants(partition),
      ...tenants.flatMap((t) => [this.keys.dueOf(partition, t), this.keys.pausedOf(partition, t)]),
    ];
    const result = await this.clearScript(keys.length, ...keys, token);
    if (result === -1) throw new FencedOut(partition);
  }

  async due(partition: number, until: number, limit: number): Promise<TicketRef[]> {
    const members = await this.redis.zrangebyscore(this.keys.due(partition), '-inf', until, 'LIMIT', 0, limit);
    return members.map(refOfKey);
  }

  async loadDue(partition: number, token: string, until: number, limit: number): Promise<DueRecords | 'more'> {
    const result = await this.loadDueScript(3, this.keys.built(partition), this.keys.epoch(partition), this.keys.due(partition), token, until, limit, this.keys.recordPrefix(partition));
    if (result === 0) throw new StateLost(partition);
    if (result === -1) throw new FencedOut(partition);
    return result === -2 ? 'more' : dueRecordsOf(result as (string | null)[]);
  }

  async firstDueAfter(partition: number, after: number): Promise<number | null> {
    const from = Number.isFinite(after) ? `(${after}` : '-inf';
    const [, score] = await this.redis.zrangebyscore(this.keys.due(partition), from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
    return score === undefined ? null : Number(score);
  }

  async open(partition: number): Promise<TicketRef[]> {
    const [due, paused] = await Promise.all([this.redis.zrange(this.keys.due(partition), 0, -1), this.redis.zrange(this.keys.paused(partition), 0, -1)]);
    return [...new Set([...due, ...paused])].sort().map(refOfKey);
  }

  async check(owned: ReadonlyMap<number, string>): Promise<Map<number, 'intact' | 'lost' | 'taken'>> {
    const partitions = [...owned.keys()];
    const pipeline = this.redis.pipeline();
    for (const p of partitions) pipeline.exists(this.keys.built(p)).get(this.keys.epoch(p));
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const state = (built: unknown, epoch: unknown, p: number) => (built !== 1 ? 'lost' : epoch === owned.get(p) ? 'intact' : 'taken');
    return new Map(partitions.map((p, i) => [p, state(results[i * 2][1], results[i * 2 + 1][1], p)]));
  }

  board(query: BoardQuery): Promise<BoardEntry[]> {
    return readBoard(this.redis, this.keys, query);
  }

  /** The prefix of everything of a partition, for the BullMQ queue to share its hash tag. */
  partitionPrefix(partition: number): string {
    return this.keys.of(partition);
  }
}
