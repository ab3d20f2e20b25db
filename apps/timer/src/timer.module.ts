import { Module, type DynamicModule, type ValueProvider } from '@nestjs/common';
import { ApiAdmission, ApiKeyGuard, HEALTH_PROBE, HealthController, type ConsumerState, type RunnableBrokerState } from '@stageplus/http';
import type { AdapterLogger } from '@stageplus/kafka';
import { TimerHealthProbe, type ProducerState, type RedisPing, type WorkersState } from './health/timer-health.probe';
import { TicketPrioritizedHandler, type ClockUpdates } from './sla-clocks/apply-ticket-event/ticket-prioritized.handler';
import type { ClockReads } from './sla-clocks/clock-reads';
import type { FollowedPolicies } from './sla-clocks/follow-policy/followed-policies';
import type { PartitionFence, PartitionStates } from './sla-clocks/ownership/ownership-ports';
import { AtRiskController } from './sla-clocks/read-at-risk/at-risk.controller';
import { TicketSlaController } from './sla-clocks/read-sla/ticket-sla.controller';
import type { TicketPartitioning } from './sla-clocks/ticket-partitions';
import type { TimerComponents } from './timer.components';
import * as T from './timer.tokens';

/** A port's provider, its value checked against the port's interface here (Nest checks nothing). */
const port = <P>(provide: string, useValue: P): ValueProvider<P> => ({ provide, useValue });

/**
 * The timer's wiring: its parts are built in `timer.components.ts` and handed over, one provider
 * per port (`timer.tokens.ts`); the handler, the controllers and the probe inject only the ports
 * they use, typed by the interface they read them through.
 */
@Module({})
export class TimerModule {
  static register(c: TimerComponents): DynamicModule {
    return {
      module: TimerModule,
      controllers: [TicketPrioritizedHandler, TicketSlaController, AtRiskController, HealthController],
      providers: [
        { provide: ApiAdmission, useValue: c.admission },
        ApiKeyGuard,
        port<ClockReads>(T.CLOCK_READS, c.store),
        port<ClockUpdates>(T.CLOCK_UPDATES, c.keeper),
        port<PartitionFence>(T.PARTITION_FENCE, c.owner),
        port<PartitionStates>(T.PARTITION_STATES, c.owner),
        port<TicketPartitioning>(T.TICKET_PARTITIONS, c.partitions),
        port<FollowedPolicies>(T.POLICY_HISTORY, c.policies),
        port<AdapterLogger>(T.TIMER_LOGGER, c.logger),
        port<ConsumerState>(T.EVENT_SERVER, c.eventServer),
        // Ready only when both producers are: events' and firings'.
        port<ProducerState>(T.EVENT_PUBLISHER, { get isConnected() { return c.publisher.isConnected && c.firingPublisher.isConnected; } }),
        port<RedisPing>(T.REDIS, c.redis),
        port<RunnableBrokerState>(T.BROKER_WATCH, c.broker),
        port<WorkersState>(T.TIMER_WORKERS, c.workers),
        { provide: HEALTH_PROBE, useClass: TimerHealthProbe },
      ],
    };
  }
}
