import type { AdapterLogger } from '@stageplus/kafka';
import type { RedisClient } from '@stageplus/redis';
import { Cluster, Redis } from 'ioredis';
import { RedisClockStore } from '../redis/redis-clock-store';
import { ensureRedisHz } from '../redis/redis-settings';

/**
 * The clock store on a Redis Cluster. Each partition's keys share its hash tag (`partition-keys.ts`),
 * so every command, script and pipeline of one partition stays in one slot; only the ownership
 * check pipelines across partitions, and ioredis refuses a pipeline across masters: here it is one
 * check per partition, concurrently (the same answers, a round trip per master at worst).
 */
export class ClusterClockStore extends RedisClockStore {
  override async check(owned: ReadonlyMap<number, string>): Promise<Map<number, 'intact' | 'lost' | 'taken'>> {
    const states = await Promise.all([...owned].map(([p, token]) => super.check(new Map([[p, token]]))));
    return new Map(states.flatMap((state) => [...state]));
  }
}

/** The store for the client: one pipeline for every partition's check on one server or Sentinels. */
export function clockStoreOn(redis: RedisClient, ...args: DropFirst<ConstructorParameters<typeof RedisClockStore>>): RedisClockStore {
  // The store's commands are those of both clients; its type names the single-server one.
  return redis instanceof Cluster ? new ClusterClockStore(redis as unknown as Redis, ...args) : new RedisClockStore(redis, ...args);
}

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;

/**
 * `hz` on every node of a cluster (masters and replicas: a replica promoted must wake BullMQ's
 * delayed jobs as promptly; the client connects to masters only, so replicas get a short-lived
 * connection of their own), on one server otherwise.
 */
export async function ensureHzEverywhere(redis: RedisClient, wanted: number, logger: AdapterLogger): Promise<void> {
  if (!(redis instanceof Cluster)) return ensureRedisHz(redis, wanted, logger);
  try {
    await redis.ping(); // waits for the slots: the nodes are known after
  } catch (error) {
    logger.warn({ err: (error as Error).message }, `could not reach the Redis Cluster to set hz to ${wanted}`);
    return;
  }
  await Promise.all(redis.nodes('all').map((node) => ensureRedisHz(node, wanted, logger)));
  // The client connects to masters only: the replicas, as CLUSTER NODES lists them, one by one.
  const known = new Set(redis.nodes('all').map((n) => `${n.options.host}:${n.options.port}`));
  const listing = (await redis.nodes('master')[0]?.call('CLUSTER', 'NODES').catch(() => '')) as string | undefined;
  const others = (listing ?? '')
    .split('\n')
    .map((line) => line.split(' ')[1]?.split('@')[0])
    .filter((address): address is string => address !== undefined && /:\d+$/.test(address) && !known.has(address));
  await Promise.all(
    others.map(async (address) => {
      const port = Number(address.slice(address.lastIndexOf(':') + 1));
      const node = new Redis({ ...redis.options.redisOptions, host: address.slice(0, address.lastIndexOf(':')), port, lazyConnect: true, maxRetriesPerRequest: 1 });
      node.on('error', () => undefined);
      try {
        await ensureRedisHz(node, wanted, logger);
      } finally {
        node.disconnect();
      }
    }),
  );
}

/** Sets `hz` on each node a cluster client connects to from now on. */
export function followClusterNodes(redis: RedisClient, wanted: number, logger: AdapterLogger): void {
  if (redis instanceof Cluster) redis.on('+node', (node: Redis) => void ensureRedisHz(node, wanted, logger));
}
