import { Inject, Injectable } from '@nestjs/common';
import type { EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import type { Redis } from 'ioredis';
import type { Consumer } from 'kafkajs';
import { EVENT_PUBLISHER, EVENT_SERVER, REDIS } from '../priority.tokens';

export type Dependency = 'consumer' | 'producer' | 'redis';
/** `stuck`: the consumer runs, but some partition has been retrying one batch for too long. */
export type DependencyState = 'up' | 'down' | 'stuck';

export interface Readiness {
  readonly checks: Record<Dependency, DependencyState>;
  /** `topic/partition` of each partition retrying one batch for longer than `KAFKA_STUCK_AFTER_MS`. */
  readonly stuckPartitions: readonly string[];
}

/** Whether the service can do its work: consume, publish, and read and write classifications. */
@Injectable()
export class ReadinessProbe {
  private fatalCrash: string | null = null;

  constructor(
    @Inject(EVENT_SERVER) private readonly eventServer: KafkaBatchServer,
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

  readiness(): Readiness {
    const stuckPartitions = this.eventServer.stuckPartitions();
    const consuming = this.eventServer.healthy && this.fatalCrash === null;
    return {
      checks: {
        consumer: !consuming ? 'down' : stuckPartitions.length > 0 ? 'stuck' : 'up',
        producer: this.publisher.isConnected ? 'up' : 'down',
        redis: this.redis.status === 'ready' ? 'up' : 'down',
      },
      stuckPartitions,
    };
  }
}
