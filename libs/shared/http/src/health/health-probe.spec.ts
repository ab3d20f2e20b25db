import { brokerCheck, consumerCheck, down, readyBody, redisCheck, up } from './health-probe';

describe('the shared readiness shape', () => {
  it('is ready only when every check is up, keeping the service and its extra fields', () => {
    expect(readyBody('timer', { checks: { redis: up() }, extra: { partitions: [0, 2] } })).toEqual({
      status: 'ready',
      service: 'timer',
      checks: { redis: { status: 'up' } },
      partitions: [0, 2],
    });
    expect(readyBody('timer', { checks: { redis: up(), producer: down('the Kafka producer is not connected') } }).status).toBe('not-ready');
  });

  it('never lets an extra field overwrite the status, the service or the checks', () => {
    expect(readyBody('intake', { checks: {}, extra: { status: 'ready', service: 'x', checks: 'x' } })).toEqual({ status: 'ready', service: 'intake', checks: {} });
  });

  it('says why a consumer is down: crashed for good, not running, or stuck on named partitions', () => {
    const consumer = (healthy: boolean, fatalCrash: string | null, stuck: string[] = []) => ({ healthy, fatalCrash, stuckPartitions: () => stuck });
    expect(consumerCheck(consumer(true, null))).toEqual({ status: 'up' });
    expect(consumerCheck(consumer(false, 'broker gone'))).toEqual({ status: 'down', detail: 'the consumer stopped: broker gone' });
    expect(consumerCheck(consumer(false, null))).toEqual({ status: 'down', detail: 'the consumer is not running' });
    expect(consumerCheck(consumer(true, null, ['t/0', 't/2']))).toEqual({ status: 'down', detail: 'stuck retrying a batch: t/0, t/2' });
    expect(consumerCheck({ ...consumer(true, null), outOfGroup: () => 'not in its consumer group for 31 s (rebalancing or restarting)' })).toEqual({
      status: 'down',
      detail: 'not in its consumer group for 31 s (rebalancing or restarting)',
    });
  });

  it('says the broker is down since when, and why, or up', () => {
    const since = Date.parse('2026-11-29T10:00:00Z');
    expect(brokerCheck({ reachability: { reachable: true, since, detail: '1 broker answered' } })).toEqual({ status: 'up' });
    expect(brokerCheck({ reachability: { reachable: false, since, detail: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092' } })).toEqual({
      status: 'down',
      detail: 'no Kafka broker answers since 2026-11-29T10:00:00.000Z: Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    });
  });

  it('counts Redis down when it does not answer PING in time, or the connection is not ready', async () => {
    const hung = { status: 'ready', ping: () => new Promise<string>(() => undefined) };
    expect(await redisCheck(hung, 20)).toEqual({ status: 'down', detail: 'Redis did not answer PING within 20 ms' });
    expect(await redisCheck({ status: 'reconnecting', ping: async () => 'PONG' })).toEqual({ status: 'down', detail: 'Redis connection is reconnecting' });
    expect(await redisCheck({ status: 'ready', ping: async () => 'PONG' })).toEqual({ status: 'up' });
  });
});
