import { ticketKey, type SlaTopicEvent } from '@stageplus/contracts';
import { freePort, testBrokers, uniqueName } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { ensureTopics } from '@stageplus/kafka';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { ServiceApp } from '@stageplus/http';
import { createBridgeApp } from '../bridge.app';
import type { BridgeComponents } from '../bridge.components';
import { readBridgeConfig } from '../bridge.config';
import { bridgeDeadLetterTopic } from '../forward-alerts/bridge-dead-letters';
import { WebhookReceiver } from './webhook-receiver';

/**
 * One bridge under test: its own SLA topics, consumer group and Redis prefix, a producer writing
 * SLA events as the timer does (keyed by ticket), and a local webhook receiver. `cleanup()`
 * stops everything and deletes the topics and Redis keys it made.
 */
export class BridgeTestBed {
  readonly escalations = uniqueName('bridge-esc');
  readonly breaches = uniqueName('bridge-br');
  readonly prefix = `${uniqueName('test:bridge')}:`;
  private readonly brokers = testBrokers();
  private readonly kafka = new Kafka({ clientId: uniqueName('bridge-test'), brokers: this.brokers.kafkaBrokers, logLevel: logLevel.NOTHING });
  private producer: Producer | null = null;
  private service: ServiceApp<BridgeComponents> | null = null;
  url = '';

  private constructor(readonly receiver: WebhookReceiver) {}

  static async create(): Promise<BridgeTestBed> {
    const bed = new BridgeTestBed(new WebhookReceiver(await freePort()));
    await ensureTopics(bed.kafka, [bed.escalations, bed.breaches], 3);
    bed.producer = bed.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await bed.producer.connect();
    return bed;
  }

  get escalationsDlq(): string {
    return bridgeDeadLetterTopic(this.escalations);
  }

  async startBridge(env: Record<string, string>): Promise<string> {
    const config = readBridgeConfig({
      BRIDGE_WEBHOOK_URL: this.receiver.url,
      BRIDGE_GROUP_ID: uniqueName('bridge-group'),
      BRIDGE_RETRY_BASE_MS: '20',
      BRIDGE_RETRY_MAX_MS: '200',
      BRIDGE_TIMEOUT_MS: '2000',
      BRIDGE_EXTERNAL_URL: 'http://sla.test',
      KAFKA_BROKERS: this.brokers.kafkaBrokers.join(','),
      REDIS_URL: this.brokers.redisUrl,
      REDIS_PREFIX: this.prefix,
      TOPIC_SLA_ESCALATIONS: this.escalations,
      TOPIC_SLA_BREACHES: this.breaches,
      PORT: '0',
      LOG_LEVEL: 'error',
      ...env,
    });
    this.service = await createBridgeApp(config);
    this.url = await this.service.start();
    return this.url;
  }

  async stopBridge(): Promise<void> {
    await this.service?.app.close();
    this.service = null;
  }

  /** Publishes as the timer does: keyed by ticket, so one ticket's events share a partition. */
  async publish(topic: 'escalations' | 'breaches', ...events: SlaTopicEvent[]): Promise<void> {
    await this.producer?.send({
      topic: topic === 'escalations' ? this.escalations : this.breaches,
      acks: -1,
      messages: events.map((e) => ({ key: ticketKey(e.tenantId, e.ticketId), value: JSON.stringify(e), headers: { 'event-type': e.type } })),
    });
  }

  async cleanup(): Promise<void> {
    await this.stopBridge().catch(() => undefined);
    await this.receiver.down();
    await this.producer?.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    const dlqs = [this.escalations, this.breaches].map(bridgeDeadLetterTopic);
    await admin.deleteTopics({ topics: [this.escalations, this.breaches, ...dlqs] }).catch(() => undefined);
    await admin.disconnect();
    const redis = new Redis(this.brokers.redisUrl);
    const keys = await redis.keys(`${this.prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}
