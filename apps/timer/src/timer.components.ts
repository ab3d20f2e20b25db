import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiAdmission, ApiKeyVerifier, type ServiceComponents } from '@stageplus/http';
import { BrokerWatch, createKafka, EventPublisher, ensureTopics, KafkaBatchServer, systemTopics, type AdapterLogger } from '@stageplus/kafka';
import { ServiceMetrics, TimerMetrics } from '@stageplus/metrics';
import { bullConnection, createRedis, type RedisClient } from '@stageplus/redis';
import { DEFAULT_POLICY_PATH, parsePolicy } from '@stageplus/sla-policy';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import { Cluster, type RedisOptions } from 'ioredis';
import type { Kafka } from 'kafkajs';
import { ObservedSlaOutbox } from './metrics/observed-sla-outbox';
import { timerCounts } from './metrics/timer-counts';
import { QueueBoard } from './queue-board/queue-board';
import { BullmqWakeTimers } from './sla-clocks/bullmq/bullmq-wake-timers';
import { TimerWorkers } from './sla-clocks/bullmq/timer-workers';
import { clockStoreOn, ensureHzEverywhere, followClusterNodes } from './sla-clocks/cluster/on-redis-cluster';
import { readChangelog } from './sla-clocks/kafka/changelog-reader';
import { KafkaSlaOutbox } from './sla-clocks/kafka/kafka-sla-outbox';
import { ClockKeeper } from './sla-clocks/keeper/clock-keeper';
import { redecideOnCorrection } from './sla-clocks/follow-policy/redecide-on-correction';
import { PartitionOwner } from './sla-clocks/ownership/partition-owner';
import type { RedisClockStore } from './sla-clocks/redis/redis-clock-store';
import { TicketPartitions } from './sla-clocks/ticket-partitions';
import { governedPause } from './sla-clocks/ticket-record/paused-since';
import type { TimerConfig } from './timer.config';
import { TICKETS_PRIORITIZED } from './timer.tokens';

/**
 * Everything the timer is made of, built once at the edge from its configuration. The module
 * hands each part to its users as the port they need (`timer.module.ts`); tests and tools read
 * them from `ServiceApp.components`.
 */
export interface TimerComponents extends ServiceComponents {
  /** The policy history followed on `sla.policy`: what every decision and view reads. */
  readonly policies: PolicyFollower;
  readonly logger: AdapterLogger;
  readonly redis: RedisClient;
  /** BullMQ's connection: options, or on Redis Cluster a client its queues and workers share (closed last). */
  readonly bullConnection: RedisOptions | Cluster;
  readonly kafka: Kafka;
  readonly publisher: EventPublisher;
  /**
   * The producer of firings (wake-ups, catch-up): a producer has one request in flight, and an
   * alert queued behind a batch of events' changelog send was most of a noisy neighbour's delay.
   */
  readonly firingPublisher: EventPublisher;
  readonly store: RedisClockStore;
  readonly timers: BullmqWakeTimers;
  readonly workers: TimerWorkers;
  readonly keeper: ClockKeeper;
  readonly owner: PartitionOwner;
  /** The consumer of `tickets.prioritized`: the skeleton connects it, the handler gets its batches. */
  readonly eventServer: KafkaBatchServer;
  /** Whether a broker answers (readiness, and the consumer's supervisor); started by the health probe. */
  readonly broker: BrokerWatch;
  /** What `GET /metrics` serves: the service's registry, counted by the publisher, the consumer and the outbox. */
  readonly metrics: ServiceMetrics;
  /** Partitions of `tickets.prioritized`, counted once prepared: where a ticket's state lives. */
  readonly partitions: TicketPartitions;
  /** Who may read clocks (API keys, rate limits): the API and the queue board. */
  readonly admission: ApiAdmission;
  /** bull-board on the partitions' queues, at `/admin/queues`. */
  readonly queueBoard: QueueBoard;
}

