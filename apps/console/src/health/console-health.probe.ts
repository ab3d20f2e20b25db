import { Inject, Injectable } from '@nestjs/common';
import { down, up, type HealthProbe, type Readiness } from '@stageplus/http';
import { SlaTopicsConsumer } from '../feed/sla-topics.consumer';

/**
 * Ready while the console follows the SLA topics (its feed and compliance come from them). The
 * timer is not a check: without it the board and ticket pages say so, and the feed still works.
 */
@Injectable()
export class ConsoleHealthProbe implements HealthProbe {
  readonly service = 'console';

  constructor(@Inject(SlaTopicsConsumer) private readonly consumer: SlaTopicsConsumer) {}

  fatal(): string | null {
    return this.consumer.fatalCrash;
  }

  async readiness(): Promise<Readiness> {
    const fatal = this.consumer.fatalCrash;
    return { checks: { consumer: fatal !== null ? down(`the consumer stopped: ${fatal}`) : this.consumer.healthy ? up() : down('the consumer is not running') } };
  }
}
