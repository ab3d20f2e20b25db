import { ConfigError, redisUrl } from '@stageplus/config';
import { z } from 'zod';

/** A Sentinel's address. */
export interface SentinelAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Where a service finds its Redis: one server (`REDIS_URL`), the primary that Sentinels name
 * (`REDIS_SENTINELS` + `REDIS_SENTINEL_NAME`), followed through failovers, or a Redis Cluster
 * (`REDIS_CLUSTER_NODES`, taking precedence over both). With Sentinels or a cluster, `REDIS_URL`
 * still gives the credentials and TLS (`rediss:`), and with Sentinels the database; its host is unused.
 */
export interface RedisTarget {
  readonly url: string;
  /** Seed nodes of a Redis Cluster; the client learns the others and the slots from them. */
  readonly cluster?: readonly SentinelAddress[];
  readonly sentinel?: {
    readonly sentinels: readonly SentinelAddress[];
    /** The master name the Sentinels monitor (`sentinel monitor <name> ...`). */
    readonly name: string;
    /** `REDIS_SENTINEL_PASSWORD`, when the Sentinels ask for one (`requirepass` in their config). */
    readonly password?: string;
  };
}

const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const hostPortList = z
  .string()
  .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d{1,5}$/.test(b)), 'must be host:port[,host:port...]')
  .transform((list) => list.map((b) => ({ host: b.slice(0, b.lastIndexOf(':')), port: Number(b.slice(b.lastIndexOf(':') + 1)) })));

/** The Redis variables, to spread into a service's configuration shape (`readConfig`). */
export const redisVariables = {
  REDIS_URL: redisUrl,
  /** Sentinels to ask for the primary, `host:port[,host:port]`; unset: `REDIS_URL` is the server. */
  REDIS_SENTINELS: z.preprocess(blankAsUnset, hostPortList.optional()),
  /** The master name the Sentinels monitor; required with `REDIS_SENTINELS`. */
  REDIS_SENTINEL_NAME: z.preprocess(blankAsUnset, z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be letters, digits and ._-').optional()),
  REDIS_SENTINEL_PASSWORD: z.preprocess(blankAsUnset, z.string().optional()),
  /**
   * Seed nodes of a Redis Cluster, `host:port[,host:port]`: every service runs on the cluster,
   * whatever `REDIS_URL` and the Sentinel variables say (docs/architecture.md, "Keys").
   */
  REDIS_CLUSTER_NODES: z.preprocess(blankAsUnset, hostPortList.optional()),
};

type RedisVariables = z.infer<z.ZodObject<typeof redisVariables>>;

/**
 * The service's Redis, from its validated variables.
 *
 * @throws ConfigError when only one of `REDIS_SENTINELS` and `REDIS_SENTINEL_NAME` is set (and
 *   no `REDIS_CLUSTER_NODES`).
 */
export function redisTarget(service: string, vars: RedisVariables): RedisTarget {
  const { REDIS_URL: url, REDIS_SENTINELS: sentinels, REDIS_SENTINEL_NAME: name, REDIS_SENTINEL_PASSWORD: password } = vars;
  if (vars.REDIS_CLUSTER_NODES !== undefined) return { url, cluster: vars.REDIS_CLUSTER_NODES };
  if (sentinels === undefined && name === undefined) return { url };
  if (sentinels === undefined || name === undefined) {
    const missing = sentinels === undefined ? 'REDIS_SENTINELS' : 'REDIS_SENTINEL_NAME';
    const other = sentinels === undefined ? 'REDIS_SENTINEL_NAME' : 'REDIS_SENTINELS';
    throw new ConfigError(service, [{ variable: missing, message: `is required with ${other}` }]);
  }
  return { url, sentinel: { sentinels, name, ...(password === undefined ? {} : { password }) } };
}

/** Where it connects, for logs and errors; never the credentials. */
export function describeRedis(target: RedisTarget): string {
  if (target.cluster !== undefined) return `the Redis Cluster of ${target.cluster.map((n) => `${n.host}:${n.port}`).join(',')}`;
  if (target.sentinel === undefined) return new URL(target.url).host;
  const { name, sentinels } = target.sentinel;
  return `the primary of ${name} (Sentinels ${sentinels.map((s) => `${s.host}:${s.port}`).join(',')})`;
}
