import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { brokerCheck, producerCheck, type HealthProbe, type Readiness } from '@stageplus/http';
import { BrokerWatch } from '@stageplus/kafka';
import { ProducerConnection } from '../kafka/producer-connection';
import { SERVICE_NAME } from '../intake.tokens';

/**
 * Intake can accept events while a broker answers and its producer is connected; nothing it holds
 * needs a restart. It runs the broker watch (which `POST /v1/events` reads to fail fast).
 */
@Injectable()
export class IntakeHealthProbe implements HealthProbe, OnApplicationBootstrap, OnApplicationShutdown {
  readonly service = SERVICE_NAME;

  constructor(
    @Inject(ProducerConnection) private readonly connection: ProducerConnection,
    @Inject(BrokerWatch) private readonly broker: BrokerWatch,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.broker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.broker.stop();
  }

  fatal(): string | null {
    return null;
  }

  async readiness(): Promise<Readiness> {
    return { checks: { broker: brokerCheck(this.broker), producer: producerCheck(this.connection) } };
  }
}
