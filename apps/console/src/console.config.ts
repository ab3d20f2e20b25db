import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { blankAsUnset, brokerList, ConfigError, kafkaPartitions, readConfig, topicName } from '@stageplus/config';
import { apiAccessOptions, apiAccessVariables, apiKeyList, developmentApiKey, serviceConfig, serviceVariables, type ApiAccessOptions, type ApiKey, type ServiceConfig } from '@stageplus/http';
import { z } from 'zod';

const MINUTE_MS = 60_000;

const shape = {
  ...serviceVariables(3003),
  KAFKA_BROKERS: brokerList,
  /** Partitions of the topics this service creates when missing (1..1000, default 6); existing topics keep theirs. */
  KAFKA_PARTITIONS: kafkaPartitions,
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
  TOPIC_SLA_OUTCOMES: topicName(DEFAULT_TOPICS.slaOutcomes),
  /** The published policy versions, followed: tenant names and zones come from the version in force. */
  TOPIC_SLA_POLICY: topicName(DEFAULT_TOPICS.slaPolicy),
  /** Where the console says which policy version it holds (every 5 s), for `sla policy publish`. */
  TOPIC_SLA_POLICY_STATUS: topicName(DEFAULT_TOPICS.slaPolicyStatus),
  /** Prefix of the console's consumer groups; each process adds its own suffix (it needs every partition). */
  CONSOLE_GROUP_ID: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'letters, digits and ._- only').default('sla-console'),
  /** Recent SLA events kept in memory, shown to a page when it opens. */
  CONSOLE_FEED_SIZE: z.coerce.number().int().min(10).max(10_000).default(300),
  /** How long a sign-in lasts (minutes): a 12-hour shift by default. */
  CONSOLE_SESSION_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(720),
  /** `Secure` on the session cookie: set to true behind HTTPS (a plain-HTTP browser would drop it). */
  CONSOLE_SECURE_COOKIE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Where the timer's read API answers; the console calls it with the signed-in user's key. */
  TIMER_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3002'),
  /** The console's own policy: published when `sla.policy` is empty, appended when its text is new; the bundled STAGE+ policy when unset. */
  POLICY_FILE: z.string().min(1).optional(),
  API_KEYS: apiKeyList.optional(),
  DEV_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  ...apiAccessVariables,
};

/** What the console runs with; read once from the environment by `readConsoleConfig`. */
export interface ConsoleConfig extends ServiceConfig {
  readonly kafkaBrokers: readonly string[];
  /** `KAFKA_PARTITIONS`: partitions of the topics created when missing; unset, `DEFAULT_PARTITIONS`. */
  readonly kafkaPartitions: number | undefined;
  readonly topics: { readonly escalations: string; readonly breaches: string; readonly outcomes: string };
  /** `TOPIC_SLA_POLICY` and `TOPIC_SLA_POLICY_STATUS`. */
  readonly policyTopics: { readonly policy: string; readonly status: string };
  readonly groupId: string;
  readonly feedSize: number;
  readonly sessionTtlMs: number;
  readonly secureCookie: boolean;
  /** Without a trailing slash. */
  readonly timerUrl: string;
  readonly policyFile: string | undefined;
  /** Read keys bound to tenants (`API_KEYS`), plus `DEV_API_KEY` for every tenant. Never empty. */
  readonly apiKeys: readonly ApiKey[];
  /** `API_RATE_LIMIT_*`, `API_KEY_EXPIRY_WARNING_DAYS` (`apiAccessVariables`). */
  readonly apiAccess: ApiAccessOptions;
}

/**
 * Reads and validates the console's configuration; throws a `ConfigError` naming every bad
 * variable. The console shows tenants' tickets, so it refuses to start without keys.
 */
export function readConsoleConfig(env: Readonly<Record<string, string | undefined>>): ConsoleConfig {
  const vars = readConfig('console', shape, blankAsUnset(env, ['API_KEYS', 'DEV_API_KEY', 'POLICY_FILE', 'METRICS_TOKEN', 'KAFKA_PARTITIONS']));
  const apiKeys = [...(vars.API_KEYS ?? []), ...(vars.DEV_API_KEY ? [developmentApiKey(vars.DEV_API_KEY)] : [])];
  if (apiKeys.length === 0) {
    throw new ConfigError('console', [{ variable: 'API_KEYS', message: 'is required (or DEV_API_KEY for development)' }]);
  }
  return {
    ...serviceConfig(vars),
    kafkaBrokers: vars.KAFKA_BROKERS,
    kafkaPartitions: vars.KAFKA_PARTITIONS,
    topics: { escalations: vars.TOPIC_SLA_ESCALATIONS, breaches: vars.TOPIC_SLA_BREACHES, outcomes: vars.TOPIC_SLA_OUTCOMES },
    policyTopics: { policy: vars.TOPIC_SLA_POLICY, status: vars.TOPIC_SLA_POLICY_STATUS },
    groupId: vars.CONSOLE_GROUP_ID,
    feedSize: vars.CONSOLE_FEED_SIZE,
    sessionTtlMs: vars.CONSOLE_SESSION_MINUTES * MINUTE_MS,
    secureCookie: vars.CONSOLE_SECURE_COOKIE,
    timerUrl: vars.TIMER_URL.replace(/\/+$/, ''),
    policyFile: vars.POLICY_FILE,
    apiKeys,
    apiAccess: apiAccessOptions(vars),
  };
}
