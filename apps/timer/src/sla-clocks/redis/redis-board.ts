import type { Redis } from 'ioredis';
import type { BoardEntry, BoardPosition, BoardQuery } from '../keeper/ports';
import { decodeRecord } from '../ticket-record/ticket-record';
import { refOfKey } from '../ticket-ref';
import type { PartitionKeys } from './partition-keys';

/** Index entries read per round trip while looking for a page's entries in one partition. */
const CHUNK = 500;

const after = (a: BoardPosition, b: BoardPosition): boolean => a.score > b.score || (a.score === b.score && a.key > b.key);
const byPosition = (a: BoardPosition, b: BoardPosition): number => a.score - b.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * A page of a board: the first `limit` entries after the position in each partition's index
 * (a sorted set, ties by member), merged across partitions, with their records. A tenant's page
 * skips other tenants' entries as it reads, so its cost grows with the entries it passes over.
 * Records gone since (a ticket closed and expired) are left out.
 */
export async function readBoard(redis: Redis, keys: PartitionKeys, query: BoardQuery): Promise<BoardEntry[]> {
  const key = query.index === 'due' ? keys.due.bind(keys) : keys.paused.bind(keys);
  const found = await Promise.all(query.partitions.map(async (p) => (await entriesOf(redis, key(p), query)).map((position) => ({ p, position }))));
  const page = found.flat().sort((a, b) => byPosition(a.position, b.position)).slice(0, query.limit);
  if (page.length === 0) return [];
  // One MGET per partition: a partition's keys share a hash tag, so this holds on Redis Cluster too.
  const values = new Map<string, string | null>();
  const byPartition = new Map<number, typeof page>();
  for (const e of page) byPartition.set(e.p, [...(byPartition.get(e.p) ?? []), e]);
  await Promise.all(
    [...byPartition].map(async ([p, entries]) => {
      const got = await redis.mget(entries.map((e) => keys.record(p, refOfKey(e.position.key))));
      entries.forEach((e, i) => values.set(e.position.key, got[i]));
    }),
  );
  return page.flatMap(({ position }) => {
    const value = values.get(position.key) ?? null;
    return value === null ? [] : [{ position, record: decodeRecord(refOfKey(position.key), value) }];
  });
}

/**
 * The first `limit` entries of one index after the query's position, for its tenant. Reads in
 * chunks from a score cursor: each chunk starts at the last score read, skipping only the entries
 * at that score already seen (many tickets share an instant: business hours open at 08:30 for all).
 * An offset from the start instead made Redis walk every entry before it again at each chunk:
 * quadratic for a small tenant's page behind a large one's tickets, and Redis is the timer's too.
 */
async function entriesOf(redis: Redis, key: string, query: BoardQuery): Promise<BoardPosition[]> {
  const out: BoardPosition[] = [];
  const tenantPrefix = query.tenantId === undefined ? null : `${query.tenantId}|`;
  let min = query.after === null ? '-inf' : String(query.after.score);
  let skip = 0; // entries at score `min` already read
  for (;;) {
    const flat = await redis.zrangebyscore(key, min, '+inf', 'WITHSCORES', 'LIMIT', skip, CHUNK);
    for (let i = 0; i < flat.length; i += 2) {
      const position = { key: flat[i], score: Number(flat[i + 1]) };
      if (query.after !== null && !after(position, query.after)) continue;
      if (tenantPrefix !== null && !position.key.startsWith(tenantPrefix)) continue;
      out.push(position);
      if (out.length >= query.limit) return out;
    }
    if (flat.length < CHUNK * 2) return out;
    const last = flat[flat.length - 1];
    let atLast = 0;
    for (let i = flat.length - 1; i > 0 && flat[i] === last; i -= 2) atLast += 1;
    skip = last === min ? skip + atLast : atLast;
    min = last;
  }
}
