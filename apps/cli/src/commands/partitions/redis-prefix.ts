import { Cluster, type Redis } from 'ioredis';

/** `*`, `?`, `[`, `]` and `\` taken literally in a SCAN pattern. */
function literal(prefix: string): string {
  return prefix.replace(/[*?[\]\\]/g, '\\$&');
}

/** Scans one server for the keys matching `pattern` and unlinks them; returns how many. */
async function deleteOn(node: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    // One UNLINK per key, pipelined: on a cluster node the keys of one batch sit in different slots.
    const replies = keys.length === 0 ? [] : ((await node.pipeline(keys.map((key) => ['unlink', key])).exec()) ?? []);
    for (const [error, count] of replies) {
      if (error) throw error;
      deleted += Number(count);
    }
  } while (cursor !== '0');
  return deleted;
}

/**
 * Deletes every key that starts with `prefix`: on a single server (or the primary Sentinels give),
 * or on each master of a Redis Cluster. Returns how many keys went.
 */
export async function deleteKeysWithPrefix(redis: Redis | Cluster, prefix: string): Promise<number> {
  const pattern = `${literal(prefix)}*`;
  if (!(redis instanceof Cluster)) return deleteOn(redis, pattern);
  // The masters are known once the client has the slots: before, `nodes` is empty and nothing would go.
  await redis.ping();
  let deleted = 0;
  for (const node of redis.nodes('master')) deleted += await deleteOn(node, pattern);
  return deleted;
}
