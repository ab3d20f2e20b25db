import { Module, type DynamicModule } from '@nestjs/common';
import { ApiAdmission, HEALTH_PROBE, HealthController } from '@stageplus/http';
import { BrokerWatch, EventPublisher } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { Connectors } from '@stageplus/sla-connectors';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import { IngestEventsController } from './events/ingest-events/ingest-events.controller';
import { INGEST_SETTINGS, IngestEventsService } from './events/ingest-events/ingest-events.service';
import { TenantEventQuota } from './events/tenant-quota/tenant-event-quota';
import { IntakeHealthProbe } from './health/intake-health.probe';
import type { IntakeComponents } from './intake.components';
import { PRODUCER_CONNECTION } from './intake.tokens';
import { OpenApiController } from './openapi/openapi.controller';
import { ReceiveWebhookController } from './webhooks/receive-webhook.controller';
import { ReceiveWebhookService } from './webhooks/receive-webhook.service';

/** The intake service's wiring: its parts are built in `intake.components.ts` and handed over. */
@Module({})
export class IntakeModule {
  static register(c: IntakeComponents): DynamicModule {
    return {
      module: IntakeModule,
      controllers: [IngestEventsController, ReceiveWebhookController, HealthController, OpenApiController],
      providers: [
        { provide: ApiAdmission, useValue: c.admission },
        { provide: ServiceMetrics, useValue: c.metrics },
        { provide: EventPublisher, useValue: c.publisher },
        { provide: PRODUCER_CONNECTION, useValue: c.connection },
        { provide: BrokerWatch, useValue: c.broker },
        { provide: Connectors, useValue: c.connectors },
        { provide: PolicyFollower, useValue: c.policies },
        { provide: INGEST_SETTINGS, useValue: c.ingest },
        { provide: TenantEventQuota, useValue: c.quota },
        { provide: HEALTH_PROBE, useClass: IntakeHealthProbe },
        IngestEventsService,
        ReceiveWebhookService,
      ],
    };
  }
}
