import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { blankAsUnset, brokerList, ConfigError, logFormat, logLevel, port, readConfig, redisUrl, topicName } from '@stageplus/config';
import { apiKeyList, developmentApiKey, type ApiKey } from '@stageplus/http';
import { z } from 'zod';

const shape = {
  KAFKA_BROKERS: brokerList,
  REDIS_URL: redisUrl,
  /** A policy file; the bundled STAGE+ policy when unset. */
  POLICY_FILE: z.string().min(1).optional(),
  TIMER_GROUP_ID: z.string().min(1).default('sla-timer'),
  /** Kafka consumer session timeout (ms, 6000..300000). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  TOPIC_TICKETS_PRIORITIZED: topicName(DEFAULT_TOPICS.ticketsPrioritized),
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
  /** Prefix of every Redis key the timer writes (clocks, fired thresholds, job map, locks). */
  REDIS_PREFIX: z.string().min(1).default('sla:timer:'),
  /** BullMQ queue of threshold jobs. */
  TIMER_QUEUE: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('sla-thresholds'),
  TIMER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** API keys (JSON, sha256-hashed, bound to tenants) allowed to read clocks; same format as intake's. */
  API_KEYS: apiKeyList.optional(),
  /** A development key allowed for every tenant (`npm start` sets it). */
  DEV_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: port(3002),
  LOG_LEVEL: logLevel,
  LOG_FORMAT: logFormat,
};

export type TimerConfig = ReturnType<typeof readConfig<typeof shape>> & { readonly apiKeys: readonly ApiKey[] };

/**
 * The timer's configuration, validated once at startup. Its HTTP API serves tenants' clocks, so
 * it refuses to start without API keys (or the development key).
 */
export function readTimerConfig(env: Readonly<Record<string, string | undefined>>): TimerConfig {
  const vars = readConfig('timer', shape, blankAsUnset(env, ['API_KEYS', 'DEV_API_KEY']));
  const apiKeys = [...(vars.API_KEYS ?? []), ...(vars.DEV_API_KEY ? [developmentApiKey(vars.DEV_API_KEY)] : [])];
  if (apiKeys.length === 0) {
    throw new ConfigError('timer', [{ variable: 'API_KEYS', message: 'is required (or DEV_API_KEY for development)' }]);
  }
  return { ...vars, apiKeys };
}
