import type { INestApplication } from '@nestjs/common';
import { deadLetterTopic, HEADERS, ticketKey, type DeadLetter, type TicketPrioritized } from '@stageplus/contracts';
import { ensureTopics, systemTopics, type KafkaBatchServer } from '@stageplus/kafka';
import { TopicRecorder, testBrokers, uniqueName, waitUntil, type RecordedMessage } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { createPriorityApp } from '../priority.app';
import { readPriorityConfig, type PriorityConfig } from '../priority.config';
import { EVENT_SERVER } from '../priority.tokens';

const WAIT_MS = 15_000;

/**
 * The priority service against the real brokers, on topics, a consumer group and a Redis prefix
 * of its own; records what it publishes and removes all of it afterwards.
 */
export class PriorityTestBed {
  readonly config: PriorityConfig;
  private readonly kafka: Kafka;
  private readonly apps = new Set<INestApplication>();
  private recorder: TopicRecorder | null = null;
  private producer: Producer | null = null;

  private constructor(extraEnv: Record<string, string>) {
    const { kafkaBrokers, redisUrl } = testBrokers();
    this.config = readPriorityConfig({
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_URL: redisUrl,
      PRIORITY_GROUP_ID: uniqueName('priority-test'),
      TOPIC_TICKET_EVENTS: uniqueName('test.tickets.events'),
      TOPIC_TICKETS_PRIORITIZED: uniqueName('test.tickets.prioritized'),
      TOPIC_SLA_POLICY: uniqueName('test.sla.policy'),
      TOPIC_SLA_POLICY_STATUS: uniqueName('test.sla.policy.status'),
      REDIS_PREFIX: `${uniqueName('test:priority')}:`,
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...extraEnv,
    });
    this.kafka = new Kafka({ clientId: uniqueName('priority-test'), brokers: [...this.config.kafkaBrokers], logLevel: logLevel.NOTHING });
  }

  /** Creates the topics (one partition: one order to reason about) and starts recording the outputs. */
  static async create(extraEnv: Record<string, string> = {}): Promise<PriorityTestBed> {
    const bed = new PriorityTestBed(extraEnv);
    await ensureTopics(bed.kafka, systemTopics(bed.config.topics, { partitions: 1 }));
    bed.producer = bed.kafka.producer();
    await bed.producer.connect();
    bed.recorder = await new TopicRecorder([...bed.config.kafkaBrokers], [bed.prioritizedTopic, bed.deadLetterTopic]).start();
    return bed;
  }

  get eventsTopic(): string {
    return this.config.topics.ticketEvents;
  }

  get prioritizedTopic(): string {
    return this.config.topics.ticketsPrioritized;
  }

  get deadLetterTopic(): string {
    return deadLetterTopic(this.eventsTopic);
  }

  /** Every topic the service uses, dead-letter topics included. */
  private get topics(): string[] {
    return systemTopics(this.config.topics).map((spec) => spec.topic);
  }

  /** Creates and starts an instance of the service; the bed closes it in `cleanup` if the test did not. */
  async startApp(): Promise<INestApplication> {
    const service = await createPriorityApp(this.config);
    this.apps.add(service.app);
    await service.start();
    return service.app;
  }

  /** The running consumer of an instance, for its instrumentation events. */
  consumerOf(app: INestApplication): Consumer {
    return app.get<KafkaBatchServer>(EVENT_SERVER).unwrap<Consumer>();
  }

  async closeApp(app: INestApplication): Promise<void> {
    this.apps.delete(app);
    await app.close();
  }

  /** Sends ticket events keyed as intake keys them, with its `event-type` header, in order. */
  async send(...events: { tenantId: string; ticketId: string; type?: string }[]): Promise<void> {
    await this.sendRaw(
      ...events.map((e) => ({
        key: ticketKey(e.tenantId, e.ticketId),
        value: JSON.stringify(e),
        headers: typeof e.type === 'string' ? { [HEADERS.eventType]: e.type } : undefined,
      })),
    );
  }

  /** Sends messages as they are, bytes included: what a faulty or hostile producer could write. */
  async sendRaw(...messages: { key: string; value: string | Buffer; headers?: Record<string, string> }[]): Promise<void> {
    await this.producer?.send({ topic: this.eventsTopic, messages });
  }

  prioritized(eventId?: string): RecordedMessage<TicketPrioritized>[] {
    return this.recorded<TicketPrioritized>(this.prioritizedTopic).filter((m) => eventId === undefined || m.value.event.eventId === eventId);
  }

  deadLetters(): RecordedMessage<DeadLetter>[] {
    return this.recorded<DeadLetter>(this.deadLetterTopic);
  }

  /** The enrichments of these events, in order, once each has been published at least once. */
  async waitForPrioritized(...eventIds: string[]): Promise<TicketPrioritized[]> {
    await this.waitUntil(() => eventIds.every((id) => this.prioritized(id).length > 0));
    return eventIds.map((id) => this.prioritized(id)[0].value);
  }

  /** Resolves once `done()` holds for what was recorded; fails after a deadline. */
  async waitUntil(done: () => boolean): Promise<void> {
    await this.requireRecorder().waitFor(done, WAIT_MS);
  }

  async waitForDeadLetters(count: number): Promise<RecordedMessage<DeadLetter>[]> {
    await this.waitUntil(() => this.deadLetters().length >= count);
    return this.deadLetters();
  }

  /** The group's committed offset of the events topic (one partition): how many events it is done with. */
  async committedOffset(): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId: this.config.groupId, topics: [this.eventsTopic] });
      return Math.max(0, Number(partitions[0].offset));
    } finally {
      await admin.disconnect();
    }
  }

  /** Resolves once the group has committed `offset` on the events topic; fails after a deadline. */
  async waitForCommitted(offset: number): Promise<void> {
    await waitUntil(async () => ((await this.committedOffset()) >= offset ? true : undefined), WAIT_MS, `committed offset ${offset}`);
  }

  /** Reads the service's Redis keys with a connection of the test's own. */
  async withRedis<T>(use: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis(this.config.redisUrl);
    try {
      return await use(redis);
    } finally {
      await redis.quit();
    }
  }

  async cleanup(): Promise<void> {
    await Promise.all([...this.apps].map((app) => this.closeApp(app)));
    await this.recorder?.stop();
    await this.producer?.disconnect();
    await this.withRedis(async (redis) => {
      const keys = await redis.keys(`${this.config.redisPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    });
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: this.topics });
      await admin.deleteGroups([this.config.groupId]).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }

  private recorded<T>(topic: string): RecordedMessage<T>[] {
    return this.requireRecorder().of<T>(topic);
  }

  private requireRecorder(): TopicRecorder {
    if (this.recorder === null) throw new Error('PriorityTestBed.create() starts the recorder');
    return this.recorder;
  }
}
