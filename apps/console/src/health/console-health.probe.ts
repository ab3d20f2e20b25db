import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, down, up, type Readiness } from '@stageplus/http';
import { BrokerWatch } from '@stageplus/kafka';
import { SlaTopicsConsumer } from '../feed/sla-topics.consumer';

/**
 * Ready while a broker answers and the console follows the SLA topics (its feed and compliance
 * come from them). The timer is not a check: without it the board and ticket pages say so, and
 * the feed still works.
 */
@Injectable()
export class ConsoleHealthProbe extends BrokerWatchingProbe {
  readonly service = 'console';

  constructor(
    @Inject(SlaTopicsConsumer) private readonly consumer: SlaTopicsConsumer,
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
    return { checks: { broker: brokerCheck(this.broker), consumer } };
  }
}
