import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiKeyVerifier, loggerOptions, ProblemDetailsFilter } from '@stageplus/http';
import { createKafka, EventPublisher } from '@stageplus/kafka';
import { LoggerModule } from 'nestjs-pino';
import { IngestEventsController } from './events/ingest-events/ingest-events.controller';
import { INGEST_SETTINGS, IngestEventsService, type IngestSettings } from './events/ingest-events/ingest-events.service';
import { HealthController } from './health/health.controller';
import type { IntakeConfig } from './intake.config';
import { nestAdapterLogger } from './kafka/nest-adapter-logger';
import { ProducerConnection } from './kafka/producer-connection';
import { OpenApiController } from './openapi/openapi.controller';

export const SERVICE_NAME = 'intake';

/** The intake service's wiring, built from its typed configuration. */
@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    const settings: IngestSettings = { topic: config.ticketEventsTopic, publishTimeoutMs: config.publishTimeoutMs };
    return {
      module: IntakeModule,
      imports: [LoggerModule.forRoot(loggerOptions({ level: config.logLevel, format: config.logFormat, service: SERVICE_NAME }))],
      controllers: [IngestEventsController, HealthController, OpenApiController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: ApiKeyVerifier, useValue: new ApiKeyVerifier(config.apiKeys) },
        {
          provide: EventPublisher,
          useFactory: () =>
            new EventPublisher(
              createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: nestAdapterLogger('kafkajs') }),
              config.publishTimeoutMs,
            ),
        },
        {
          provide: ProducerConnection,
          inject: [EventPublisher],
          useFactory: (publisher: EventPublisher) => new ProducerConnection(publisher, nestAdapterLogger(ProducerConnection.name)),
        },
        { provide: INGEST_SETTINGS, useValue: settings },
        IngestEventsService,
      ],
    };
  }
}