export function buildTimer(config: TimerConfig, logger: AdapterLogger): TimerComponents {
  const source = config.policyFile ?? DEFAULT_POLICY_PATH;
  const text = readFileSync(source, 'utf8');
  // Checked here, so that a bad file stops the timer before it connects; it is only ever the
  // first version of the history (PolicyFollower): every decision reads the history.
  parsePolicy(text, source);
  const redis = createRedis(config.redis, { maxRetriesPerRequest: 20 });
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', err: error.message }, 'Redis connection error; reconnecting'));
  // At every (re)connection: a restarted Redis, or the replica Sentinel promoted, has its own hz;
  // on a cluster, every node as the client connects to it.
  redis.on('ready', () => void ensureHzEverywhere(redis, config.redisHz, logger));
  followClusterNodes(redis, config.redisHz, logger);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'sla-timer', logger });
  const metrics = new ServiceMetrics('timer');
  const publisher = new EventPublisher(kafka, undefined, metrics.publisherObserver());
  const firingPublisher = new EventPublisher(kafka, undefined, metrics.publisherObserver());
  const instanceId = randomUUID();
  const policies = new PolicyFollower({
    kafka,
    topics: config.policyTopics,
    service: 'timer',
    instance: instanceId,
    local: { text, source, explicit: config.policyFile !== undefined },
    publisher,
    logger,
    clock: Date.now,
  });
  // What the keeper decides with and the paused index reads pauses under: the history followed.
  const ctx = () => ({ history: policies.history });
  const store = clockStoreOn(redis, config.redisPrefix, governedPause(ctx, Date.now));
  const connection = bullConnection(config.redis);
  const prefixOf = (p: number) => store.partitionPrefix(p);
  const timers = new BullmqWakeTimers({ connection, queueName: config.queue, prefixOf, logger });
  const partitions = new TicketPartitions();
  let owner: PartitionOwner | null = null;
  const timerMetrics = new TimerMetrics(
    metrics,
    () => timerCounts(redis, config.redisPrefix, (owner as PartitionOwner).partitions()),
    () => ({ total: partitions.count, owned: (owner as PartitionOwner).states() }),
  );
  const outboxTopics = {
    escalations: config.topics.slaEscalations,
    breaches: config.topics.slaBreaches,
    state: config.topics.timerState,
    outcomes: config.topics.slaOutcomes,
  };
  const outboxOn = (p: EventPublisher) => new ObservedSlaOutbox(new KafkaSlaOutbox(p, outboxTopics), timerMetrics);
  const keeper = new ClockKeeper({ ctx, closedRetentionMs: config.closedRetentionMs, clock: Date.now }, store, timers, outboxOn(publisher), outboxOn(firingPublisher));
  const workers = new TimerWorkers(
    { connection, queueName: config.queue, prefixOf, batchSize: config.concurrency, logger, settling: (p) => (owner as PartitionOwner).unavailable().includes(p) },
    keeper,
    store,
    timers,
    (p) => (owner as PartitionOwner).fence(p),
  );
  owner = new PartitionOwner({
    store,
    catchUp: (partition, token) => keeper.catchUp(partition, token, config.concurrency),
    timers,
    workers,
    // Only the records whose key maps to their partition now (after `sla partitions grow`, some do not).
    readChangelog: (ps) => readChangelog(kafka, config.topics.timerState, ps, logger, { partitionCount: partitions.count }),
    logger,
    instanceId,
    checkEveryMs: config.stateCheckMs,
  });
  const ownerRef = owner;
  policies.onSwitch(redecideOnCorrection(keeper, owner, logger));
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: 'sla-timer', logger });
  const eventServer = new KafkaBatchServer({
    kafka,
    service: 'timer',
    groupId: config.groupId,
    sessionTimeoutMs: config.sessionTimeoutMs,
    subscriptions: { [TICKETS_PRIORITIZED]: config.topics.ticketsPrioritized },
    publisher,
    logger,
    onAssignment: (assignment) => ownerRef.assign(assignment[config.topics.ticketsPrioritized] ?? []),
    observer: metrics.consumerObserver(),
    broker,
  });
  const admission = new ApiAdmission(new ApiKeyVerifier(config.apiKeys), config.apiAccess);
  const queueBoard = new QueueBoard(timers);
  return { policies, logger, redis, bullConnection: connection, kafka, publisher, firingPublisher, store, timers, workers, keeper, owner, eventServer, broker, metrics, partitions, admission, queueBoard };
}

/** Redis settings, topics, partitions, producer and policy history before anything is consumed. */
export async function prepareTimer(c: TimerComponents, config: TimerConfig): Promise<void> {
  await ensureHzEverywhere(c.redis, config.redisHz, c.logger);
  const { ticketsPrioritized: input, timerState } = config.topics;
  await ensureTopics(c.kafka, systemTopics({ ...config.topics, slaPolicy: config.policyTopics.policy, slaPolicyStatus: config.policyTopics.status }, { partitions: config.kafkaPartitions }));
  const admin = c.kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [input, timerState] });
    const counts = new Map(topics.map((t) => [t.name, t.partitions.length]));
    const count = counts.get(input) ?? 0;
    if (counts.get(timerState) !== count) {
      throw new Error(`${timerState} has ${counts.get(timerState)} partitions, ${input} ${count}: they must match`);
    }
    c.partitions.counted(count);
    c.queueBoard.show(count);
  } finally {
    await admin.disconnect();
  }
  await c.publisher.connect();
  await c.firingPublisher.connect();
  // The history read to its end before any decision: catch-ups and batches read it.
  await c.policies.start();
  c.owner.start();
}

/**
 * After the consumer has drained (Nest closes microservices first); also after a `prepare` that
 * failed half-way: each step stops only what was started, and the connections close whatever
 * their state.
 */
export async function stopTimer(c: TimerComponents): Promise<void> {
  await c.policies.stop();
  await c.owner.stop();
  await c.workers.stopAll();
  await c.timers.close();
  if (c.bullConnection instanceof Cluster) await c.bullConnection.quit().catch(() => undefined);
  await Promise.all([c.publisher.disconnect().catch(() => undefined), c.firingPublisher.disconnect().catch(() => undefined)]);
  await c.redis.quit().catch(() => undefined);
}
