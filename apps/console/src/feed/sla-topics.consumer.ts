import type { SlaTicketOutcome, SlaTopicEvent } from '@stageplus/contracts';
import { ensureTopics, systemTopics } from '@stageplus/kafka';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { OutcomeStore } from '../compliance/outcome-store';
import type { SlaFeed } from './sla-feed';

export interface SlaTopicsSettings {
  readonly escalations: string;
  readonly breaches: string;
  readonly outcomes: string;
  /** The group, unique to this process: every console instance must read every partition. */
  readonly groupId: string;
  /** How many of the latest messages of each SLA partition to load at startup. */
  readonly backfillPerPartition: number;
}

const SLA_TYPES = new Set(['sla.escalated', 'sla.breached', 'sla.cleared']);

/**
 * The console's one Kafka consumer: the SLA topics from near their end (the last few events of
 * each partition, so that a restarted console is not blank) into the feed, and the compacted
 * outcomes topic from its beginning into the outcome store. It commits nothing: its position
 * lives and dies with the process, as its memory does.
 */
export class SlaTopicsConsumer {
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private running = false;
  private fatal: string | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: SlaTopicsSettings,
    private readonly feed: SlaFeed,
    private readonly outcomes: OutcomeStore,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer({ groupId: settings.groupId, allowAutoTopicCreation: false });
    this.admin = kafka.admin();
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      this.running = false;
      // kafkajs restarts the consumer after a retriable crash; after any other, only a restart helps.
      if (!event.payload.restart) this.fatal = event.payload.error.message;
      this.logger.error({ err: event.payload.error, restart: event.payload.restart }, 'the SLA topics consumer crashed');
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.running = true;
    });
  }

  get healthy(): boolean {
    return this.running;
  }

  /** Why the consumer stopped for good, or null. */
  get fatalCrash(): string | null {
    return this.fatal;
  }

  async start(): Promise<void> {
    const { escalations, breaches, outcomes } = this.settings;
    // Started alone (or before the timer), the console must not subscribe to topics nobody created.
    await ensureTopics(this.kafka, systemTopics({ slaEscalations: escalations, slaBreaches: breaches, slaOutcomes: outcomes }));
    await this.admin.connect();
    const starts = await Promise.all([escalations, breaches].map((topic) => this.tailOffsets(topic)));
    await this.admin.disconnect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [escalations, breaches, outcomes], fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatch: (payload) => this.apply(payload) });
    for (const start of starts.flat()) this.consumer.seek(start);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
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
