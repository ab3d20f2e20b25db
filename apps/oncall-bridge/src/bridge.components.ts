import { BrokerWatch, createKafka, DEFAULT_PARTITIONS, ensureTopics, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { createRedis, describeRedis } from '@stageplus/redis';
import type { Kafka } from 'kafkajs';
import type { RedisClient } from '@stageplus/redis';
import type { Logger } from 'pino';
import type { BridgeConfig } from './bridge.config';
import { SERVICE_NAME } from './bridge.tokens';
import { destinationUrls } from './destinations/bridge-destination';
import type { AlertResender } from './forward-alerts/alertmanager-api/alert-resender';
import { bridgeDeadLetterTopic } from './forward-alerts/bridge-dead-letters';
import { bridgeDestinations } from './forward-alerts/bridge-destinations';
import { deliveryObservers } from './forward-alerts/delivery-metrics';
import type { DestinationSender } from './forward-alerts/destination-sender';
import { FORWARD_BREACHES, FORWARD_ESCALATIONS } from './forward-alerts/forward-alerts.handler';

/** Dead letters are kept as long as the events they refer to (30 days, as `systemTopics` says). */
const DEAD_LETTER_CONFIGS = { 'retention.ms': String(30 * 86_400_000) };

/** The bridge's parts, built once from its configuration. */
export interface BridgeComponents {
  readonly metrics: ServiceMetrics;
  readonly kafka: Kafka;
  /** Writes the dead letters (refusals) before a batch is committed. */
  readonly publisher: EventPublisher;
  /** Delivery ledgers and the active alerts of the `alertmanager-api` destinations. */
  readonly redis: RedisClient;
  /** One per destination: its route, format, ledger and retries. */
  readonly senders: readonly DestinationSender[];
  /** Posts the active alerts to the `alertmanager-api` destinations again, every interval. */
  readonly resender: AlertResender;
  /** Whether a broker answers now (readiness); started and stopped by the health probe. */
  readonly broker: BrokerWatch;
  /** Consumes the two SLA topics, committing a partition once its batch is delivered. */
  readonly eventServer: KafkaBatchServer;
  /** The deliveries' logger (`component: forward-alerts`). */
  readonly logger: Logger;
  /** What goes where, logged as consuming starts, so that the first line of a run says it. */
  readonly forwarding: string;
}

/** Builds the adapters from the configuration: nothing connects yet. */
export function buildBridge(config: BridgeConfig, logger: Logger): BridgeComponents {
  const metrics = new ServiceMetrics(SERVICE_NAME);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `sla-${SERVICE_NAME}`, logger: logger.child({ component: 'kafka' }) });
  const publisher = new EventPublisher(kafka, 10_000, metrics.publisherObserver());
  // Connected by prepare, so that an unreachable Redis fails the start with its own message.
  const redis = createRedis(config.redis, { lazyConnect: true });
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', err: error }, 'Redis connection error; reconnecting'));
  const deliveries = logger.child({ component: 'forward-alerts' });
  const { senders, resender } = bridgeDestinations(config, redis, deliveryObservers(metrics, deliveries));
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger });
  const eventServer = new KafkaBatchServer({
    kafka,
    broker,
    service: SERVICE_NAME,
    groupId: config.groupId,
    subscriptions: { [FORWARD_ESCALATIONS]: config.topics.slaEscalations, [FORWARD_BREACHES]: config.topics.slaBreaches },
    publisher,
    logger: logger.child({ component: 'consumer' }),
    partitionsConsumedConcurrently: 6,
    observer: metrics.consumerObserver(),
  });
  return { metrics, kafka, publisher, redis, senders, resender, broker, eventServer, logger: deliveries, forwarding: forwardingLine(config) };
}

/** Connects Redis, creates the dead-letter topics and connects the producer: before anything is consumed. */
export async function prepareBridge(c: BridgeComponents, config: BridgeConfig): Promise<void> {
  await c.redis.connect().catch((error: Error) => {
    throw new Error(`cannot connect to Redis at ${describeRedis(config.redis)}: ${error.message}`);
  });
  const topics = [config.topics.slaEscalations, config.topics.slaBreaches];
  await ensureTopics(c.kafka, topics.map((topic) => ({ topic: bridgeDeadLetterTopic(topic), partitions: config.kafkaPartitions ?? DEFAULT_PARTITIONS, configs: DEAD_LETTER_CONFIGS })));
  await c.publisher.connect();
}

/**
 * Stops the re-sends, then closes the producer and Redis, after the consumer has drained. Also
 * after a `prepare` that failed half-way: a producer never connected, a Redis still retrying.
 */
export async function stopBridge(c: BridgeComponents): Promise<void> {
  await c.resender.stop();
  await c.publisher.disconnect().catch(() => undefined);
  if (c.redis.status === 'ready') await c.redis.quit();
  else c.redis.disconnect();
}

function forwardingLine(config: BridgeConfig): string {
  const where = config.destinations.map((d) => `${d.name} (${d.format}: ${destinationUrls(d).map((u) => new URL(u).origin).join(', ')})`).join('; ');
  return `forwarding ${config.topics.slaEscalations} and ${config.topics.slaBreaches} to ${where}`;
}
