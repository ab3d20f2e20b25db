/**
 * One link of the raw three-hop chain (`kafkaChain`), run as a process of its own as each
 * service is: consumes `from`, parses each value and encodes it again, produces the batch to `to`
 * as the hop's producer does (idempotent, `acks: -1`, one request in flight) in sends of at most
 * `batchSize` (a fetched batch of up to 4 MiB a partition in one request would pass the broker's
 * 1 MiB record batch limit, as the services' publisher splits too), and lets kafkajs commit after
 * each batch. No validation, no state, no Redis: the floor of a service's hop.
 * Argv: brokers (comma-separated), from, to, groupId, batchSize. Tells its parent "joined" once in its group.
 */
import { stockKafkajs } from './stock-kafkajs';

const { CompressionTypes, Kafka, logLevel, Partitioners } = stockKafkajs();

async function main(): Promise<void> {
  const [brokers, from, to, groupId, batchSize] = process.argv.slice(2);
  const chunk = Number(batchSize);
  const kafka = new Kafka({ clientId: groupId, brokers: brokers.split(','), logLevel: logLevel.ERROR });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 << 20 });
  consumer.on(consumer.events.GROUP_JOIN, () => process.send?.('joined'));
  // A consumer kafkajs will not restart leaves the chain short for ever: exit, so the bench fails now.
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) return;
    process.stderr.write(`kafka relay ${groupId}: ${payload.error.message}\n`);
    process.exit(1);
  });
  const stop = async () => {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('disconnect', () => void stop()); // the bench gone (its deadline, a crash): never outlive it
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: from, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const messages = batch.messages.map((m) => ({ key: m.key, value: m.value && JSON.stringify(JSON.parse(m.value.toString('utf8'))) }));
      for (let i = 0; i < messages.length; i += chunk) {
        await producer.send({ topic: to, acks: -1, compression: CompressionTypes.None, messages: messages.slice(i, i + chunk) });
      }
    },
  });
}

main().catch((error: Error) => {
  process.stderr.write(`kafka relay: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
