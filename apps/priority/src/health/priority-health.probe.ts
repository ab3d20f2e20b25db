import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, consumerCheck, down, producerCheck, redisCheck, up, type Readiness } from '@stageplus/http';
import type { BrokerWatch, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import type { PolicyFollower } from '@stageplus/sla-policy-feed';
import type { RedisClient } from '@stageplus/redis';
import { BROKER_WATCH, EVENT_PUBLISHER, EVENT_SERVER, REDIS, SERVICE_NAME, SLA_POLICIES } from '../priority.tokens';

/**
 * Whether the service can do its work: reach a broker (its watch probes one every 2 s), consume
 * (the consumer runs, is in its group, and no partition is stuck retrying a batch), publish, and
 * read and write classifications (Redis answers a PING).
 * kafkajs restarts a consumer after a retriable crash; after any other it stays stopped while
 * the process lives on: then only a restart helps, and liveness says so.
 */
@Injectable()
export class PriorityHealthProbe extends BrokerWatchingProbe {
  readonly service = SERVICE_NAME;
  constructor(
    @Inject(EVENT_SERVER) private readonly eventServer: KafkaBatchServer,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(BROKER_WATCH) broker: BrokerWatch,
    @Inject(SLA_POLICIES) private readonly policies: PolicyFollower,
  ) {
    super(broker);
  }

  fatal(): string | null {
    const crash = this.eventServer.fatalCrash;
    return crash === null ? null : `the consumer stopped: ${crash}`;
  }

  async readiness(): Promise<Readiness> {
    const stuckPartitions = this.eventServer.stuckPartitions();
    return {
      checks: {
        broker: brokerCheck(this.broker),
        consumer: consumerCheck(this.eventServer), producer: producerCheck(this.publisher),
        redis: await redisCheck(this.redis),
        policy: this.policies.ready ? up(this.policies.describe()) : down(this.policies.describe()),
      },
      // `topic/partition` of each partition retrying one batch for longer than `KAFKA_STUCK_AFTER_MS`.
      extra: stuckPartitions.length > 0 ? { stuckPartitions } : {},
    };
  }
}
