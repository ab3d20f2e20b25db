import 'reflect-metadata';
import { Inject, Injectable, Module, type DynamicModule, type INestApplication, type OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiAdmission, ApiKeyGuard, ApiKeyVerifier, HEALTH_PROBE, HealthController, ProblemDetailsFilter, serviceLogging, MetricsModule, timeHttpRequests } from '@stageplus/http';
import { ServiceMetrics } from '@stageplus/metrics';
import { Logger, LoggerModule, type Params } from 'nestjs-pino';
import { TimerHealthProbe } from './health/timer-health.probe';
import { mountQueueBoard } from './queue-board/queue-board';
import { TicketPrioritizedHandler } from './sla-clocks/apply-ticket-event/ticket-prioritized.handler';
import { AtRiskController } from './sla-clocks/read-at-risk/at-risk.controller';
import { TicketSlaController } from './sla-clocks/read-sla/ticket-sla.controller';
import { buildTimer, prepareTimer, stopTimer, type TimerComponents } from './timer.components';
import type { TimerConfig } from './timer.config';
import { TIMER } from './timer.tokens';

/** Closes the timer's connections after the Kafka consumer has drained (Nest closes microservices first). */
@Injectable()
class TimerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(TIMER) private readonly timer: TimerComponents) {}

  async onApplicationShutdown(): Promise<void> {
    await stopTimer(this.timer);
  }
}

@Module({})
class TimerModule {
  static forRoot(components: TimerComponents, logParams: Params): DynamicModule {
    return {
      module: TimerModule,
      imports: [LoggerModule.forRoot(logParams), MetricsModule.register({ metrics: components.metrics, token: components.config.metricsToken })],
      controllers: [TicketPrioritizedHandler, TicketSlaController, AtRiskController, HealthController],
      providers: [
        { provide: TIMER, useValue: components },
        { provide: ApiAdmission, useValue: new ApiAdmission(new ApiKeyVerifier(components.config.apiKeys), components.config.apiAccess) },
        ApiKeyGuard,
        TimerLifecycle,
        { provide: HEALTH_PROBE, useClass: TimerHealthProbe },
      ],
    };
  }
}

/**
 * The timer service: a batch consumer of prioritized ticket events, a BullMQ worker per owned
 * partition, and an HTTP API. Returned prepared (Redis settings, topics, producer); call
 * `startTimerApp` to consume and serve.
 */
export async function createTimerApp(config: TimerConfig): Promise<INestApplication> {
  const { logger, params } = serviceLogging({ level: config.log.level, format: config.log.format, service: 'timer' });
  const components = buildTimer(config, logger);
  const app = await NestFactory.create(TimerModule.forRoot(components, params), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Timing first, so that the queue board's Basic auth refusals are counted too.
  timeHttpRequests(app, app.get(ServiceMetrics));
  app.useGlobalFilters(new ProblemDetailsFilter());
  await prepareTimer(components);
  mountQueueBoard(app, components);
  // The Kafka handler's errors go back to the transport as thrown (its own @UseFilters).
  app.connectMicroservice({ strategy: components.eventServer }, { inheritAppConfig: false });
  return app;
}

/** Starts consuming and serving; resolves with the HTTP URL. */
export async function startTimerApp(app: INestApplication, config: TimerConfig): Promise<string> {
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  return app.getUrl();
}

/** The timer's parts, for tests and tools. */
export const timerOf = (app: INestApplication): TimerComponents => app.get<TimerComponents>(TIMER);
