import { Module, type DynamicModule } from '@nestjs/common';
import { HEALTH_PROBE, HealthController } from '@stageplus/http';
import { BrokerWatch, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import { Redis } from 'ioredis';
import type { BridgeComponents } from './bridge.components';
import { DESTINATION_SENDERS, LOGGER } from './bridge.tokens';
import { ForwardAlertsHandler } from './forward-alerts/forward-alerts.handler';
import { BridgeHealthProbe } from './health/bridge-health.probe';

/** The bridge's wiring: its parts are built in `bridge.components.ts` and handed over, one provider each. */
@Module({})
export class BridgeModule {
  static register(c: BridgeComponents): DynamicModule {
    return {
      module: BridgeModule,
      controllers: [HealthController, ForwardAlertsHandler],
      providers: [
        { provide: DESTINATION_SENDERS, useValue: c.senders },
        { provide: EventPublisher, useValue: c.publisher },
        { provide: LOGGER, useValue: c.logger },
        { provide: KafkaBatchServer, useValue: c.eventServer },
        { provide: Redis, useValue: c.redis },
        { provide: BrokerWatch, useValue: c.broker },
        { provide: HEALTH_PROBE, useClass: BridgeHealthProbe },
      ],
    };
  }
}
