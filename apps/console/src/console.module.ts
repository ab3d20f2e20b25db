import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiAdmission, HEALTH_PROBE, HealthController, ProblemDetailsFilter } from '@stageplus/http';
import { BrokerWatch } from '@stageplus/kafka';
import { MetricsModule } from '@stageplus/metrics';
import { LoggerModule, type Params } from 'nestjs-pino';
import { BoardController } from './board/board.controller';
import { TicketController } from './board/ticket.controller';
import { TimerClient } from './board/timer-client';
import { ComplianceController } from './compliance/compliance.controller';
import { OutcomeStore } from './compliance/outcome-store';
import type { ConsoleComponents } from './console.components';
import { CONSOLE_SETTINGS } from './console.settings';
import { FeedController } from './feed/feed.controller';
import { SlaFeed } from './feed/sla-feed';
import { SlaTopicsConsumer } from './feed/sla-topics.consumer';
import { ConsoleHealthProbe } from './health/console-health.probe';
import { SessionController } from './session/session.controller';
import { SessionStore } from './session/session-store';
import { ViewerGuard } from './session/viewer.guard';
import { TenantDirectory } from './tenants/tenant-directory';

/** Starts following the SLA topics once the app is up, and stops before it goes. */
@Injectable()
class ConsumerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(SlaTopicsConsumer) private readonly consumer: SlaTopicsConsumer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/** The console's wiring: its parts are built in `console.components.ts` and handed over. */
@Module({})
export class ConsoleModule {
  static register(c: ConsoleComponents, logParams: Params): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [LoggerModule.forRoot(logParams), MetricsModule.register({ metrics: c.metrics, token: c.metricsToken })],
      controllers: [SessionController, FeedController, BoardController, TicketController, ComplianceController, HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: ApiAdmission, useValue: c.admission },
        { provide: SessionStore, useValue: c.sessions },
        { provide: TenantDirectory, useValue: c.tenants },
        { provide: SlaFeed, useValue: c.feed },
        { provide: OutcomeStore, useValue: c.outcomes },
        { provide: SlaTopicsConsumer, useValue: c.consumer },
        { provide: BrokerWatch, useValue: c.broker },
        { provide: TimerClient, useValue: c.timer },
        { provide: CONSOLE_SETTINGS, useValue: c.settings },
        { provide: HEALTH_PROBE, useClass: ConsoleHealthProbe },
        ViewerGuard,
        ConsumerLifecycle,
      ],
    };
  }
}
