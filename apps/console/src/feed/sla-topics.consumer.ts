import type { SlaTicketOutcome, SlaTopicEvent } from '@stageplus/contracts';
import { ensureTopics, ManagedConsumer, systemTopics, type ReachabilitySource } from '@stageplus/kafka';
import type { Admin, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { OutcomeStore } from '../compliance/outcome-store';
import type { SlaFeed } from './sla-feed';

export interface SlaTopicsSettings {
  readonly escalations: string;
  readonly breaches: string;
  readonly outcomes: string;
  /** The group, unique to this process: every console instance must read every partition. */
  readonly groupId: string;
  /** `KAFKA_PARTITIONS`: partitions of an SLA topic the console has to create (started before the timer). */
  readonly partitions?: number;
  /** How many of the latest messages of each SLA partition to load at startup. */
  readonly backfillPerPartition: number;
}

const SLA_TYPES = new Set(['sla.escalated', 'sla.breached', 'sla.cleared']);

/**
 * The console's one Kafka consumer: the SLA topics from near their end (the last few events of
 * each partition, so that a restarted console is not blank) into the feed, and the compacted
 * outcomes topic from its beginning into the outcome store. It commits nothing: its position
 * lives and dies with the process, as its memory does. A `ManagedConsumer`: one that kafkajs will
 * not bring back is replaced, and starts again from the tails (the feed keeps each event once).
 */
export class SlaTopicsConsumer {
  private readonly consumer: ManagedConsumer;
  private readonly admin: Admin;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: SlaTopicsSettings,
    private readonly feed: SlaFeed,
    private readonly outcomes: OutcomeStore,
    private readonly logger: Logger,
    broker?: ReachabilitySource,
  ) {
    this.admin = kafka.admin();
    const { escalations, breaches, outcomes: outcomesTopic } = settings;
    this.consumer = new ManagedConsumer({
      kafka,
      groupId: settings.groupId,
      topics: [escalations, breaches, outcomesTopic],
      logger: logger.child({ component: 'sla-topics-consumer' }),
      autoCommit: false,
      autoResolve: true,
      startAt: () => this.tails(),
      eachBatch: (payload) => this.apply(payload),
      broker,
    });
  }

  /** Running and in its group (a fresh member joins within seconds; a rebalance is not a fault here). */
  get healthy(): boolean {
    return this.consumer.running && this.consumer.outOfGroupForMs(Date.now()) === null;
  }

  /** Why kafkajs stopped the consumer for good, or null (it is replaced within seconds). */
  get fatalCrash(): string | null {
    return this.consumer.fatalCrash;
  }

  async start(): Promise<void> {
    const { escalations, breaches, outcomes } = this.settings;
    // Started alone (or before the timer), the console must not subscribe to topics nobody created.
    await ensureTopics(this.kafka, systemTopics({ slaEscalations: escalations, slaBreaches: breaches, slaOutcomes: outcomes }, { partitions: this.settings.partitions }));
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  /** Where to start: the last few messages of each SLA topic's partitions (the outcomes from their beginning). */
  private async tails(): Promise<{ topic: string; partition: number; offset: string }[]> {
    await this.admin.connect();
    try {
      return (await Promise.all([this.settings.escalations, this.settings.breaches].map((topic) => this.tailOffsets(topic)))).flat();
    } finally {
      await this.admin.disconnect();
    }
  }

  /** Where to start reading a topic's partitions: its last few messages. */
  private async tailOffsets(topic: string): Promise<{ topic: string; partition: number; offset: string }[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.map((o) => ({
      topic,
      partition: o.partition,
      offset: String(Math.max(Number(o.low), Number(o.high) - this.settings.backfillPerPartition)),
    }));
  }

  private async apply({ batch }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      const key = message.key?.toString() ?? '';
      const value = message.value === null ? null : this.parse(batch.topic, message.value);
      if (batch.topic === this.settings.outcomes) {
        if (value === null) this.outcomes.put(key, null);
        else if ((value as { type?: unknown }).type === 'sla.outcome') this.outcomes.put(key, value as SlaTicketOutcome);
      } else if (value !== null && SLA_TYPES.has(String((value as { type?: unknown }).type))) {
        this.feed.add(value as SlaTopicEvent);
      }
    }
  }

  private parse(topic: string, bytes: Buffer): object | null {
    try {
      const value: unknown = JSON.parse(bytes.toString('utf8'));
      if (typeof value === 'object' && value !== null && typeof (value as { tenantId?: unknown }).tenantId === 'string') return value;
    } catch {
      // reported below
    }
    this.logger.warn({ topic }, 'skipped a message that is not an SLA event');
    return null;
  }
}
