import { randomBytes } from 'node:crypto';
import { ensureTopics } from '@stageplus/kafka';
import { sleep, until } from './stats';
import { stockKafkajs } from './stock-kafkajs';

const { CompressionTypes, Kafka, logLevel, Partitioners } = stockKafkajs();

export interface HopReport {
  readonly messages: number;
  /** First send to last receipt (ms). */
  readonly ms: number;
  readonly perSecond: number;
}

/**
 * The floor under any pipeline on this broker, with kafkajs as shipped (`stockKafkajs`): the same
 * number of messages, keyed and sized like ticket events, produced as intake produces (idempotent, `acks: -1`, batches of `batchSize`
 * from `concurrency` senders) and consumed by one plain kafkajs consumer, on a throwaway topic
 * with the services' 3 partitions.
 */
export async function kafkaHop(
  brokers: readonly string[],
  values: readonly { key: string; value: string }[],
  options: { batchSize: number; concurrency: number; timeoutMs: number },
): Promise<HopReport> {
  const id = `bench-hop-${randomBytes(4).toString('hex')}`;
  const kafka = new Kafka({ clientId: id, brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(kafka, [id], 3);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: id, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 << 20 });
  let received = 0;
  let lastReceivedAt = 0;
  try {
    await producer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic: id, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) if (message.value) JSON.parse(message.value.toString('utf8'));
        received += batch.messages.length;
        lastReceivedAt = Date.now();
      },
    });
    await joined;
    await sleep(200);
    const started = Date.now();
    let next = 0;
    const sender = async () => {
      for (;;) {
        const from = next;
        next += options.batchSize;
        if (from >= values.length) return;
        const messages = values.slice(from, from + options.batchSize);
        await producer.send({ topic: id, acks: -1, compression: CompressionTypes.None, messages: messages.map((m) => ({ key: m.key, value: m.value })) });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, sender));
    await until(() => received >= values.length, options.timeoutMs, `the raw consumer receiving ${values.length} messages`, {
      progress: () => `${received} received`,
    });
    const ms = lastReceivedAt - started;
    return { messages: values.length, ms, perSecond: Math.round((values.length / ms) * 1000) };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [id] }).catch(() => undefined);
    await admin.deleteGroups([id]).catch(() => undefined);
    await admin.disconnect();
  }
}
