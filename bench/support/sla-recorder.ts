import type { Consumer, Kafka as KafkaClient } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { ensureTopics } from '@stageplus/kafka';
import { stockKafkajs } from './stock-kafkajs';

// The downstream consumer runs kafkajs as npm ships it, not the services' faster decoding
// (libs/shared/kafka/src/kafkajs-modules.ts): what the benches measure is the system, not a faster harness.
const { Kafka, logLevel } = stockKafkajs();

/** One SLA event as the bench's consumer received it. */
export interface ReceivedSla {
  readonly eventId: string;
  readonly topic: string;
  readonly ticketId: string;
  readonly clock: string;
  readonly percent: number;
  readonly late: boolean;
  /** `thresholdAt` of the payload, ms. */
  readonly thresholdAt: number;
  /** `firedAt` of the payload, ms. */
  readonly firedAt: number;
  /** When this consumer got it, ms. */
  readonly receivedAt: number;
}

/**
 * How many of a set of expected `eventId`s have arrived, kept as they arrive: a bench polls it
 * every 50 ms while it measures, and counting the whole set at each poll cost a few percent of a
 * core (tens of thousands of lookups and a copy each time) taken from the system measured.
 */
export interface ReceivedCount {
  readonly size: number;
  readonly got: number;
}

/**
 * A plain kafkajs consumer on the SLA topics, as an alerting system downstream would run one:
 * from the beginning of the run's topics, in its own group. Keeps every event (duplicates too)
 * and counts them by `eventId`.
 */
export class SlaRecorder {
  readonly received: ReceivedSla[] = [];
  readonly seen = new Map<string, number>();
  private consumer: Consumer | null = null;
  private readonly kafka: KafkaClient;
  private readonly groupId = `bench-sla-${randomBytes(6).toString('hex')}`;
  private readonly counts: { ids: { has(eventId: string): boolean }; size: number; got: number }[] = [];

  constructor(
    brokers: readonly string[],
    private readonly topics: readonly string[],
  ) {
    this.kafka = new Kafka({ clientId: `bench-sla-${randomBytes(3).toString('hex')}`, brokers: [...brokers], logLevel: logLevel.NOTHING });
  }

  get unique(): number {
    return this.seen.size;
  }

  get duplicates(): number {
    return this.received.length - this.seen.size;
  }

  /** A live count of the `expected` ids received (each once, whenever it came, before this call too). */
  count(expected: { has(eventId: string): boolean; readonly size: number; keys(): Iterable<string> }): ReceivedCount {
    let got = 0;
    for (const id of expected.keys()) if (this.seen.has(id)) got++;
    const count = { ids: expected, size: expected.size, got };
    this.counts.push(count);
    return count;
  }

  /** Events received before their own `thresholdAt`: published ahead of time, whatever `firedAt` says. */
  early(): ReceivedSla[] {
    return this.received.filter((r) => r.receivedAt < r.thresholdAt);
  }

  /** A few events outside `expected`, one line each, for the report. */
  describeUnexpected(expected: { has(eventId: string): boolean }, max = 5): string[] {
    const iso = (ms: number) => new Date(ms).toISOString();
    return this.received
      .filter((r) => !expected.has(r.eventId))
      .slice(0, max)
      .map((r) => `unexpected ${r.eventId}: thresholdAt ${iso(r.thresholdAt)}, firedAt ${iso(r.firedAt)}, received ${iso(r.receivedAt)}${r.late ? ', late' : ''}`);
  }

  async start(): Promise<this> {
    // The timer creates these topics; creating them first (same 3 partitions) lets the recorder subscribe before it runs.
    await ensureTopics(this.kafka, this.topics, 3);
    this.consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 10_000,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 4 << 20,
    });
    const joined = new Promise<void>((resolve) => this.consumer?.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        const receivedAt = Date.now();
        for (const message of batch.messages) {
          if (!message.value) continue;
          const v = JSON.parse(message.value.toString('utf8')) as Record<string, unknown>;
          const eventId = String(v.eventId);
          const times = (this.seen.get(eventId) ?? 0) + 1;
          this.seen.set(eventId, times);
          if (times === 1) for (const count of this.counts) if (count.ids.has(eventId)) count.got++;
          this.received.push({
            eventId,
            topic: batch.topic,
            ticketId: String(v.ticketId),
            clock: String(v.clock),
            percent: Number(v.percent),
            late: v.late === true,
            thresholdAt: Date.parse(String(v.thresholdAt)),
            firedAt: Date.parse(String(v.firedAt)),
            receivedAt,
          });
        }
      },
    });
    await joined;
    return this;
  }

  /** Leaves the group and deletes it: nothing of the run stays on the broker. */
  async stop(): Promise<void> {
    if (this.consumer === null) return;
    await this.consumer.disconnect().catch(() => undefined);
    this.consumer = null;
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
