import { Inject, Injectable } from '@nestjs/common';
import { brokerCheck, BrokerWatchingProbe, consumerCheck, down, producerCheck, redisCheck, up, type ConsumerState, type HealthCheck, type Readiness, type RunnableBrokerState } from '@stageplus/http';
import { BrokerWatch, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import { Redis } from 'ioredis';
import { DESTINATION_SENDERS, SERVICE_NAME } from '../bridge.tokens';

/** What readiness asks of a destination: its name, and whether its deliveries keep failing. */
export interface DestinationHealth {
  readonly destination: { readonly name: string };
  readonly forwarder: { failing(): { since: number; reason: string } | null };
}

/**
 * The bridge is ready when a broker answers (the watch it runs), it consumes, can dead-letter, remembers deliveries (Redis) and the
 * destinations take what it sends. While one fails, deliveries wait and retry: not ready, naming
 * the destination and the reason, so that an on-call tool's outage shows on the monitor's own dashboards.
 */
@Injectable()
export class BridgeHealthProbe extends BrokerWatchingProbe {
  readonly service = SERVICE_NAME;

  constructor(
    @Inject(KafkaBatchServer) private readonly consumer: ConsumerState,
    @Inject(EventPublisher) private readonly publisher: Parameters<typeof producerCheck>[0],
    @Inject(Redis) private readonly redis: Parameters<typeof redisCheck>[0],
    @Inject(DESTINATION_SENDERS) private readonly senders: readonly DestinationHealth[],
    @Inject(BrokerWatch) broker: RunnableBrokerState,
  ) {
    super(broker);
  }

  fatal(): string | null {
    return this.consumer.fatalCrash;
  }

  async readiness(): Promise<Readiness> {
    return {
      checks: {
        broker: brokerCheck(this.broker),
        consumer: consumerCheck(this.consumer),
        producer: producerCheck(this.publisher),
        redis: await redisCheck(this.redis),
        webhook: this.webhookCheck(),
      },
    };
  }

  private webhookCheck(): HealthCheck {
    const failing = this.senders.flatMap((s) => {
      const f = s.forwarder.failing();
      return f === null ? [] : [`${this.senders.length > 1 ? `${s.destination.name}: ` : ''}deliveries failing since ${new Date(f.since).toISOString()}, retrying: ${f.reason}`];
    });
    return failing.length === 0 ? up() : down(failing.join('; '));
  }
}
