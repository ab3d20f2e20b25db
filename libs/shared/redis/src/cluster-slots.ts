import { Cluster } from 'ioredis';
import type { RedisClient } from './redis-connection';

const SLOTS = 16384;

/** CRC16-XMODEM, Redis Cluster's key hash. */
function crc16(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/**
 * The cluster slot of a key, as Redis computes it (`CLUSTER KEYSLOT`): of its hash tag, the part
 * between the first `{` and the next `}` when that is not empty, else of the whole key.
 */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  return crc16(Buffer.from(hashed, 'utf8')) % SLOTS;
}

/**
 * `items` split so that each part may go in one pipeline, in their order within each part: all of
 * them on one server; on a cluster, those whose keys' slots one master serves (ioredis refuses a
 * pipeline across masters). Slots whose master is not known yet are a part each.
 */
export function pipelineParts<T>(redis: RedisClient, items: readonly T[], keyOf: (item: T) => string): T[][] {
  if (!(redis instanceof Cluster)) return items.length === 0 ? [] : [[...items]];
  const parts = new Map<string, T[]>();
  for (const item of items) {
    const slot = keySlot(keyOf(item));
    const owner = redis.slots[slot]?.[0] ?? `slot ${slot}`;
    const part = parts.get(owner);
    if (part === undefined) parts.set(owner, [item]);
    else part.push(item);
  }
  return [...parts.values()];
}
