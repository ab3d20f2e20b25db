import { brokerCheck, BrokerWatchingProbe, consumerCheck, down, producerCheck, redisCheck, up, type HealthCheck, type Readiness } from '@stageplus/http';
import type { BrokerWatch, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import type { Redis } from 'ioredis';
import type { DestinationSender } from '../forward-alerts/destination-sender';
import { SERVICE_NAME } from '../bridge.tokens';

/**
 * The bridge is ready when a broker answers (the watch it runs), it consumes, can dead-letter, remembers deliveries (Redis) and the
 * destinations take what it sends. While one fails, deliveries wait and retry: not ready, naming
 * the destination and the reason, so that an on-call tool's outage shows on the monitor's own dashboards.
 */
export class BridgeHealthProbe extends BrokerWatchingProbe {
  readonly service = SERVICE_NAME;

  constructor(
    private readonly eventServer: KafkaBatchServer,
    private readonly publisher: EventPublisher,
    private readonly redis: Redis,
    private readonly senders: readonly DestinationSender[],
    broker: BrokerWatch,
  ) {
    super(broker);
  }

  fatal(): string | null {
    return this.eventServer.fatalCrash;
  }

  async readiness(): Promise<Readiness> {
    return {
      checks: {
        broker: brokerCheck(this.broker),
        consumer: consumerCheck(this.eventServer),
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
