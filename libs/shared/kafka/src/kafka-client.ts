import './install-kafkajs-modules'; // before kafkajs loads (see kafkajs-modules.ts)
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** The minimal logger the adapters need (pino, Nest's Logger, or console fit). */
export interface AdapterLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger?: AdapterLogger;
}

/** Warnings about choices made on purpose (see EventPublisher), not worth a line per producer. */
const ACCEPTED_WARNINGS = ['Limiting retries for the idempotent producer'];

/**
 * A new partition's leader answers ListOffsets with this until it serves the partition, a moment
 * after the metadata names it; `ensureTopics` polls on exactly that, and kafkajs retries it anyway.
 */
function isExpectedResponseError(message: string, fields: Record<string, unknown>): boolean {
  return message.startsWith('Response ListOffsets') && fields.error === 'This server is not the leader for that topic-partition';
}

/** A kafkajs client whose logs go to the service's logger (warnings and errors only). */
export function createKafka(settings: KafkaSettings): Kafka {
  const logger = settings.logger;
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator: () => (entry: LogEntry) => {
      if (logger === undefined) return;
      const { message, ...rest } = entry.log;
      if (ACCEPTED_WARNINGS.some((w) => message.startsWith(w)) || isExpectedResponseError(message, rest)) return;
      const fields = { kafka: { namespace: entry.namespace, ...rest } };
      if (entry.level <= logLevel.ERROR) logger.error(fields, message);
      else logger.warn(fields, message);
    },
  });
}
