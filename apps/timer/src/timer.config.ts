import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { blankAsUnset, brokerList, ConfigError, logFormat, logLevel, port, readConfig, topicName } from '@stageplus/config';
import { apiAccessOptions, apiAccessVariables, apiKeyList, developmentApiKey, type ApiAccessOptions, type ApiKey, metricsToken } from '@stageplus/http';
import { redisTarget, redisVariables, type RedisTarget } from '@stageplus/redis';
import { z } from 'zod';

const DAY_MS = 86_400_000;

const shape = {
  KAFKA_BROKERS: brokerList,
  /** `REDIS_URL`, or `REDIS_SENTINELS` + `REDIS_SENTINEL_NAME` (a primary that fails over). */
  ...redisVariables,
  /** A policy file; the bundled STAGE+ policy when unset. */
  POLICY_FILE: z.string().min(1).optional(),
  TIMER_GROUP_ID: z.string().min(1).default('sla-timer'),
  /** Kafka consumer session timeout (ms, 6000..300000). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  TOPIC_TICKETS_PRIORITIZED: topicName(DEFAULT_TOPICS.ticketsPrioritized),
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
  /** The compacted changelog of ticket records, from which a lost Redis state is rebuilt. */
  TOPIC_TIMER_STATE: topicName(DEFAULT_TOPICS.timerState),
  TOPIC_SLA_OUTCOMES: topicName(DEFAULT_TOPICS.slaOutcomes),
  /** The published policy versions, followed: a new version goes live without a restart. */
  TOPIC_SLA_POLICY: topicName(DEFAULT_TOPICS.slaPolicy),
  /** Where the timer says which policy version it holds (every 5 s), for `sla policy publish`. */
  TOPIC_SLA_POLICY_STATUS: topicName(DEFAULT_TOPICS.slaPolicyStatus),
  /** Prefix of every Redis key the timer writes (records, fences, its BullMQ queues). */
  REDIS_PREFIX: z.string().min(1).default('sla:timer:'),
  /** BullMQ queue name of the ticket timers (one queue per partition, under the partition's prefix). */
  TIMER_QUEUE: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('sla-thresholds'),
  /** Timer jobs run at once per partition: the size of a catch-up batch. */
  TIMER_CONCURRENCY: z.coerce.number().int().min(1).max(5_000).default(1_000),
  /**
   * The Redis `hz` the timer needs: BullMQ's delayed jobs wake on a blocking command whose timeout
   * Redis checks `hz` times a second (10 by default, i.e. up to 100 ms late). The timer raises a
   * lower `hz` at startup (`CONFIG SET`, not persisted); 0 leaves Redis alone.
   */
  TIMER_REDIS_HZ: z.coerce.number().int().min(0).max(500).default(200),
  /** Days a closed ticket's clocks stay readable (`GET .../sla`) before Redis forgets them. */
  TIMER_CLOSED_RETENTION_DAYS: z.coerce.number().min(0.0001).max(3650).default(7),
  /** How often the timer checks that its state is still in Redis and its partitions still its own (ms). */
  TIMER_STATE_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  /** API keys (JSON, sha256-hashed, bound to tenants) allowed to read clocks; same format as intake's. */
  API_KEYS: apiKeyList.optional(),
  /** A development key allowed for every tenant (`npm start` sets it). */
  DEV_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** When set, `GET /metrics` asks for it as a bearer token; open otherwise. */
  METRICS_TOKEN: metricsToken,
  HOST: z.string().default('127.0.0.1'),
  PORT: port(3002),
  LOG_LEVEL: logLevel,
  LOG_FORMAT: logFormat,
  ...apiAccessVariables,
};

export type TimerConfig = ReturnType<typeof readConfig<typeof shape>> & {
  readonly apiKeys: readonly ApiKey[];
  readonly redis: RedisTarget;
  readonly apiAccess: ApiAccessOptions;
  readonly closedRetentionMs: number;
};

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
  return { ...vars, redis: redisTarget('timer', vars), apiKeys, apiAccess: apiAccessOptions(vars), closedRetentionMs: Math.round(vars.TIMER_CLOSED_RETENTION_DAYS * DAY_MS) };
}
