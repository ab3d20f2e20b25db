import { createServiceApp, type ServiceApp, type ServiceDefinition } from '@stageplus/http';
import { buildTimer, prepareTimer, stopTimer, type TimerComponents } from './timer.components';
import type { TimerConfig } from './timer.config';
import { TimerModule } from './timer.module';

/**
 * The timer on the service skeleton: a batch consumer of prioritized ticket events, a BullMQ
 * worker per owned partition, its read API and the queue board.
 */
export const timerService: ServiceDefinition<TimerConfig, TimerComponents> = {
  name: 'timer',
  build: buildTimer,
  module: (components) => TimerModule.register(components),
  prepare: prepareTimer,
  stop: stopTimer,
  // The board before Nest's routes (and after the request timing: its refusals are counted too);
  // its queues are shown once `prepare` has counted the partitions.
  configureHttp: (app, components) => components.queueBoard.mount(app, components.admission),
};

/** The timer prepared (Redis settings, topics, producer, policy history), neither consuming nor listening: `start()`. */
export const createTimerApp = (config: TimerConfig): Promise<ServiceApp<TimerComponents>> => createServiceApp(timerService, config);
