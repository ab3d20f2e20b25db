import { ConfigError, blankAsUnset, brokerList, kafkaPartitions, readConfig, topicName } from '@stageplus/config';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { serviceConfig, serviceVariables, type ServiceConfig } from '@stageplus/http';
import { redisTarget, redisVariables, type RedisTarget } from '@stageplus/redis';
import { z } from 'zod';

/**
 * The priority service's settings, read once from the environment by {@link readPriorityConfig}.
 * `HOST` (default `127.0.0.1`) and `PORT` (default 3001; 0 picks a free port) place the health
 * endpoints and `/metrics`; `METRICS_TOKEN`, `LOG_LEVEL`, `LOG_FORMAT` as every service
 * (`ServiceConfig`).
 */
export interface PriorityConfig extends ServiceConfig {
  /** `KAFKA_BROKERS`, `host:port[,host:port]`; default `127.0.0.1:9092`. */
  readonly kafkaBrokers: readonly string[];
  /** `KAFKA_PARTITIONS`: partitions of the topics created when missing; unset, `DEFAULT_PARTITIONS`. */
  readonly kafkaPartitions: number | undefined;
  /** `PRIORITY_GROUP_ID`, the consumer group; default `sla-priority`. Committed offsets belong to it. */
  readonly groupId: string;
  /**
   * `KAFKA_SESSION_TIMEOUT_MS`, default 30 000 (6 000 to 300 000, the broker's bounds): how long
   * the group waits for a silent member. A graceful stop leaves the group at once; after a crash,
   * the restarted service waits up to this long for its predecessor's partitions.
   */
  readonly sessionTimeoutMs: number;
  /**
   * `KAFKA_STUCK_AFTER_MS`, default 30 000 (1 000 to 600 000): a partition whose batch has been
   * failing (Redis or the broker away, a corrupt hash) for this long makes the service not ready,
   * naming the partition. The batch is retried all the same.
   */
  readonly stuckAfterMs: number;
  readonly topics: {
    /** `TOPIC_TICKET_EVENTS`, consumed; default `tickets.events`. Refused messages go to `<it>.dlq`. */
    readonly ticketEvents: string;
    /** `TOPIC_TICKETS_PRIORITIZED`, produced; default `tickets.prioritized`. */
    readonly ticketsPrioritized: string;
  };
  readonly policyTopics: {
    /** `TOPIC_SLA_POLICY`, the published policy versions, followed; default `sla.policy`. */
    readonly policy: string;
    /** `TOPIC_SLA_POLICY_STATUS`, where the service says which version it holds; default `sla.policy.status`. */
    readonly status: string;
  };
  /** `REDIS_URL`; default `redis://127.0.0.1:6379`. */
  readonly redisUrl: string;
  /** `REDIS_URL`, or the primary `REDIS_SENTINELS` name as `REDIS_SENTINEL_NAME` (a Redis that fails over). */
  readonly redis: RedisTarget;
  /** `REDIS_PREFIX`, prefix of every key the service writes; default `sla:priority:`. */
  readonly redisPrefix: string;
  /**
   * `CLASSIFICATION_TTL_DAYS`, in days; default 90. A ticket's classification is forgotten this
   * long after its last event: long enough for any open ticket, short enough to bound memory.
   */
  readonly classificationTtlSeconds: number;
  /**
   * `POLICY_FILE`, a policy YAML; undefined means the bundled STAGE+ policy. Published as the
   * first version on an empty `sla.policy`, appended when its text is new (docs/architecture.md).
   */
  readonly policyFile: string | undefined;
}

const DAY_SECONDS = 86_400;

const schema = {
  KAFKA_BROKERS: brokerList,
  /** Partitions of the topics this service creates when missing (1..1000, default 6); existing topics keep theirs. */
  KAFKA_PARTITIONS: kafkaPartitions,
  PRIORITY_GROUP_ID: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be letters, digits and ._-').default('sla-priority'),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  KAFKA_STUCK_AFTER_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  TOPIC_TICKET_EVENTS: topicName(DEFAULT_TOPICS.ticketEvents),
  TOPIC_TICKETS_PRIORITIZED: topicName(DEFAULT_TOPICS.ticketsPrioritized),
  TOPIC_SLA_POLICY: topicName(DEFAULT_TOPICS.slaPolicy),
  TOPIC_SLA_POLICY_STATUS: topicName(DEFAULT_TOPICS.slaPolicyStatus),
  ...redisVariables,
  REDIS_PREFIX: z.string().min(1, 'must not be empty: keys would collide with other services').default('sla:priority:'),
  CLASSIFICATION_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  POLICY_FILE: z.string().min(1, 'must be a path; unset it to use the bundled policy').optional(),
  // Last, as before: a ConfigError lists the bad variables in this order.
  ...serviceVariables(3001),
};

/**
 * Reads and validates the environment; throws a `ConfigError` naming every bad variable.
 * The ticket events and prioritized topics must differ: the service would consume its own output.
 */
export function readPriorityConfig(env: Readonly<Record<string, string | undefined>>): PriorityConfig {
  const vars = readConfig('priority', schema, blankAsUnset(env, ['KAFKA_PARTITIONS']));
  if (vars.TOPIC_TICKET_EVENTS === vars.TOPIC_TICKETS_PRIORITIZED) {
    throw new ConfigError('priority', [{ variable: 'TOPIC_TICKETS_PRIORITIZED', message: 'must differ from TOPIC_TICKET_EVENTS' }]);
  }
  return {
    ...serviceConfig(vars),
    kafkaBrokers: vars.KAFKA_BROKERS,
    kafkaPartitions: vars.KAFKA_PARTITIONS,
    groupId: vars.PRIORITY_GROUP_ID,
    sessionTimeoutMs: vars.KAFKA_SESSION_TIMEOUT_MS,
    stuckAfterMs: vars.KAFKA_STUCK_AFTER_MS,
    topics: { ticketEvents: vars.TOPIC_TICKET_EVENTS, ticketsPrioritized: vars.TOPIC_TICKETS_PRIORITIZED },
    policyTopics: { policy: vars.TOPIC_SLA_POLICY, status: vars.TOPIC_SLA_POLICY_STATUS },
    redisUrl: vars.REDIS_URL,
    redis: redisTarget('priority', vars),
    redisPrefix: vars.REDIS_PREFIX,
    classificationTtlSeconds: vars.CLASSIFICATION_TTL_DAYS * DAY_SECONDS,
    policyFile: vars.POLICY_FILE,
  };
}
