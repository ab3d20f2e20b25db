import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, down, producerCheck, up, type Readiness } from '@stageplus/http';
import { BrokerWatch } from '@stageplus/kafka';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import type { RetryingConnection } from '../kafka/retrying-connection';
import { PRODUCER_CONNECTION, SERVICE_NAME } from '../intake.tokens';

/**
 * Intake can accept events while a broker answers and its producer is connected, and map webhook
 * deliveries once it holds the policy history (`policy`, naming the version in force); nothing it
 * holds needs a restart. It runs the broker watch (which `POST /v1/events` reads to fail fast).
 */
@Injectable()
export class IntakeHealthProbe extends BrokerWatchingProbe {
  readonly service = SERVICE_NAME;

  constructor(
    @Inject(PRODUCER_CONNECTION) private readonly connection: RetryingConnection,
    @Inject(PolicyFollower) private readonly policies: PolicyFollower,
    @Inject(BrokerWatch) broker: BrokerWatch,
  ) {
    super(broker);
  }

  fatal(): string | null {
    return null;
  }

  async readiness(): Promise<Readiness> {
    const policy = this.policies.ready ? up(this.policies.describe()) : down(this.policies.describe());
    return { checks: { broker: brokerCheck(this.broker), producer: producerCheck(this.connection), policy } };
  }
}
