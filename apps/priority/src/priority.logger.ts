import { loggerOptions } from '@stageplus/http';
import type { Params } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import type { PriorityConfig } from './priority.config';
import { SERVICE_NAME } from './priority.tokens';

export interface PriorityLogging {
  /** For the Kafka adapters and Redis, which log outside Nest. */
  readonly logger: Logger;
  /** For `LoggerModule.forRoot`: Nest's and the request logs, through the same logger. */
  readonly params: Params;
}

/**
 * One pino logger for the whole service, shaped like every service's (`loggerOptions`: the
 * `service` field, redaction, pretty or JSON), so that the adapters' lines look like Nest's.
 * Health probes are not logged: the orchestrator calls them every few seconds.
 */
export function createPriorityLogging(log: PriorityConfig['log']): PriorityLogging {
  const options = loggerOptions({ level: log.level, format: log.format, service: SERVICE_NAME }).pinoHttp as HttpLoggerOptions;
  const logger = pino(options);
  return {
    logger,
    params: {
      pinoHttp: {
        logger,
        customLogLevel: options.customLogLevel,
        autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
      },
    },
  };
}
