import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiKeyGuard, ApiKeyVerifier, ProblemDetailsFilter, serviceLogging } from '@stageplus/http';
import { KafkaEventServer } from '@stageplus/kafka';
import { Logger, LoggerModule, type Params } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { HealthController } from './health/health.controller';
import { TICKETS_PRIORITIZED, TicketPrioritizedHandler } from './sla-clocks/apply-ticket-event/ticket-prioritized.handler';
import { TicketSlaController } from './sla-clocks/read-sla/ticket-sla.controller';
import type { TimerConfig } from './timer.config';
import { ADAPTER_LOGGER, TIMER_CONFIG, TimerRuntime } from './timer.runtime';

@Module({})
class TimerModule {
  static forRoot(config: TimerConfig, logger: PinoLogger, logParams: Params): DynamicModule {
    return {
      module: TimerModule,
      imports: [LoggerModule.forRoot(logParams)],
      controllers: [TicketPrioritizedHandler, TicketSlaController, HealthController],
      providers: [
        { provide: TIMER_CONFIG, useValue: config },
        { provide: ADAPTER_LOGGER, useValue: logger },
        { provide: ApiKeyVerifier, useValue: new ApiKeyVerifier(config.apiKeys) },
        ApiKeyGuard,
        TimerRuntime,
      ],
    };
  }
}

/**
 * The timer service: a Kafka consumer of prioritized ticket events, a BullMQ worker of threshold
 * timers, and an HTTP API. Call `startTimerApp` to run it.
 */
export async function createTimerApp(config: TimerConfig): Promise<INestApplication> {
  const { logger, params } = serviceLogging({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, service: 'timer' });
  const app = await NestFactory.create(TimerModule.forRoot(config, logger, params), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  const runtime = app.get(TimerRuntime);
  await runtime.prepare();
  const eventServer = new KafkaEventServer({
    kafka: runtime.kafka,
    service: 'timer',
    groupId: config.TIMER_GROUP_ID,
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    subscriptions: { [TICKETS_PRIORITIZED]: config.TOPIC_TICKETS_PRIORITIZED },
    publisher: runtime.publisher,
    logger,
  });
  runtime.eventServer = eventServer;
  // Not the HTTP filters: the Kafka handler's errors go back to the transport as thrown
  // (its own @UseFilters; a connected microservice takes no global filters).
  app.connectMicroservice({ strategy: eventServer }, { inheritAppConfig: false });
  app.enableShutdownHooks();
  return app;
}

/** Starts consuming and serving; resolves with the HTTP URL. */
export async function startTimerApp(app: INestApplication, config: TimerConfig): Promise<string> {
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  return app.getUrl();
}
