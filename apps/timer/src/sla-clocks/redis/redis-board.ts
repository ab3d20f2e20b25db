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
 * reads that tenant's own indexes (`due:<tenant>`, `paused:<tenant>`), so it costs its own
 * tickets, however many other tenants have; the all-tenant board reads the shared ones.
 * Records gone since (a ticket closed and expired) are left out.
 */
export async function readBoard(redis: Redis, keys: PartitionKeys, query: BoardQuery): Promise<BoardEntry[]> {
  const { tenantId } = query;
  const key =
    query.index === 'due'
      ? (p: number) => (tenantId === undefined ? keys.due(p) : keys.dueOf(p, tenantId))
      : (p: number) => (tenantId === undefined ? keys.paused(p) : keys.pausedOf(p, tenantId));
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
 * The first `limit` entries of one index after the query's position. Reads in chunks from a score
 * cursor: each chunk starts at the last score read, skipping only the entries at that score
 * already seen (many tickets share an instant: business hours open at 08:30 for all), so a page
 * after a cursor costs the entries at the cursor's instant at most, not all those before it.
 */
async function entriesOf(redis: Redis, key: string, query: BoardQuery): Promise<BoardPosition[]> {
  const out: BoardPosition[] = [];
  // Every entry read is on the page unless it is at or before the cursor: the first chunk asks for
  // the page only; later ones (entries at the cursor's instant passed over) read wider.
  let chunk = Math.min(CHUNK, query.limit);
  let min = query.after === null ? '-inf' : String(query.after.score);
  let skip = 0; // entries at score `min` already read
  for (;;) {
    const flat = await redis.zrangebyscore(key, min, '+inf', 'WITHSCORES', 'LIMIT', skip, chunk);
    for (let i = 0; i < flat.length; i += 2) {
      const position = { key: flat[i], score: Number(flat[i + 1]) };
      if (query.after !== null && !after(position, query.after)) continue;
      out.push(position);
      if (out.length >= query.limit) return out;
    }
    if (flat.length < chunk * 2) return out;
    chunk = CHUNK;
    const last = flat[flat.length - 1];
    let atLast = 0;
    for (let i = flat.length - 1; i > 0 && flat[i] === last; i -= 2) atLast += 1;
    skip = last === min ? skip + atLast : atLast;
    min = last;
  }
}
