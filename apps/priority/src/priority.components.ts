import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BrokerWatch, createKafka, ensureTopics, EventPublisher, KafkaBatchServer, systemTopics } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { createRedis, describeRedis } from '@stageplus/redis';
import { DEFAULT_POLICY_PATH, parsePolicy, PolicyError } from '@stageplus/sla-policy';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import type { RedisClient } from '@stageplus/redis';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { PriorityConfig } from './priority.config';
import { SERVICE_NAME } from './priority.tokens';
import { PRIORITIZE_TICKET } from './tickets/prioritize-ticket/prioritize-ticket.handler';
import { TicketClassificationStore } from './tickets/prioritize-ticket/ticket-classification.store';

/** The priority service's parts, built once from its configuration; nothing connected yet. */
export interface PriorityComponents {
  readonly kafka: Kafka;
  readonly publisher: EventPublisher;
  /** Ticket events over the Kafka batch transport: one batch per partition, partitions in parallel. */
  readonly eventServer: KafkaBatchServer;
  /** Whether a broker answers: readiness, and the consumer's supervisor. Started by the health probe. */
  readonly broker: BrokerWatch;
  readonly redis: RedisClient;
  readonly classifications: TicketClassificationStore;
  /** The policy history followed on `sla.policy`; read to its end before anything is consumed. */
  readonly policies: PolicyFollower;
  /** Counted by the publisher and the consumer; served on `GET /metrics`. */
  readonly metrics: ServiceMetrics;
}

/**
 * Reads and checks the policy file first: an invalid `POLICY_FILE` stops the service before it
 * connects to anything.
 *
 * @throws PolicyError when the policy file is unreadable or invalid.
 */
export function buildPriority(config: PriorityConfig, logger: Logger): PriorityComponents {
  const source = config.policyFile ?? DEFAULT_POLICY_PATH;
  const text = readPolicyText(source);
  parsePolicy(text, source);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `sla-${SERVICE_NAME}`, logger: logger.child({ component: 'kafka' }) });
  const metrics = new ServiceMetrics(SERVICE_NAME);
  const publisher = new EventPublisher(kafka, undefined, metrics.publisherObserver());
  // Connected in `prepare`, where a refusal can name the server.
  const redis = createRedis(config.redis, { lazyConnect: true });
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', err: error }, 'Redis connection error; reconnecting'));
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: logger.child({ component: 'broker-watch' }) });
  const eventServer = new KafkaBatchServer({
    kafka,
    broker,
    service: SERVICE_NAME,
    groupId: config.groupId,
    sessionTimeoutMs: config.sessionTimeoutMs,
    stuckAfterMs: config.stuckAfterMs,
    subscriptions: { [PRIORITIZE_TICKET]: config.topics.ticketEvents },
    publisher,
    logger: logger.child({ component: 'consumer' }),
    observer: metrics.consumerObserver(),
  });
  const policies = new PolicyFollower({
    kafka,
    topics: config.policyTopics,
    service: SERVICE_NAME,
    instance: randomUUID(),
    local: { text, source, explicit: config.policyFile !== undefined },
    publisher,
    logger: logger.child({ component: 'policy' }),
    broker,
    clock: Date.now,
  });
  const classifications = new TicketClassificationStore(redis, { keyPrefix: config.redisPrefix, ttlSeconds: config.classificationTtlSeconds });
  return { kafka, publisher, eventServer, broker, redis, classifications, policies, metrics };
}

/** Redis, the topics, the producer and the policy history, before anything is consumed. */
export async function preparePriority(c: PriorityComponents, config: PriorityConfig): Promise<void> {
  await c.redis.connect().catch((error: Error) => {
    throw new Error(`cannot connect to Redis at ${describeRedis(config.redis)}: ${error.message}`);
  });
  // Idempotent: `npm start` created them all before; this covers a service started alone.
  // It returns once a leader serves every partition, so the consumer can subscribe at once.
  await ensureTopics(c.kafka, systemTopics(config.topics, { partitions: config.kafkaPartitions }));
  await c.publisher.connect();
  // The policy history read to its end (or its first version published) before any event.
  await c.policies.start();
}

/**
 * Closes what `prepare` opened. The skeleton calls it after the consumer finished the batches in
 * flight, so the producer and Redis are not pulled from under them; tolerates a half-done prepare.
 */
export async function stopPriority(c: PriorityComponents): Promise<void> {
  await c.policies.stop();
  await c.publisher.disconnect().catch(() => undefined);
  if (c.redis.status === 'ready') await c.redis.quit();
  else c.redis.disconnect();
}

function readPolicyText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError('POLICY.FILE_UNREADABLE', `Cannot read SLA policy file ${path}: ${(error as Error).message}`);
  }
}
