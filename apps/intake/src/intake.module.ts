import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiAdmission, ApiKeyVerifier, HEALTH_PROBE, HealthController, loggerOptions, ProblemDetailsFilter, MetricsModule } from '@stageplus/http';
import { BrokerWatch, createKafka, EventPublisher } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { Connectors, loadConnectorsFile } from '@stageplus/sla-connectors';
import { loadDefaultPolicy, loadPolicyFile } from '@stageplus/sla-policy';
import { LoggerModule } from 'nestjs-pino';
import { IngestEventsController } from './events/ingest-events/ingest-events.controller';
import { INGEST_SETTINGS, IngestEventsService, type IngestSettings } from './events/ingest-events/ingest-events.service';
import { IntakeHealthProbe } from './health/intake-health.probe';
import type { IntakeConfig } from './intake.config';
import { nestAdapterLogger } from './kafka/nest-adapter-logger';
import { ProducerConnection } from './kafka/producer-connection';
import { SERVICE_NAME } from './intake.tokens';
import { OpenApiController } from './openapi/openapi.controller';
import { ReceiveWebhookController } from './webhooks/receive-webhook.controller';
import { ReceiveWebhookService, WEBHOOK_POLICY } from './webhooks/receive-webhook.service';

export { SERVICE_NAME } from './intake.tokens';

/** The intake service's wiring, built from its typed configuration. */
@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    const settings: IngestSettings = { topic: config.ticketEventsTopic, publishTimeoutMs: config.publishTimeoutMs };
    const metrics = new ServiceMetrics(SERVICE_NAME);
    // Read and validated before anything starts: a bad connectors file stops intake, naming the field.
    const connectors = config.connectorsFile === undefined ? new Connectors() : loadConnectorsFile(config.connectorsFile);
    const policy = config.policyFile === undefined ? loadDefaultPolicy() : loadPolicyFile(config.policyFile);
    return {
      module: IntakeModule,
      imports: [
        LoggerModule.forRoot(loggerOptions({ level: config.logLevel, format: config.logFormat, service: SERVICE_NAME })),
        MetricsModule.register({ metrics, token: config.metricsToken }),
      ],
      controllers: [IngestEventsController, ReceiveWebhookController, HealthController, OpenApiController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: ApiAdmission, useValue: new ApiAdmission(new ApiKeyVerifier(config.apiKeys), config.apiAccess) },
        {
          provide: EventPublisher,
          useFactory: () =>
            new EventPublisher(
              createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: nestAdapterLogger('kafkajs') }),
              config.publishTimeoutMs,
              metrics.publisherObserver(),
            ),
        },
        {
          provide: ProducerConnection,
          inject: [EventPublisher],
          useFactory: (publisher: EventPublisher) => new ProducerConnection(publisher, nestAdapterLogger(ProducerConnection.name)),
        },
        {
          provide: BrokerWatch,
          useFactory: () => new BrokerWatch({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: nestAdapterLogger(BrokerWatch.name) }),
        },
        { provide: HEALTH_PROBE, useClass: IntakeHealthProbe },
        { provide: INGEST_SETTINGS, useValue: settings },
        IngestEventsService,
        { provide: Connectors, useValue: connectors },
        { provide: WEBHOOK_POLICY, useValue: policy },
        ReceiveWebhookService,
      ],
    };
  }
}
