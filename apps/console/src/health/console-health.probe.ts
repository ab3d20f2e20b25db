import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, down, up, type Readiness } from '@stageplus/http';
import { BrokerWatch } from '@stageplus/kafka';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import { SlaTopicsConsumer } from '../feed/sla-topics.consumer';

/**
 * Ready while a broker answers, the console follows the SLA topics (its feed and compliance
 * come from them) and it holds the policy history read to its end (names and zones). The timer is not a check: without it the board and ticket pages say so, and
 * the feed still works.
 */
@Injectable()
export class ConsoleHealthProbe extends BrokerWatchingProbe {
  readonly service = 'console';

  constructor(
    @Inject(SlaTopicsConsumer) private readonly consumer: SlaTopicsConsumer,
    @Inject(PolicyFollower) private readonly policies: PolicyFollower,
    @Inject(BrokerWatch) broker: BrokerWatch,
  ) {
    super(broker);
  }

  fatal(): string | null {
    return this.consumer.fatalCrash;
  }

  async readiness(): Promise<Readiness> {
    const fatal = this.consumer.fatalCrash;
    const consumer = fatal !== null ? down(`the consumer stopped: ${fatal}`) : this.consumer.healthy ? up() : down('the consumer is not running');
    const policy = this.policies.ready ? up(this.policies.describe()) : down(this.policies.describe());
    return { checks: { broker: brokerCheck(this.broker), consumer, policy } };
  }
}
