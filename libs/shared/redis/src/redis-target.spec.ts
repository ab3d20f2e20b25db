import { ConfigError, readConfig } from '@stageplus/config';
import { bullConnection, redisOptions } from './redis-connection';
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
});
