import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiAdmission, HEALTH_PROBE, HealthController, ProblemDetailsFilter } from '@stageplus/http';
import { BrokerWatch, EventPublisher } from '@stageplus/kafka';
import { MetricsModule } from '@stageplus/metrics';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
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
import { PolicyController } from './policy/policy.controller';
import { SessionController } from './session/session.controller';
import { SessionStore } from './session/session-store';
import { ViewerGuard } from './session/viewer.guard';
import { TenantDirectory } from './tenants/tenant-directory';

/**
 * Once the app is up, reads the policy history to its end, then follows the SLA topics (the feed
 * reads zones from the history); stops both before it goes.
 */
@Injectable()
class ConsoleLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SlaTopicsConsumer) private readonly consumer: SlaTopicsConsumer,
    @Inject(PolicyFollower) private readonly policies: PolicyFollower,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.publisher.connect();
    await this.policies.start();
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.policies.stop();
    await this.publisher.disconnect().catch(() => undefined);
  }
}

/** The console's wiring: its parts are built in `console.components.ts` and handed over. */
@Module({})
export class ConsoleModule {
  static register(c: ConsoleComponents, logParams: Params): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [LoggerModule.forRoot(logParams), MetricsModule.register({ metrics: c.metrics, token: c.metricsToken })],
      controllers: [SessionController, FeedController, BoardController, TicketController, ComplianceController, PolicyController, HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: ApiAdmission, useValue: c.admission },
        { provide: SessionStore, useValue: c.sessions },
        { provide: TenantDirectory, useValue: c.tenants },
        { provide: PolicyFollower, useValue: c.policies },
        { provide: EventPublisher, useValue: c.publisher },
        { provide: SlaFeed, useValue: c.feed },
        { provide: OutcomeStore, useValue: c.outcomes },
        { provide: SlaTopicsConsumer, useValue: c.consumer },
        { provide: BrokerWatch, useValue: c.broker },
        { provide: TimerClient, useValue: c.timer },
        { provide: CONSOLE_SETTINGS, useValue: c.settings },
        { provide: HEALTH_PROBE, useClass: ConsoleHealthProbe },
        ViewerGuard,
        ConsoleLifecycle,
      ],
    };
  }
}
