import { Cluster, Redis } from 'ioredis';
import { keySlot, pipelineParts } from './cluster-slots';

describe('cluster slots', () => {
  it('hashes a key as Redis does (CLUSTER KEYSLOT), by its hash tag when it has one', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('bar')).toBe(5061);
    expect(keySlot('sla:timer:{p3}:due')).toBe(keySlot('p3'));
    expect(keySlot('sla:timer:{p3}:t:acme|T-1')).toBe(keySlot('sla:timer:{p3}:epoch'));
    expect(keySlot('a{}b')).toBe(keySlot('a{}b')); // an empty tag: the whole key
    expect(keySlot('a{}{b}')).not.toBe(keySlot('b'));
  });

  it('keeps one pipeline on one server', () => {
    const redis = new Redis({ lazyConnect: true });
    expect(pipelineParts(redis, ['a', 'b', 'c'], (k) => k)).toEqual([['a', 'b', 'c']]);
    expect(pipelineParts(redis, [], (k) => k)).toEqual([]);
    redis.disconnect();
  });

  it('splits a pipeline by master on a cluster, keeping the order within each part', () => {
    const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });
    const [foo, bar] = [keySlot('foo'), keySlot('bar')];
    cluster.slots[foo] = ['127.0.0.1:7100'];
    cluster.slots[bar] = ['127.0.0.1:7100'];
    cluster.slots[keySlot('p1')] = ['127.0.0.1:7101', '127.0.0.1:7104'];
    const parts = pipelineParts(cluster, ['foo', '{p1}x', 'bar', '{p1}y', 'unknown'], (k) => k);
    expect(parts).toEqual([['foo', 'bar'], ['{p1}x', '{p1}y'], ['unknown']]);
    cluster.disconnect();
  });
});
