import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { blankAsUnset, brokerList, ConfigError, kafkaPartitions, readConfig, topicName } from '@stageplus/config';
import { apiAccessOptions, apiAccessVariables, apiKeyList, developmentApiKey, serviceConfig, serviceVariables, type ApiAccessOptions, type ApiKey, type ServiceConfig } from '@stageplus/http';
import { redisTarget, redisVariables, type RedisTarget } from '@stageplus/redis';
import { z } from 'zod';

const DAY_MS = 86_400_000;

/** The environment variables: names, defaults and messages are the operators' interface (README). */
const shape = {
  KAFKA_BROKERS: brokerList,
  /** Partitions of the topics this service creates when missing (1..1000, default 6); existing topics keep theirs. */
  KAFKA_PARTITIONS: kafkaPartitions,
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
  /** Tickets decided per batch when a partition wakes up or catches up (one load, one publish, one commit). */
  TIMER_CONCURRENCY: z.coerce.number().int().min(1).max(5_000).default(2_000),
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
  /** `HOST`, `PORT` (3002), `LOG_LEVEL`, `LOG_FORMAT`, `METRICS_TOKEN`: the skeleton's part. */
  ...serviceVariables(3002),
  ...apiAccessVariables,
};

/** What the timer runs with; read once from the environment by `readTimerConfig`. */
export interface TimerConfig extends ServiceConfig {
  readonly kafkaBrokers: readonly string[];
  /** `KAFKA_PARTITIONS`: partitions of the topics created when missing; unset, `DEFAULT_PARTITIONS`. */
  readonly kafkaPartitions: number | undefined;
  readonly redis: RedisTarget;
  /** `POLICY_FILE`: the timer's own policy, only ever the first version on an empty `sla.policy`. */
  readonly policyFile: string | undefined;
  /** `TIMER_GROUP_ID`: timers of one group share the partitions. */
  readonly groupId: string;
  /** `KAFKA_SESSION_TIMEOUT_MS`. */
  readonly sessionTimeoutMs: number;
  /** `TOPIC_TICKETS_PRIORITIZED` (the input), `TOPIC_SLA_*` and `TOPIC_TIMER_STATE` (the changelog). */
  readonly topics: {
    readonly ticketsPrioritized: string;
    readonly slaEscalations: string;
    readonly slaBreaches: string;
    readonly timerState: string;
    readonly slaOutcomes: string;
  };
  /** `TOPIC_SLA_POLICY` and `TOPIC_SLA_POLICY_STATUS`. */
  readonly policyTopics: { readonly policy: string; readonly status: string };
  /** `REDIS_PREFIX`. */
  readonly redisPrefix: string;
  /** `TIMER_QUEUE`: the BullMQ queue name, one queue per partition. */
  readonly queue: string;
  /** `TIMER_CONCURRENCY`: tickets decided per batch when a partition wakes up or catches up. */
  readonly concurrency: number;
  /** `TIMER_REDIS_HZ`: the Redis `hz` raised at startup; 0 leaves Redis alone. */
  readonly redisHz: number;
  /** `TIMER_CLOSED_RETENTION_DAYS` in ms. */
  readonly closedRetentionMs: number;
  /** `TIMER_STATE_CHECK_MS`: the watchdog's period. */
  readonly stateCheckMs: number;
  /** `API_KEYS`, and `DEV_API_KEY` as a key valid for every tenant. */
  readonly apiKeys: readonly ApiKey[];
  /** `API_RATE_LIMIT_*`, `API_KEY_EXPIRY_WARNING_DAYS` (`apiAccessVariables`). */
  readonly apiAccess: ApiAccessOptions;
}

/**
 * The timer's configuration, validated once at startup. Its HTTP API serves tenants' clocks, so
 * it refuses to start without API keys (or the development key).
 */
export function readTimerConfig(env: Readonly<Record<string, string | undefined>>): TimerConfig {
  const vars = readConfig('timer', shape, blankAsUnset(env, ['API_KEYS', 'DEV_API_KEY', 'KAFKA_PARTITIONS']));
  const apiKeys = [...(vars.API_KEYS ?? []), ...(vars.DEV_API_KEY ? [developmentApiKey(vars.DEV_API_KEY)] : [])];
  if (apiKeys.length === 0) {
    throw new ConfigError('timer', [{ variable: 'API_KEYS', message: 'is required (or DEV_API_KEY for development)' }]);
  }
  return {
    ...serviceConfig(vars),
    kafkaBrokers: vars.KAFKA_BROKERS,
    kafkaPartitions: vars.KAFKA_PARTITIONS,
    redis: redisTarget('timer', vars),
    policyFile: vars.POLICY_FILE,
    groupId: vars.TIMER_GROUP_ID,
    sessionTimeoutMs: vars.KAFKA_SESSION_TIMEOUT_MS,
    topics: {
      ticketsPrioritized: vars.TOPIC_TICKETS_PRIORITIZED,
      slaEscalations: vars.TOPIC_SLA_ESCALATIONS,
      slaBreaches: vars.TOPIC_SLA_BREACHES,
      timerState: vars.TOPIC_TIMER_STATE,
      slaOutcomes: vars.TOPIC_SLA_OUTCOMES,
    },
    policyTopics: { policy: vars.TOPIC_SLA_POLICY, status: vars.TOPIC_SLA_POLICY_STATUS },
    redisPrefix: vars.REDIS_PREFIX,
    queue: vars.TIMER_QUEUE,
    concurrency: vars.TIMER_CONCURRENCY,
    redisHz: vars.TIMER_REDIS_HZ,
    closedRetentionMs: Math.round(vars.TIMER_CLOSED_RETENTION_DAYS * DAY_MS),
    stateCheckMs: vars.TIMER_STATE_CHECK_MS,
    apiKeys,
    apiAccess: apiAccessOptions(vars),
  };
}
