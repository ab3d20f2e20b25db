import { Inject, Injectable } from '@nestjs/common';
import { producerCheck, type HealthProbe, type Readiness } from '@stageplus/http';
import { ProducerConnection } from '../kafka/producer-connection';
import { SERVICE_NAME } from '../intake.tokens';

/** Intake can accept events while its producer is connected; nothing it holds needs a restart. */
@Injectable()
export class IntakeHealthProbe implements HealthProbe {
  readonly service = SERVICE_NAME;

  constructor(@Inject(ProducerConnection) private readonly connection: ProducerConnection) {}

  fatal(): string | null {
    return null;
  }

  async readiness(): Promise<Readiness> {
    return { checks: { producer: producerCheck(this.connection) } };
  }
}
