import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, consumerCheck, down, producerCheck, redisCheck, up, type ConsumerState, type Readiness, type RunnableBrokerState } from '@stageplus/http';
import type { FollowedPolicies } from '../sla-clocks/follow-policy/followed-policies';
import type { PartitionStates } from '../sla-clocks/ownership/ownership-ports';
import { BROKER_WATCH, EVENT_PUBLISHER, EVENT_SERVER, PARTITION_STATES, POLICY_HISTORY, REDIS, TIMER_WORKERS } from '../timer.tokens';

/** The Kafka producer, as readiness reads it. */
export type ProducerState = Parameters<typeof producerCheck>[0];
/** The timer's Redis connection, as readiness reads it. */
export type RedisPing = Parameters<typeof redisCheck>[0];
/** The BullMQ workers of the owned partitions: false once one of them stopped running. */
export interface WorkersState {
  readonly healthy: boolean;
}

/**
 * The timer is ready when it can do its work now: reach a broker (its watch probes one every 2 s),
 * consume (running, in its group, no partition stuck), publish,
 * reach Redis, run the timers of its partitions, and read their state (none being rebuilt).
 * Besides the checks, readiness lists the partitions it owns, and the stuck or rebuilding ones.
 */
@Injectable()
export class TimerHealthProbe extends BrokerWatchingProbe {
  readonly service = 'timer';

  constructor(
    @Inject(BROKER_WATCH) broker: RunnableBrokerState,
    @Inject(EVENT_SERVER) private readonly consumer: ConsumerState,
    @Inject(EVENT_PUBLISHER) private readonly producer: ProducerState,
    @Inject(REDIS) private readonly redis: RedisPing,
    @Inject(TIMER_WORKERS) private readonly workers: WorkersState,
    @Inject(PARTITION_STATES) private readonly owner: PartitionStates,
    @Inject(POLICY_HISTORY) private readonly policies: FollowedPolicies,
  ) {
    super(broker);
  }

  fatal(): string | null {
    const crash = this.consumer.fatalCrash;
    return crash === null ? null : `the consumer stopped: ${crash}`;
  }

  async readiness(): Promise<Readiness> {
    const stuck = this.consumer.stuckPartitions();
    const rebuilding = this.owner.unavailable();
    return {
      checks: {
        broker: brokerCheck(this.broker),
        consumer: consumerCheck(this.consumer),
        producer: producerCheck(this.producer),
        redis: await redisCheck(this.redis),
        timers: this.workers.healthy ? up() : down("a partition's BullMQ worker stopped running"),
        state: rebuilding.length === 0 ? up() : down(`rebuilding partitions ${rebuilding.join(', ')} from the changelog`),
        policy: this.policies.ready ? up(this.policies.describe()) : down(this.policies.describe()),
      },
      extra: {
        partitions: this.owner.partitions(),
        ...(stuck.length > 0 ? { stuckPartitions: stuck } : {}),
        ...(rebuilding.length > 0 ? { rebuildingPartitions: rebuilding } : {}),
      },
    };
  }
}
