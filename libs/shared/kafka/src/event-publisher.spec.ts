import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { EventPublisher, MAX_SEND_BYTES } from './event-publisher';
import { createKafka } from './kafka-client';
import { ensureTopics } from './topic-admin';

jest.setTimeout(60_000);

// This lib sits below the shared testing helpers (which use it), so the spec brings its own.
const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** The first `count` messages of a topic, in order; fails after a deadline. */
async function readMessages(topic: string, count: number): Promise<KafkaMessage[]> {
  const seen: KafkaMessage[] = [];
  const progress = new EventEmitter();
  const kafka = new Kafka({ brokers, clientId: 'spec-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen.push(message);
      progress.emit('message');
    },
  });
  try {
    const signal = AbortSignal.timeout(30_000);
    while (seen.length < count) await once(progress, 'message', { signal });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

describe('EventPublisher on the real broker', () => {
  const kafka = createKafka({ brokers, clientId: 'spec' });
  const publisher = new EventPublisher(kafka);
  const topics = [uniqueName('publisher-split'), uniqueName('publisher-key')];

  beforeAll(async () => {
    await ensureTopics(kafka, topics, 1);
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).finally(() => admin.disconnect());
  });

  it('splits a send larger than the broker takes in one record batch, and keeps its order', async () => {
    const count = 3_000;
    const padding = 'x'.repeat(1_000);
    expect(count * padding.length).toBeGreaterThan(2 * MAX_SEND_BYTES);
    await publisher.publish(topics[0], Array.from({ length: count }, (_, n) => ({ key: 'one-partition', value: { n, padding } })));
    const seen = await readMessages(topics[0], count);
    expect(seen.map((m) => (JSON.parse(m.value?.toString() ?? '{}') as { n: number }).n)).toEqual(Array.from({ length: count }, (_, n) => n));
  });

  it('takes a key as bytes, so that a record can be keyed exactly like another one', async () => {
    const key = Buffer.from([0xff, 0x00, 0x7f]);
    await publisher.publish(topics[1], [{ key, value: { n: 1 } }]);
    const [message] = await readMessages(topics[1], 1);
    expect(message.key?.equals(key)).toBe(true);
  });
});
