import { ConfigError, readConfig } from '@stageplus/config';
import { Cluster } from 'ioredis';
import { bullConnection, clusterOptions, createRedis, redisOptions } from './redis-connection';
import { describeRedis, redisTarget, redisVariables } from './redis-target';

const read = (env: Record<string, string>) => redisTarget('timer', readConfig('timer', redisVariables, env));

describe('where a service finds its Redis', () => {
  it('is REDIS_URL, as before, when no Sentinel is named', () => {
    const target = read({ REDIS_URL: 'rediss://app:s%40cret@cache:6380/2' });
    expect(target).toEqual({ url: 'rediss://app:s%40cret@cache:6380/2' });
    expect(redisOptions(target)).toEqual({ host: 'cache', port: 6380, username: 'app', password: 's@cret', db: 2, tls: {} });
    expect(describeRedis(target)).toBe('cache:6380');
  });

  it('defaults to redis://127.0.0.1:6379 and reads blank Sentinel variables as unset (compose passes ${X:-})', () => {
    expect(redisOptions(read({ REDIS_SENTINELS: '', REDIS_SENTINEL_NAME: ' ' }))).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0 });
  });

  it('is the primary the Sentinels name, with REDIS_URL giving the credentials and the database', () => {
    const target = read({
      REDIS_URL: 'redis://:pw@ignored:1/1',
      REDIS_SENTINELS: '127.0.0.1:26401, sentinel-b:26402',
      REDIS_SENTINEL_NAME: 'sla-primary',
    });
    expect(redisOptions(target)).toEqual({
      sentinels: [{ host: '127.0.0.1', port: 26401 }, { host: 'sentinel-b', port: 26402 }],
      name: 'sla-primary',
      role: 'master',
      password: 'pw',
      username: undefined,
      sentinelPassword: undefined,
      db: 1,
      tls: undefined,
      enableTLSForSentinelMode: false,
      failoverDetector: true,
    });
    expect(describeRedis(target)).toBe('the primary of sla-primary (Sentinels 127.0.0.1:26401,sentinel-b:26402)');
  });

  it('gives BullMQ the same server with no per-request retry limit, so blocking commands wait out a failover', () => {
    const target = read({ REDIS_SENTINELS: '127.0.0.1:26401', REDIS_SENTINEL_NAME: 'sla-primary' });
    expect(bullConnection(target)).toMatchObject({ name: 'sla-primary', maxRetriesPerRequest: null });
  });

  it('refuses a Sentinel list without a master name, and the reverse, naming the missing variable', () => {
    expect(() => read({ REDIS_SENTINELS: '127.0.0.1:26401' })).toThrow(ConfigError);
    expect(() => read({ REDIS_SENTINELS: '127.0.0.1:26401' })).toThrow(/REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS/);
    expect(() => read({ REDIS_SENTINEL_NAME: 'sla-primary' })).toThrow(/REDIS_SENTINELS: is required with REDIS_SENTINEL_NAME/);
  });

  it('refuses a malformed Sentinel list', () => {
    expect(() => read({ REDIS_SENTINELS: '127.0.0.1', REDIS_SENTINEL_NAME: 'sla-primary' })).toThrow(/REDIS_SENTINELS: must be host:port/);
  });

  it('is a Redis Cluster with REDIS_CLUSTER_NODES, whatever REDIS_URL and the Sentinel variables say', () => {
    const target = read({
      REDIS_URL: 'rediss://app:pw@ignored:1/3',
      REDIS_CLUSTER_NODES: '127.0.0.1:7100, redis-b:7101',
      REDIS_SENTINELS: '127.0.0.1:26401',
    });
    expect(target).toEqual({ url: 'rediss://app:pw@ignored:1/3', cluster: [{ host: '127.0.0.1', port: 7100 }, { host: 'redis-b', port: 7101 }] });
    expect(describeRedis(target)).toBe('the Redis Cluster of 127.0.0.1:7100,redis-b:7101');
    const options = clusterOptions(target, { lazyConnect: true, maxRetriesPerRequest: 20 });
    // Credentials and TLS for every node; no database (a cluster has only 0), no host.
    expect(options.redisOptions).toEqual({ username: 'app', password: 'pw', tls: {}, maxRetriesPerRequest: 20 });
    expect(options.lazyConnect).toBe(true);
  });

  it('reads a blank REDIS_CLUSTER_NODES as unset', () => {
    expect(read({ REDIS_CLUSTER_NODES: ' ' })).toEqual({ url: 'redis://127.0.0.1:6379' });
  });

  it('refuses a malformed cluster node list, naming the variable', () => {
    expect(() => read({ REDIS_CLUSTER_NODES: '127.0.0.1:7100,redis-b' })).toThrow(ConfigError);
    expect(() => read({ REDIS_CLUSTER_NODES: 'redis://127.0.0.1:7100' })).toThrow(/REDIS_CLUSTER_NODES: must be host:port/);
  });

  it('gives a Cluster client, for commands and for BullMQ (which cannot open one from options)', async () => {
    const target = read({ REDIS_CLUSTER_NODES: '127.0.0.1:7100' });
    const client = createRedis(target, { lazyConnect: true });
    const bull = bullConnection(target);
    try {
      expect(client).toBeInstanceOf(Cluster);
      expect(bull).toBeInstanceOf(Cluster);
      // BullMQ refuses a blocking connection that gives up after a retry limit.
      expect((bull as Cluster).options.redisOptions?.maxRetriesPerRequest).toBeNull();
      expect((bull as Cluster).status).toBe('wait'); // lazy: nothing connects before BullMQ uses it
    } finally {
      client.disconnect();
      (bull as Cluster).disconnect();
    }
  });
});
