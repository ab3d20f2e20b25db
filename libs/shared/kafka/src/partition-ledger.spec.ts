import type { ICustomPartitioner, Kafka, PartitionerArgs, RecordMetadata } from 'kafkajs';
import { EventPublisher, PublishError } from './event-publisher';
import { partitionOfKey } from './partition-of-key';

const PARTITIONS = 4;
const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionId, leader: partitionId % 2 })) as PartitionerArgs['partitionMetadata'];
type Sent = { topic: string; partition: number; value: string };

/**
 * kafkajs 2.2.4's producer after a leader moved mid-send: it resolves, but leaves out whatever
 * was bound for the partitions in `skipped` (one set per send, in order; then it writes all).
 */
class LeaderMovedProducer {
  readonly written: Sent[] = [];
  sends = 0;
  private readonly partition: ReturnType<ICustomPartitioner>;

  constructor(
    createPartitioner: ICustomPartitioner,
    private readonly skipped: number[][],
  ) {
    this.partition = createPartitioner();
  }

  async sendBatch({ topicMessages }: { topicMessages: { topic: string; messages: { key: string; value: string; partition?: number }[] }[] }): Promise<RecordMetadata[]> {
    const skip = new Set(this.skipped[this.sends++] ?? []);
    const acknowledged = new Map<string, RecordMetadata>();
    for (const { topic, messages } of topicMessages) {
      for (const message of messages) {
        const partition = this.partition({ topic, partitionMetadata, message });
        if (skip.has(partition)) continue;
        this.written.push({ topic, partition, value: message.value });
        acknowledged.set(`${topic}/${partition}`, { topicName: topic, partition, errorCode: 0 });
      }
    }
    return [...acknowledged.values()];
  }

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  on(): void {}
}

function publisherOver(skipped: number[][]) {
  let producer!: LeaderMovedProducer;
  const kafka = { producer: (options: { createPartitioner: ICustomPartitioner }) => (producer = new LeaderMovedProducer(options.createPartitioner, skipped)) };
  const resent: string[][] = [];
  const publisher = new EventPublisher(kafka as unknown as Kafka, 1_000, { resent: (partitions) => resent.push([...partitions]) });
  return { publisher, producer, resent };
}

/** Twelve messages over four tickets, so over several partitions. */
const messages = Array.from({ length: 12 }, (_, n) => ({ key: `tenant-a:T-${n % 4}`, value: { n } }));
const partitionOf = (n: number) => partitionOfKey(`tenant-a:T-${n % 4}`, PARTITIONS);

describe('a send that kafkajs resolves without writing every partition', () => {
  it('sends again what the acknowledgements leave out, before resolving, pinned to the same partitions and in order', async () => {
    const skippedPartition = partitionOf(1);
    const { publisher, producer, resent } = publisherOver([[skippedPartition]]);

    await publisher.publish('tickets.events', messages);

    expect(producer.sends).toBe(2);
    expect(resent).toEqual([[`tickets.events/${skippedPartition}`]]);
    const written = producer.written.map((w) => ({ partition: w.partition, n: (JSON.parse(w.value) as { n: number }).n }));
    expect(written.map((w) => w.n).sort((a, b) => a - b)).toEqual(messages.map((m) => m.value.n));
    for (const w of written) expect(w.partition).toBe(partitionOf(w.n));
    const again = written.filter((w) => w.partition === skippedPartition).map((w) => w.n);
    expect(again).toEqual(messages.map((m) => m.value.n).filter((n) => partitionOf(n) === skippedPartition));
  });

  it('sends once when every partition is acknowledged', async () => {
    const { publisher, producer, resent } = publisherOver([]);
    await publisher.publish('tickets.events', messages);
    expect(producer.sends).toBe(1);
    expect(resent).toEqual([]);
  });

  it('fails the send, as unacknowledged, when kafkajs keeps leaving a partition out', async () => {
    const skippedPartition = partitionOf(2);
    const { publisher, producer } = publisherOver(Array.from({ length: 10 }, () => [skippedPartition]));
    const publishing = publisher.publish('tickets.events', messages);
    await expect(publishing).rejects.toBeInstanceOf(PublishError);
    await expect(publishing).rejects.toThrow(`without writing tickets.events/${skippedPartition}`);
    expect(producer.sends).toBe(6);
  });
});
