import type { BatchObserver, BatchPosition, IncomingMessage, PublishObserver, RefusedMessage, TopicBatch } from '@stageplus/kafka';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The `event-type` header every producer of the system sets (`HEADERS.eventType`). */
const EVENT_TYPE_HEADER = 'event-type';

/** HTTP latency buckets (s): from a cached health answer to a publish that waited for Kafka. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The metrics every service exposes on `GET /metrics`, in a registry of its own whose every series
 * carries `service` (default Node.js process metrics included): HTTP latency, events in and out,
 * dead letters and consumer lag. Names and meanings are listed in docs/operations.md.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  /** `http_request_duration_seconds{method, route, status}`; `route` is the route template. */
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /**
   * `sla_events_in_total{source, type, outcome}`: events that came in. `source` is `http` (intake)
   * or the topic consumed; `outcome` is `accepted` or why intake refused them (`invalid`,
   * `forbidden`, `throttled` over a tenant quota, `unavailable`), `applied` or `dead-lettered` for consumers.
   */
  readonly eventsIn: Counter<'source' | 'type' | 'outcome'>;
  /** `sla_events_out_total{topic, type}`: messages the broker acknowledged, by `event-type` header. */
  readonly eventsOut: Counter<'topic' | 'type'>;
  /** `sla_publish_failures_total{topic}`: sends the broker did not acknowledge (retried or answered 503). */
  readonly publishFailures: Counter<'topic'>;
  /** `sla_publish_resends_total{topic, partition}`: partitions a resolved send had not written, sent again (a kafkajs flaw). */
  readonly publishResends: Counter<'topic' | 'partition'>;
  /** `sla_dead_letters_total{topic, reason}`: refused messages of `topic` sent to `<topic>.dlq`, by code. */
  readonly deadLetters: Counter<'topic' | 'reason'>;
  /** `sla_consumer_lag{topic, partition}`: messages behind the partition's end, as of its last batch. */
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  /** `sla_consumer_batch_failures_total{topic, partition}`: failed attempts at a batch (each retried). */
  readonly batchFailures: Counter<'topic' | 'partition'>;
  /** The partitions whose lag is reported, by `topic/partition`. */
  private readonly lagOf = new Map<string, { topic: string; partition: string }>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status, and how long they took (s)',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.eventsIn = new Counter({
      name: 'sla_events_in_total',
      help: 'Events received, by source (http or topic), event type and outcome',
      labelNames: ['source', 'type', 'outcome'],
      registers,
    });
    this.eventsOut = new Counter({ name: 'sla_events_out_total', help: 'Messages published and acknowledged, by topic and event type', labelNames: ['topic', 'type'], registers });
    this.publishFailures = new Counter({ name: 'sla_publish_failures_total', help: 'Sends the broker did not acknowledge, by topic', labelNames: ['topic'], registers });
    this.publishResends = new Counter({
      name: 'sla_publish_resends_total',
      help: 'Partitions a send resolved by kafkajs had not written, sent again',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.deadLetters = new Counter({ name: 'sla_dead_letters_total', help: 'Messages dead-lettered, by original topic and reason code', labelNames: ['topic', 'reason'], registers });
    this.consumerLag = new Gauge({ name: 'sla_consumer_lag', help: 'Messages behind the end of the partition, as of its last batch', labelNames: ['topic', 'partition'], registers });
    this.batchFailures = new Counter({ name: 'sla_consumer_batch_failures_total', help: 'Failed attempts at a batch (retried in place)', labelNames: ['topic', 'partition'], registers });
  }

  /** For `KafkaBatchServer`'s `observer`: events in, dead letters, lag and failures. */
  consumerObserver(): BatchObserver {
    return {
      assigned: (assignment) => this.keepLagOf(assignment),
      fetched: (position) => this.setLag(position),
      committed: (position, messages, refused) => {
        this.setLag(position);
        this.countConsumed(position.topic, messages, refused);
      },
      failed: ({ topic, partition }) => this.batchFailures.inc({ topic, partition: String(partition) }),
    };
  }

  /** For `EventPublisher`'s `observer`: what was acknowledged, by topic and type, and what failed. */
  publisherObserver(): PublishObserver {
    return {
      published: (batches: readonly TopicBatch[]) => {
        for (const { topic, messages } of batches) {
          for (const [type, count] of countBy(messages, (m) => m.headers?.[EVENT_TYPE_HEADER] ?? 'none')) this.eventsOut.inc({ topic, type }, count);
        }
      },
      failed: (topics) => topics.forEach((topic) => this.publishFailures.inc({ topic })),
      resent: (partitions) => {
        for (const p of partitions) {
          const at = p.lastIndexOf('/');
          this.publishResends.inc({ topic: p.slice(0, at), partition: p.slice(at + 1) });
        }
      },
    };
  }

  /**
   * Events taken in over HTTP, by type, with the request's outcome: one increment per type, not
   * per event (a labelled increment hashes its labels: per event it cost intake 4 % of its CPU).
   */
  countHttpEvents(types: readonly string[], outcome: string): void {
    for (const [type, count] of countBy(types, (t) => t)) this.eventsIn.inc({ source: 'http', type, outcome }, count);
  }

  /** The registry's text exposition (what `GET /metrics` answers). */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private countConsumed(topic: string, messages: readonly IncomingMessage[], refused: readonly RefusedMessage[]): void {
    const refusedOffsets = new Set(refused.map((r) => r.offset));
    const outcomes = countBy(messages, (m) => `${m.headers[EVENT_TYPE_HEADER] ?? 'none'}\n${refusedOffsets.has(m.offset) ? 'dead-lettered' : 'applied'}`);
    for (const [key, count] of outcomes) {
      const [type, outcome] = key.split('\n');
      this.eventsIn.inc({ source: topic, type, outcome }, count);
    }
    for (const [reason, count] of countBy(refused, (r) => r.code)) this.deadLetters.inc({ topic, reason }, count);
  }

  private setLag({ topic, partition, lag }: BatchPosition): void {
    this.lagOf.set(`${topic}/${partition}`, { topic, partition: String(partition) });
    this.consumerLag.set({ topic, partition: String(partition) }, lag);
  }

  /** A partition given away keeps no lag here: its new owner reports it. */
  private keepLagOf(assignment: Readonly<Record<string, readonly number[]>>): void {
    const owned = new Set(Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}/${p}`)));
    for (const [key, labels] of this.lagOf) {
      if (owned.has(key)) continue;
      this.consumerLag.remove(labels);
      this.lagOf.delete(key);
    }
  }
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}
