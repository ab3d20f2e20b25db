import './install-kafkajs-modules'; // before kafkajs loads (see kafkajs-modules.ts)
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import { installFastKafkajsEncoder } from './kafkajs-encoder';
import { notify } from './notify-observer';
import { PartitionLedger, partitionsOf, type LedgerRequest } from './partition-ledger';
import { MAX_SEND_BYTES, splitBySize, type OutgoingMessage, type TopicBatch } from './produce-requests';

export { JsonText, MAX_SEND_BYTES, type OutgoingMessage, type TopicBatch } from './produce-requests';

/** Told what an `EventPublisher` wrote, once every in-sync replica has it, and what it could not. */
export interface PublishObserver {
  published?(batches: readonly TopicBatch[]): void;
  failed?(topics: readonly string[], error: unknown): void;
  /** kafkajs resolved a send without writing these partitions (`topic/partition`): they are sent again. */
  resent?(partitions: readonly string[]): void;
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
 * How many times a send kafkajs resolved without every partition is sent again for the missing
 * ones before giving up (each resend is a fresh kafkajs send with its own retries).
 */
const MAX_RESENDS = 5;

/**
 * Publishes JSON messages and resolves only once every in-sync replica has them (`acks: -1`).
 * Not kafkajs's idempotent producer: through a leader crash its sequence numbers fall out of step
 * with the broker's (it rolls a partition's sequence back when a request fails, even one the dead
 * leader had written and replicated), after which every send to that partition fails with
 * OUT_OF_ORDER_SEQUENCE_NUMBER until the process restarts (seen in CI: intake refused a partition
 * for over a minute), or a different batch is taken for a duplicate and dropped. Without it a
 * retry may write a message twice; every consumer drops repeats by event id, and records keyed
 * by ticket are idempotent. `maxInFlightRequests: 1` keeps the order per partition on retries.
 * kafkajs can resolve a send that skipped partitions whose leader moved (see PartitionLedger):
 * every send is checked against the partitions the brokers acknowledged, and what is missing is
 * sent again before this resolves.
 * A send is one produce request unless its messages exceed {@link MAX_SEND_BYTES}; then it is
 * several, one after the other, so the order per partition holds.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private readonly ledger = new PartitionLedger();
  private connected = false;

  /** `observer` is told what was acknowledged and what failed (metrics); it must not throw. */
  constructor(
    kafka: Kafka,
    private readonly timeoutMs = 10_000,
    private readonly observer?: PublishObserver,
  ) {
    installFastKafkajsEncoder(); // same bytes, fewer allocations (see kafkajs-encoder.ts)
    // Bounded retries: a caller waiting on an acknowledgement (intake's 202) must get an answer,
    // even "unavailable". The event ids are the idempotency keys, within a send and across sends.
    this.producer = kafka.producer({
      idempotent: false,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      createPartitioner: this.ledger.createPartitioner,
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

  /**
   * One produce request for several topics (several past {@link MAX_SEND_BYTES}), resolved once
   * all in-sync replicas have every message. On a failure some messages may have been written:
   * the caller retries the whole send, which is why consumers deduplicate by event id.
   */
  async publishBatch(batches: readonly TopicBatch[]): Promise<void> {
    const topicMessages = batches.filter((b) => b.messages.length > 0);
    if (topicMessages.length === 0) return;
    try {
      for (const request of splitBySize(topicMessages, MAX_SEND_BYTES)) await this.sendWhole(request);
    } catch (error) {
      notify(this.observer, (o) => o.failed?.(topicMessages.map((b) => b.topic), error));
      throw new PublishError(topicMessages.map((b) => b.topic).join(', '), error);
    }
    notify(this.observer, (o) => o.published?.(topicMessages));
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = false;
  }

  /** One request, resent for the partitions kafkajs resolved without writing, until all are written. */
  private async sendWhole(request: LedgerRequest): Promise<void> {
    let pending = request;
    for (let resends = 0; ; resends++) {
      const acknowledged = await this.producer.sendBatch({ acks: -1, timeout: this.timeoutMs, compression: CompressionTypes.None, topicMessages: pending });
      pending = this.ledger.unacknowledged(pending, acknowledged);
      if (pending.length === 0) return;
      const partitions = partitionsOf(pending);
      if (resends === MAX_RESENDS) throw new Error(`kafkajs resolved the send ${MAX_RESENDS + 1} times without writing ${partitions.join(', ')}`);
      notify(this.observer, (o) => o.resent?.(partitions));
    }
  }
}
