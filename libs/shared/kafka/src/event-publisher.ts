import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';

export interface OutgoingMessage {
  readonly key: string;
  /** Sent as JSON; `null` sends a tombstone (no value), which compaction turns into a deletion. */
  readonly value: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** An explicit partition; by default the key's (murmur2, as Java clients). */
  readonly partition?: number;
}

/** Messages for one topic, in a multi-topic send. */
export interface TopicBatch {
  readonly topic: string;
  readonly messages: readonly OutgoingMessage[];
}

/** Thrown when the broker did not acknowledge a write: the caller must not treat it as done. */
export class PublishError extends Error {
  readonly code = 'KAFKA.PUBLISH_FAILED';
  readonly retriable = true;

  constructor(topic: string, cause: unknown) {
    super(`could not publish to ${topic}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'PublishError';
  }
}

/**
 * Publishes JSON messages and resolves only once every in-sync replica has them (`acks: -1`).
 * Idempotent producer: kafkajs needs `maxInFlightRequests: 1` for it to keep order on retries.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka, private readonly timeoutMs = 10_000) {
    // Bounded retries: a caller waiting on an acknowledgement (intake's 202) must get an answer,
    // even "unavailable". Retries stay idempotent within a send; across sends the event ids are
    // the idempotency keys.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 200 },
    });
    this.producer.on('producer.disconnect', () => {
      this.connected = false;
    });
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await this.publishBatch([{ topic, messages }]);
  }

  /** One produce request for several topics: acknowledged together, by all in-sync replicas. */
  async publishBatch(batches: readonly TopicBatch[]): Promise<void> {
    const topicMessages = batches.filter((b) => b.messages.length > 0);
    if (topicMessages.length === 0) return;
    try {
      await this.producer.sendBatch({
        acks: -1,
        timeout: this.timeoutMs,
        compression: CompressionTypes.None,
        topicMessages: topicMessages.map((b) => ({ topic: b.topic, messages: b.messages.map(toKafkaMessage) })),
      });
    } catch (error) {
      throw new PublishError(topicMessages.map((b) => b.topic).join(', '), error);
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = false;
  }
}

function toKafkaMessage(m: OutgoingMessage) {
  return {
    key: m.key,
    value: m.value === null ? null : JSON.stringify(m.value),
    headers: m.headers ? { ...m.headers } : undefined,
    partition: m.partition,
  };
}
