import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { EventPublisher } from './event-publisher';
import { createKafka } from './kafka-client';
import { ManagedConsumer } from './managed-consumer';
import { ensureTopics } from './topic-admin';

jest.setTimeout(90_000);

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('a managed consumer on the real broker', () => {
  const kafka = createKafka({ brokers, clientId: 'spec' });
  const publisher = new EventPublisher(kafka);
  const topic = `managed-consumer-${randomUUID().slice(0, 8)}`;
  const seen: number[] = [];
  const progress = new EventEmitter();
  const logs: string[] = [];
  const consumer = new ManagedConsumer({
    kafka,
    groupId: `managed-consumer-${randomUUID().slice(0, 8)}`,
    topics: [topic],
    logger: { ...quiet, error: (_fields, message) => logs.push(message ?? '') },
    sessionTimeoutMs: 6_000,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
      for (const m of batch.messages) seen.push((JSON.parse(m.value?.toString() ?? '{}') as { n: number }).n);
      resolveOffset(batch.lastOffset());
      await commitOffsetsIfNecessary();
      progress.emit('seen');
    },
    onJoin: () => progress.emit('joined'),
  });

  const until = async (event: string, done: () => boolean) => {
    const signal = AbortSignal.timeout(60_000);
    while (!done()) await once(progress, event, { signal });
  };

  beforeAll(async () => {
    await ensureTopics(kafka, [topic], 1);
    await publisher.connect();
  });

  afterAll(async () => {
    await consumer.stop();
    await publisher.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
  });

  it('replaced by a new consumer, goes on from the committed offsets in the same group: nothing skipped, nothing repeated', async () => {
    await consumer.start();
    await publisher.publish(topic, [1, 2, 3].map((n) => ({ key: 'k', value: { n } })));
    await until('seen', () => seen.length >= 3);
    const first = consumer.current;

    await consumer.replace('a test');
    expect(logs).toContain('replacing the Kafka consumer');
    expect(consumer.current).not.toBe(first);
    expect(consumer.running).toBe(true);
    await publisher.publish(topic, [4, 5].map((n) => ({ key: 'k', value: { n } })));
    await until('seen', () => seen.length >= 5);

    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(consumer.outOfGroupForMs(Date.now())).toBeNull();
  });

  it('as a reader, starts each partition where `startAt` says, sought once it has joined', async () => {
    const tail = `managed-reader-${randomUUID().slice(0, 8)}`;
    await ensureTopics(kafka, [tail], 1);
    await publisher.publish(tail, [1, 2, 3, 4, 5].map((n) => ({ key: 'k', value: { n } })));
    const read: number[] = [];
    const reader = new ManagedConsumer({
      kafka,
      groupId: `managed-reader-${randomUUID().slice(0, 8)}`,
      topics: [tail],
      logger: quiet,
      autoCommit: false,
      autoResolve: true,
      startAt: async () => [{ topic: tail, partition: 0, offset: '3' }],
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) read.push((JSON.parse(m.value?.toString() ?? '{}') as { n: number }).n);
        progress.emit('read');
      },
    });
    try {
      await reader.start();
      await until('read', () => read.length >= 2);
      expect(read).toEqual([4, 5]);
    } finally {
      await reader.stop();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [tail] }).finally(() => admin.disconnect());
    }
  });
});
