import { Redis, type RedisOptions } from 'ioredis';
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

/** A client of the target; `extra` adds or overrides ioredis options (`lazyConnect`, retries). */
export function createRedis(target: RedisTarget, extra: RedisOptions = {}): Redis {
  return new Redis(redisOptions(target, extra));
}

/**
 * BullMQ's connection options for the target: BullMQ opens its own clients from them, and its
 * blocking commands must wait out a failover rather than fail after a retry limit.
 */
export function bullConnection(target: RedisTarget): RedisOptions {
  return redisOptions(target, { maxRetriesPerRequest: null });
}
