import { Module, type DynamicModule } from '@nestjs/common';
import { ApiAdmission, HEALTH_PROBE, HealthController } from '@stageplus/http';
import { BrokerWatch, EventPublisher } from '@stageplus/kafka';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
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

/** The console's wiring: its parts are built in `console.components.ts` and handed over. */
@Module({})
export class ConsoleModule {
  static register(c: ConsoleComponents): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [SessionController, FeedController, BoardController, TicketController, ComplianceController, PolicyController, HealthController],
      providers: [
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
      ],
    };
  }
}
