import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { BrokerState, HealthProbe, Readiness } from './health-probe';

/** The service's broker watch (shared-kafka's `BrokerWatch`): what readiness reads, and what runs it. */
export interface RunnableBrokerState extends BrokerState {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A probe that runs the service's broker watch as long as the app lives: started before the
 * service consumes or serves (Nest bootstraps providers first), stopped at shutdown. Every service
 * reads its broker the same way, so the lifecycle lives here once.
 */
export abstract class BrokerWatchingProbe implements HealthProbe, OnApplicationBootstrap, OnApplicationShutdown {
  abstract readonly service: string;

  protected constructor(protected readonly broker: RunnableBrokerState) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.broker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.broker.stop();
  }

  abstract fatal(): string | null;
  abstract readiness(): Promise<Readiness>;
}
