import { serviceLogging, type ServiceLogging } from '@stageplus/http';
import type { PriorityConfig } from './priority.config';
import { SERVICE_NAME } from './priority.tokens';

export type PriorityLogging = ServiceLogging;

/** One pino logger for the whole service, shaped like every service's (`serviceLogging`). */
export function createPriorityLogging(log: PriorityConfig['log']): PriorityLogging {
  return serviceLogging({ level: log.level, format: log.format, service: SERVICE_NAME });
}
