import { Inject, Injectable } from '@nestjs/common';
import type { EventPublisher, KafkaEventServer } from '@stageplus/kafka';
import type { Redis } from 'ioredis';
import type { Consumer } from 'kafkajs';
import { EVENT_PUBLISHER, KAFKA_EVENT_SERVER, REDIS } from '../priority.tokens';

export type Dependency = 'consumer' | 'producer' | 'redis';
export type DependencyState = 'up' | 'down';

/** Whether the service can do its work: consume, publish, and read and write classifications. */
@Injectable()
export class ReadinessProbe {
  private fatalCrash: string | null = null;

  constructor(
    @Inject(KAFKA_EVENT_SERVER) private readonly eventServer: KafkaEventServer,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Follows the running consumer: kafkajs restarts it after a retriable crash, but after any
   * other it stays stopped while the process lives on, so the service must say it is dead.
   */
  watch(consumer: Consumer): void {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.fatalCrash = payload.error.message;
    });
  }

  /** Why the service cannot recover by itself (restart it), or null. */
  get fatal(): string | null {
    return this.fatalCrash;
  }

  checks(): Record<Dependency, DependencyState> {
    const consuming = this.eventServer.unwrap<Consumer | null>() !== null && this.fatalCrash === null;
    return {
      consumer: consuming ? 'up' : 'down',
      producer: this.publisher.isConnected ? 'up' : 'down',
      redis: this.redis.status === 'ready' ? 'up' : 'down',
    };
  }
}
