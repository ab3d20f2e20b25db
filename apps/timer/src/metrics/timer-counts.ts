import type { TimerCounts } from '@stageplus/metrics';
import { pipelineParts, type RedisClient } from '@stageplus/redis';
import { PartitionKeys } from '../sla-clocks/redis/partition-keys';

/**
 * The gauges' counts for the partitions this member owns, in one pipelined round trip (on Redis
 * Cluster one per master, concurrently: a partition's indexes share its slot): three
 * commands per partition on its indexes (`ZCARD` is O(1); `ZINTERCARD` of the two indexes is
 * linear in the smaller one, the paused tickets).
 *
 * Open tickets are those the timer watches: a threshold ahead (the due index) or a paused clock
 * (the paused index), each counted once. A ticket past its last threshold and not yet closed is
 * in neither, so it is not counted: it has nothing left to fire.
 */
export async function timerCounts(redis: RedisClient, prefix: string, partitions: readonly number[]): Promise<TimerCounts> {
  const keys = new PartitionKeys(prefix);
  const counts = new Map<number, [number, number, number]>();
  const count = async (part: readonly number[]): Promise<void> => {
    const pipeline = redis.pipeline();
    for (const p of part) {
      pipeline.zcard(keys.due(p)).zcard(keys.paused(p)).call('ZINTERCARD', 2, keys.due(p), keys.paused(p));
    }
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const value = (i: number) => Number(results[i][1]);
    part.forEach((p, i) => counts.set(p, [value(i * 3), value(i * 3 + 1), value(i * 3 + 2)]));
  };
  await Promise.all(pipelineParts(redis, partitions, (p) => keys.due(p)).map(count));
  const openTickets = new Map<number, number>();
  const pendingThresholds = new Map<number, number>();
  const pausedTickets = new Map<number, number>();
  partitions.forEach((p) => {
    const [due, paused, both] = counts.get(p) ?? [0, 0, 0];
    pendingThresholds.set(p, due);
    pausedTickets.set(p, paused);
    openTickets.set(p, due + paused - both);
  });
  return { openTickets, pendingThresholds, pausedTickets };
}
