import { createServiceApp, type ServiceApp, type ServiceDefinition } from '@stageplus/http';
import { buildPriority, preparePriority, stopPriority, type PriorityComponents } from './priority.components';
import type { PriorityConfig } from './priority.config';
import { PriorityModule } from './priority.module';
import { SERVICE_NAME } from './priority.tokens';

/**
 * The priority service on the service skeleton: health endpoints and `/metrics` over HTTP, ticket
 * events over the Kafka batch transport. Closing the app stops the consumer after the batches in
 * flight, then the policy follower, the producer and Redis (`stopPriority`).
 */
export const priorityService: ServiceDefinition<PriorityConfig, PriorityComponents> = {
  name: SERVICE_NAME,
  build: buildPriority,
  module: (components, config) => PriorityModule.register(components, config),
  prepare: preparePriority,
  stop: stopPriority,
};

/**
 * The priority service prepared (policy loaded, Redis and producer connected, topics created),
 * neither consuming nor listening until `start()`.
 *
 * @throws PolicyError when the policy file is unreadable or invalid; connection errors as they come.
 */
export const createPriorityApp = (config: PriorityConfig): Promise<ServiceApp<PriorityComponents>> => createServiceApp(priorityService, config);
