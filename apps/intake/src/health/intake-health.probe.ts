import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, producerCheck, type Readiness } from '@stageplus/http';
import { BrokerWatch } from '@stageplus/kafka';
import { ProducerConnection } from '../kafka/producer-connection';
import { SERVICE_NAME } from '../intake.tokens';

/**
 * Intake can accept events while a broker answers and its producer is connected; nothing it holds
 * needs a restart. It runs the broker watch (which `POST /v1/events` reads to fail fast).
 */
@Injectable()
export class IntakeHealthProbe extends BrokerWatchingProbe {
  readonly service = SERVICE_NAME;

  constructor(
    @Inject(ProducerConnection) private readonly connection: ProducerConnection,
    @Inject(BrokerWatch) broker: BrokerWatch,
  ) {
    super(broker);
  }

  fatal(): string | null {
    return null;
  }

  async readiness(): Promise<Readiness> {
    return { checks: { broker: brokerCheck(this.broker), producer: producerCheck(this.connection) } };
  }
}
