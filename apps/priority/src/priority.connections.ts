import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ensureTopics, systemTopics, type EventPublisher } from '@stageplus/kafka';
import { describeRedis } from '@stageplus/redis';
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { PriorityConfig } from './priority.config';
import type { PolicyFollower } from '@stageplus/sla-policy-feed';
import { EVENT_PUBLISHER, KAFKA, PRIORITY_CONFIG, REDIS, SLA_POLICIES } from './priority.tokens';

/**
 * Opens the producer and Redis before anything is consumed, and closes them last.
 *
 * Nest closes an app in this order: `onModuleDestroy` and `beforeApplicationShutdown` hooks, then
 * the HTTP server and the connected microservices (the Kafka consumer, which finishes the message
 * in flight), then `onApplicationShutdown` hooks. Closing the producer or Redis in either of the
 * first two would pull them from under that last message; here they close after it.
 */
@Injectable()
export class PriorityConnections implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PRIORITY_CONFIG) private readonly config: PriorityConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SLA_POLICIES) private readonly policies: PolicyFollower,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch((error: Error) => {
      throw new Error(`cannot connect to Redis at ${describeRedis(this.config.redis)}: ${error.message}`);
    });
    // Idempotent: `npm start` created them all before; this covers a service started alone.
    // It returns once a leader serves every partition, so the consumer can subscribe at once.
    await ensureTopics(this.kafka, systemTopics(this.config.topics));
    await this.publisher.connect();
    // The policy history read to its end (or its first version published) before any event.
    await this.policies.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.policies.stop();
    await this.publisher.disconnect();
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}
