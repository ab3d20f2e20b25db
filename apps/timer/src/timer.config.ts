import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { brokerList, logFormat, logLevel, port, readConfig, redisUrl, topicName } from '@stageplus/config';
import { z } from 'zod';

const shape = {
  KAFKA_BROKERS: brokerList,
  REDIS_URL: redisUrl,
  /** A policy file; the bundled STAGE+ policy when unset. */
  POLICY_FILE: z.string().min(1).optional(),
  TIMER_GROUP_ID: z.string().min(1).default('sla-timer'),
  TOPIC_TICKETS_PRIORITIZED: topicName(DEFAULT_TOPICS.ticketsPrioritized),
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
  /** Prefix of every Redis key the timer writes (clocks, fired thresholds, job map, locks). */
  REDIS_PREFIX: z.string().min(1).default('sla:timer:'),
  /** BullMQ queue of threshold jobs. */
  TIMER_QUEUE: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('sla-thresholds'),
  TIMER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** API keys (JSON, sha256-hashed) allowed to read a tenant's clocks; see the intake's API_KEYS. */
  API_KEYS: z.string().optional(),
  /** A development key allowed for every tenant (`npm start` sets it). */
  DEV_API_KEY: z.string().min(16).optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: port(3002),
  LOG_LEVEL: logLevel,
  LOG_FORMAT: logFormat,
};

export type TimerConfig = ReturnType<typeof readTimerConfig>;

/** The timer's configuration, validated once at startup. */
export function readTimerConfig(env: Readonly<Record<string, string | undefined>>) {
  return readConfig('timer', shape, env);
}
