import { Module, type DynamicModule } from '@nestjs/common';
import { HEALTH_PROBE, HealthController } from '@stageplus/http';
import { PriorityHealthProbe } from './health/priority-health.probe';
import type { PriorityComponents } from './priority.components';
import type { PriorityConfig } from './priority.config';
import { BROKER_WATCH, EVENT_PUBLISHER, EVENT_SERVER, PRIORITY_CONFIG, REDIS, SLA_POLICIES } from './priority.tokens';
import { PrioritizeTicketHandler } from './tickets/prioritize-ticket/prioritize-ticket.handler';
import { TicketClassificationStore } from './tickets/prioritize-ticket/ticket-classification.store';

/** The priority service's wiring: its parts are built in `priority.components.ts` and handed over. */
@Module({})
export class PriorityModule {
  static register(c: PriorityComponents, config: PriorityConfig): DynamicModule {
    return {
      module: PriorityModule,
      controllers: [HealthController, PrioritizeTicketHandler],
      providers: [
        { provide: PRIORITY_CONFIG, useValue: config },
        { provide: SLA_POLICIES, useValue: c.policies },
        { provide: EVENT_PUBLISHER, useValue: c.publisher },
        { provide: EVENT_SERVER, useValue: c.eventServer },
        { provide: BROKER_WATCH, useValue: c.broker },
        { provide: REDIS, useValue: c.redis },
        { provide: TicketClassificationStore, useValue: c.classifications },
        { provide: HEALTH_PROBE, useClass: PriorityHealthProbe },
      ],
    };
  }
}
