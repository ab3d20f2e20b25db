import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from './redis-target';

/**
 * The ioredis options of a target. With Sentinels, ioredis asks them for the primary, checks the
 * server it reaches is one (a demoted primary is left), and on a failover reconnects to the one
 * they promote: `failoverDetector` listens for their `+switch-master`, so a primary that is
 * still reachable but demoted is left at once rather than at its next error.
 */
export function redisOptions(target: RedisTarget, extra: RedisOptions = {}): RedisOptions {
  const u = new URL(target.url);
  const common: RedisOptions = {
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
  // A cluster has database 0 only; its nodes are the cluster's, REDIS_URL's host is unused.
  if (target.cluster !== undefined) return { username: common.username, password: common.password, tls: common.tls, ...extra };
  if (target.sentinel === undefined) return { ...common, host: u.hostname, port: Number(u.port || 6379), ...extra };
  return {
    ...common,
    sentinels: target.sentinel.sentinels.map((s) => ({ host: s.host, port: s.port })),
    name: target.sentinel.name,
    role: 'master',
    sentinelPassword: target.sentinel.password,
    enableTLSForSentinelMode: u.protocol === 'rediss:',
    failoverDetector: true,
    ...extra,
  };
}

/**
 * The ioredis Cluster options of a cluster target. A command whose master is down is retried while
 * its replica is promoted (`cluster-node-timeout` plus an election: a few seconds), rather than
 * failing after ioredis's default 16 tries 100 ms apart.
 */
export function clusterOptions(target: RedisTarget, extra: RedisOptions = {}): ClusterOptions {
  const { lazyConnect, ...node } = extra;
  return {
    redisOptions: redisOptions(target, node),
    lazyConnect,
    retryDelayOnFailover: 250,
    retryDelayOnClusterDown: 250,
    retryDelayOnTryAgain: 250,
    maxRedirections: 64,
    // After a failover the new master is learnt from the nodes at once (a moved slot, a closed
    // connection); the periodic refresh is the fallback.
    slotsRefreshInterval: 2_000,
  };
}

/** A Redis client, or a cluster's: the commands every service uses are common to both. */
export type RedisClient = Redis | Cluster;

/**
 * A client of the target (an ioredis `Cluster` for `REDIS_CLUSTER_NODES`); `extra` adds or
 * overrides ioredis options (`lazyConnect`, retries; on a cluster, of each node's connection).
 * On a cluster a multi-key command, script or pipeline must keep to one slot: hash-tag its keys.
 */
export function createRedis(target: RedisTarget, extra: RedisOptions = {}): RedisClient {
  if (target.cluster !== undefined) return new Cluster([...target.cluster], clusterOptions(target, extra));
  return new Redis(redisOptions(target, extra));
}

/**
 * BullMQ's connection for the target. Options for one server or Sentinels: BullMQ opens its own
 * clients from them. On a cluster BullMQ cannot open one from options: a `Cluster` client (lazy),
 * which every queue and worker given it shares (workers duplicate it for their blocking
 * commands) and the caller closes (`quit`) after them; queue prefixes must carry a hash tag.
 * Blocking commands must wait out a failover rather than fail after a retry limit.
 */
export function bullConnection(target: RedisTarget): RedisOptions | Cluster {
  if (target.cluster !== undefined) return new Cluster([...target.cluster], clusterOptions(target, { maxRetriesPerRequest: null, lazyConnect: true }));
  return redisOptions(target, { maxRetriesPerRequest: null });
}
