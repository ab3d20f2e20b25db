import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';

export interface OutgoingMessage {
  readonly key: string;
  readonly value: unknown;
  readonly headers?: Readonly<Record<string, string>>;
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
    if (messages.length === 0) return;
    try {
      await this.producer.send({
        topic,
        acks: -1,
        timeout: this.timeoutMs,
        compression: CompressionTypes.None,
        messages: messages.map((m) => ({
          key: m.key,
          value: JSON.stringify(m.value),
          headers: m.headers ? { ...m.headers } : undefined,
        })),
      });
    } catch (error) {
      throw new PublishError(topic, error);
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = false;
  }
}
