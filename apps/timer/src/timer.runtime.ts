import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createKafka, EventPublisher, ensureTopics, type AdapterLogger } from '@stageplus/kafka';
import { loadDefaultPolicy, loadPolicyFile, type SlaPolicy } from '@stageplus/sla-policy';
import { Queue, Worker, type Job } from 'bullmq';
import type { Kafka } from 'kafkajs';
import Redis from 'ioredis';
import { TicketClockStore } from './sla-clocks/clock-store/ticket-clock.store';
import { TicketLock } from './sla-clocks/clock-store/ticket-lock';
import { SlaNotificationsPublisher } from './sla-clocks/publish/sla-notifications.publisher';
import { BullmqThresholdScheduler, type ThresholdJobData } from './sla-clocks/scheduling/bullmq-threshold.scheduler';
import { SlaClockService } from './sla-clocks/sla-clock.service';
import type { TimerConfig } from './timer.config';

export const TIMER_CONFIG = Symbol('TimerConfig');
export const ADAPTER_LOGGER = Symbol('AdapterLogger');

/**
 * The timer's composition root: the Redis connection, the Kafka producer, the BullMQ queue and
 * worker, and the clock service that ties them to the engine. Started after the module is
 * ready; stopped after the Kafka consumer has drained (Nest closes microservices first), so
 * the work in flight finishes against live connections.
 */
@Injectable()
export class TimerRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly policy: SlaPolicy;
  readonly redis: Redis;
  readonly publisher: EventPublisher;
  readonly kafka: Kafka;
  readonly queue: Queue<ThresholdJobData>;
  readonly scheduler: BullmqThresholdScheduler;
  readonly clocks: SlaClockService;
  private worker: Worker<ThresholdJobData> | null = null;
  /** The Kafka transport, once connected: readiness includes it. */
  eventServer: { readonly healthy: boolean } | null = null;

  constructor(
    @Inject(TIMER_CONFIG) readonly config: TimerConfig,
    @Inject(ADAPTER_LOGGER) private readonly logger: AdapterLogger,
  ) {
    this.policy = config.POLICY_FILE ? loadPolicyFile(config.POLICY_FILE) : loadDefaultPolicy();
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 20, lazyConnect: false });
    this.kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'sla-timer', logger });
    this.publisher = new EventPublisher(this.kafka);
    this.queue = new Queue<ThresholdJobData>(config.TIMER_QUEUE, { connection: bullConnection(config.REDIS_URL) });
    this.scheduler = new BullmqThresholdScheduler(this.queue, this.redis, config.REDIS_PREFIX);
    const notifications = new SlaNotificationsPublisher(this.publisher, {
      escalations: config.TOPIC_SLA_ESCALATIONS,
      breaches: config.TOPIC_SLA_BREACHES,
    });
    this.clocks = new SlaClockService(
      { policy: this.policy },
      new TicketClockStore(this.redis, config.REDIS_PREFIX),
      new TicketLock(this.redis, config.REDIS_PREFIX),
      this.scheduler,
      notifications,
    );
  }

  /** Topics and producer first, so that the consumer and the worker can publish from their first message. */
  async prepare(): Promise<void> {
    const c = this.config;
    await ensureTopics(this.kafka, [c.TOPIC_TICKETS_PRIORITIZED, `${c.TOPIC_TICKETS_PRIORITIZED}.dlq`, c.TOPIC_SLA_ESCALATIONS, c.TOPIC_SLA_BREACHES]);
    await this.publisher.connect();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker<ThresholdJobData>(this.config.TIMER_QUEUE, (job) => this.fire(job), {
      connection: bullConnection(this.config.REDIS_URL),
      concurrency: this.config.TIMER_CONCURRENCY,
      // A threshold job must not end up failed for good (the threshold would never fire):
      // retries back off to at most 30 s and go on, and a job stalled by crashes is retried too.
      settings: { backoffStrategy: (attemptsMade: number) => Math.min(30_000, 250 * 2 ** Math.min(attemptsMade, 10)) },
      maxStalledCount: 1_000,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'threshold job failed'),
    );
    this.worker.on('error', (error) => this.logger.error({ err: error.message }, 'threshold worker error'));
    await this.worker.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await this.publisher.disconnect().catch(() => undefined);
    await this.redis.quit().catch(() => undefined);
  }

  get ready(): boolean {
    return (
      this.publisher.isConnected &&
      this.redis.status === 'ready' &&
      this.worker?.isRunning() === true &&
      this.eventServer?.healthy === true
    );
  }

  private async fire(job: Job<ThresholdJobData>): Promise<void> {
    // A job is due at its instant; a clock a millisecond behind must not make it a no-op.
    await this.clocks.tick(job.data, job.data.at, job.id);
  }
}

/** BullMQ wants its own connections, with no per-request retry limit on blocking commands. */
function bullConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password || undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
