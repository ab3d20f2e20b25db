import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, consumerCheck, down, producerCheck, redisCheck, up, type Readiness } from '@stageplus/http';
import type { TimerComponents } from '../timer.components';
import { TIMER } from '../timer.tokens';

/**
 * The timer is ready when it can do its work now: reach a broker (its watch probes one every 2 s),
 * consume (running, in its group, no partition stuck), publish,
 * reach Redis, run the timers of its partitions, and read their state (none being rebuilt).
 * Besides the checks, readiness lists the partitions it owns, and the stuck or rebuilding ones.
 */
@Injectable()
export class TimerHealthProbe extends BrokerWatchingProbe {
  readonly service = 'timer';
  constructor(@Inject(TIMER) private readonly timer: TimerComponents) {
    super(timer.broker);
  }

  fatal(): string | null {
    const crash = this.timer.eventServer.fatalCrash;
    return crash === null ? null : `the consumer stopped: ${crash}`;
  }

  async readiness(): Promise<Readiness> {
    const stuck = this.timer.eventServer.stuckPartitions();
    const rebuilding = this.timer.owner.unavailable();
    return {
      checks: {
        broker: brokerCheck(this.broker),
        consumer: consumerCheck(this.timer.eventServer),
        producer: producerCheck(this.timer.publisher),
        redis: await redisCheck(this.timer.redis),
        timers: this.timer.workers.healthy ? up() : down("a partition's BullMQ worker stopped running"),
        state: rebuilding.length === 0 ? up() : down(`rebuilding partitions ${rebuilding.join(', ')} from the changelog`),
        policy: this.timer.policies.ready ? up(this.timer.policies.describe()) : down(this.timer.policies.describe()),
      },
      extra: {
        partitions: this.timer.owner.partitions(),
        ...(stuck.length > 0 ? { stuckPartitions: stuck } : {}),
        ...(rebuilding.length > 0 ? { rebuildingPartitions: rebuilding } : {}),
      },
    };
  }
}
