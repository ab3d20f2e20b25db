import { brokerCheck, BrokerWatchingProbe, consumerCheck, down, producerCheck, redisCheck, up, type HealthCheck, type Readiness } from '@stageplus/http';
import type { BrokerWatch, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import type { Redis } from 'ioredis';
import type { AlertForwarder } from '../forward-alerts/alert-forwarder';
import { SERVICE_NAME } from '../bridge.tokens';

/**
 * The bridge is ready when a broker answers (the watch it runs), it consumes, can dead-letter, remembers deliveries (Redis) and the
 * webhook takes what it sends. While the webhook fails, deliveries wait and retry: not ready,
 * with the reason, so that the on-call tool's outage shows on the monitor's own dashboards.
 */
export class BridgeHealthProbe extends BrokerWatchingProbe {
  readonly service = SERVICE_NAME;

  constructor(
    private readonly eventServer: KafkaBatchServer,
    private readonly publisher: EventPublisher,
    private readonly redis: Redis,
    private readonly forwarder: AlertForwarder,
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
    const failing = this.forwarder.failing();
    if (failing === null) return up();
    return down(`deliveries failing since ${new Date(failing.since).toISOString()}, retrying: ${failing.reason}`);
  }
}
