import type { PrivateRedis } from '../support/private-redis';
import { fmt } from '../support/stats';

/**
 * Where the bytes are: every key of the private Redis grouped by shape (the run id, ticket ids,
 * digests and numbers blanked out), with its count and `MEMORY USAGE` per ticket. `MEMORY USAGE`
 * counts a key's value and dictionary entry, not the expiry entry or allocator rounding, so the
 * sum is below the `used_memory` delta: it explains it, it does not replace it.
 */
export async function keyBreakdown(redis: PrivateRedis, runId: string, tenants: readonly string[], tickets: number): Promise<string[]> {
  const client = redis.client();
  try {
    const groups = new Map<string, { keys: number; bytes: number }>();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'COUNT', 1_000);
      cursor = next;
      if (keys.length === 0) continue;
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', '0');
      const sizes = (await pipeline.exec()) ?? [];
      keys.forEach((key, i) => {
        const shape = key
          .replaceAll(runId, '<run>')
          .replace(new RegExp(tenants.join('|'), 'g'), '<tenant>')
          .replace(/\{p\d+\}/g, '{p<n>}')
          .replace(/T-\d+/g, '<ticket>')
          .replace(/\b[0-9a-f]{16,}\b/g, '<digest>')
          .replace(/\b\d+\b/g, '<n>');
        const group = groups.get(shape) ?? { keys: 0, bytes: 0 };
        group.keys++;
        group.bytes += Number(sizes[i]?.[1] ?? 0);
        groups.set(shape, group);
      });
    } while (cursor !== '0');
    return [...groups]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, 10)
      .map(([shape, g]) => `${shape}: ${fmt(g.keys)} keys, ${fmt(g.bytes / tickets, 1)} bytes per ticket (MEMORY USAGE)`);
  } finally {
    client.disconnect();
  }
}
