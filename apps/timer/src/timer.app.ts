import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiKeyGuard, ApiKeyVerifier, ProblemDetailsFilter } from '@stageplus/http';
import { KafkaEventServer, RethrowRpcErrorsFilter } from '@stageplus/kafka';
import { Logger, LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { HealthController } from './health/health.controller';
import { TICKETS_PRIORITIZED, TicketPrioritizedHandler } from './sla-clocks/apply-ticket-event/ticket-prioritized.handler';
import { TicketSlaController } from './sla-clocks/read-sla/ticket-sla.controller';
import type { TimerConfig } from './timer.config';
import { ADAPTER_LOGGER, TIMER_CONFIG, TimerRuntime } from './timer.runtime';

@Module({})
class TimerModule {
  static forRoot(config: TimerConfig, logger: pino.Logger): DynamicModule {
    return {
      module: TimerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false } })],
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

/** The timer's logger: JSON, or one pretty line per entry for a terminal. */
export function timerLogger(config: TimerConfig): pino.Logger {
  return pino({
    name: 'timer',
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization'],
    transport:
      config.LOG_FORMAT === 'pretty'
        ? { target: 'pino-pretty', options: { singleLine: true, colorize: true, ignore: 'pid,hostname' } }
        : undefined,
  });
}

/**
 * The timer service: a Kafka consumer of prioritized ticket events, a BullMQ worker of threshold
 * timers, and an HTTP API. Call `startTimerApp` to run it.
 */
export async function createTimerApp(config: TimerConfig): Promise<INestApplication> {
  const logger = timerLogger(config);
  const app = await NestFactory.create(TimerModule.forRoot(config, logger), { bufferLogs: true });
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
  // Not the HTTP filters: Kafka handlers' errors go back to the transport as thrown.
  app.connectMicroservice({ strategy: eventServer }, { inheritAppConfig: false }).useGlobalFilters(new RethrowRpcErrorsFilter());
  app.enableShutdownHooks();
  return app;
}

/** Starts consuming and serving; resolves with the HTTP URL. */
export async function startTimerApp(app: INestApplication, config: TimerConfig): Promise<string> {
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  return app.getUrl();
}
