import { Module, type DynamicModule } from '@nestjs/common';
import { HEALTH_PROBE, HealthController, MetricsModule } from '@stageplus/http';
import type { BrokerWatch, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import { type ServiceMetrics } from '@stageplus/metrics';
import type { PolicyFollower } from '@stageplus/sla-policy-feed';
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import { LoggerModule, type Params } from 'nestjs-pino';
import { PriorityHealthProbe } from './health/priority-health.probe';
import type { PriorityConfig } from './priority.config';
import { PriorityConnections } from './priority.connections';
import { BROKER_WATCH, EVENT_PUBLISHER, EVENT_SERVER, KAFKA, PRIORITY_CONFIG, REDIS, SLA_POLICIES } from './priority.tokens';
import { PrioritizeTicketHandler } from './tickets/prioritize-ticket/prioritize-ticket.handler';
import { TicketClassificationStore } from './tickets/prioritize-ticket/ticket-classification.store';

/** What the edge builds once (clients, policy, logger) and the module shares. */
export interface PriorityDependencies {
  readonly config: PriorityConfig;
  /** The policy history followed on `sla.policy`; started (read to its end) before consuming. */
  readonly policies: PolicyFollower;
  readonly logging: Params;
  readonly kafka: Kafka;
  readonly publisher: EventPublisher;
  readonly eventServer: KafkaBatchServer;
  /** Whether a broker answers: readiness, and the consumer's supervisor. Started by the health probe. */
  readonly broker: BrokerWatch;
  readonly redis: Redis;
  /** Counted by the publisher and the consumer; served on `GET /metrics`. */
  readonly metrics: ServiceMetrics;
}

@Module({})
export class PriorityModule {
  static register(deps: PriorityDependencies): DynamicModule {
    return {
      module: PriorityModule,
      imports: [LoggerModule.forRoot(deps.logging), MetricsModule.register({ metrics: deps.metrics, token: deps.config.metricsToken })],
      controllers: [HealthController, PrioritizeTicketHandler],
      providers: [
        { provide: PRIORITY_CONFIG, useValue: deps.config },
        { provide: SLA_POLICIES, useValue: deps.policies },
        { provide: KAFKA, useValue: deps.kafka },
        { provide: EVENT_PUBLISHER, useValue: deps.publisher },
        { provide: EVENT_SERVER, useValue: deps.eventServer },
        { provide: BROKER_WATCH, useValue: deps.broker },
        { provide: REDIS, useValue: deps.redis },
        {
          provide: TicketClassificationStore,
          useFactory: () =>
            new TicketClassificationStore(deps.redis, {
              keyPrefix: deps.config.redisPrefix,
              ttlSeconds: deps.config.classificationTtlSeconds,
            }),
        },
        PriorityConnections,
        { provide: HEALTH_PROBE, useClass: PriorityHealthProbe },
      ],
    };
  }
}
