import { Logger } from '@nestjs/common';
import type { AdapterLogger } from '@stageplus/kafka';

/** The Kafka adapters' logger on Nest's logger (pino once the app uses it), under a context name. */
export function nestAdapterLogger(context: string): AdapterLogger {
  const logger = new Logger(context);
  return {
    info: (fields, message) => logger.log(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}
