import { blankAsUnset, brokerList, ConfigError, logFormat, logLevel, port, readConfig, topicName } from '@stageplus/config';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { metricsToken } from '@stageplus/metrics';
import { redisTarget, redisVariables, type RedisTarget } from '@stageplus/redis';
import { z } from 'zod';

/** The two shapes on-call tools take: Prometheus Alertmanager's webhook, PagerDuty's Events API v2. */
export type WebhookFormat = 'alertmanager' | 'pagerduty';

/** The bridge's settings, read once from the environment by {@link readBridgeConfig}. */
export interface BridgeConfig {
  /** `BRIDGE_FORMAT`, required: `alertmanager` or `pagerduty`. */
  readonly format: WebhookFormat;
  /** `BRIDGE_WEBHOOK_URL`, required: where every alert is POSTed (http or https). */
  readonly webhookUrl: string;
  /** `BRIDGE_ROUTING_KEY`: the PagerDuty integration key; required with `pagerduty`, refused otherwise. */
  readonly routingKey: string | undefined;
  /** `BRIDGE_RECEIVER`, Alertmanager's `receiver` field; default `stageplus-sla`. */
  readonly receiver: string;
  /** `BRIDGE_EXTERNAL_URL`: links in the payloads point to a ticket's SLA there; default `http://127.0.0.1:3002` (the timer). */
  readonly externalUrl: string;
  /** `BRIDGE_TENANTS`, comma-separated: forward only these establishments; unset forwards all. */
  readonly tenants: readonly string[] | null;
  /** `BRIDGE_MIN_LEVEL`, 1 to 3, default 1: escalations below it are not forwarded (breaches always are). */
  readonly minLevel: number;
  readonly retry: {
    /** `BRIDGE_RETRY_BASE_MS`, default 500: the first backoff's ceiling; it doubles per attempt. */
    readonly baseMs: number;
    /** `BRIDGE_RETRY_MAX_MS`, default 60 000: the largest backoff (a `Retry-After` may ask for more, up to 10 min). */
    readonly maxMs: number;
  };
  /** `BRIDGE_TIMEOUT_MS`, default 10 000: one POST's deadline; a timeout is retried like a network error. */
  readonly timeoutMs: number;
  /** `BRIDGE_DEDUP_TTL_DAYS`, default 30 (the SLA topics' retention): how long delivered eventIds are remembered. */
  readonly dedupTtlMs: number;
  /** `BRIDGE_GROUP_ID`, default `sla-oncall-bridge`: the consumer group whose offsets say what was delivered. */
  readonly groupId: string;
  readonly kafkaBrokers: readonly string[];
  readonly topics: {
    /** `TOPIC_SLA_ESCALATIONS`; refusals go to `<it>.bridge.dlq`. */
    readonly slaEscalations: string;
    /** `TOPIC_SLA_BREACHES`; refusals go to `<it>.bridge.dlq`. */
    readonly slaBreaches: string;
  };
  readonly redisUrl: string;
  /** `REDIS_URL`, or the primary `REDIS_SENTINELS` name as `REDIS_SENTINEL_NAME` (a Redis that fails over). */
  readonly redis: RedisTarget;
  /** `REDIS_PREFIX`, default `sla:bridge:`. */
  readonly redisPrefix: string;
  /** `HOST` (default `127.0.0.1`) and `PORT` (default 3004) of the health endpoints. */
  readonly http: { readonly host: string; readonly port: number };
  /** `METRICS_TOKEN`: when set (16+ characters), `GET /metrics` asks for it as a bearer token. */
  readonly metricsToken: string | undefined;
  readonly log: { readonly level: z.infer<typeof logLevel>; readonly format: z.infer<typeof logFormat> };
}

const DAY_MS = 86_400_000;
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const OPTIONAL = ['BRIDGE_ROUTING_KEY', 'BRIDGE_TENANTS', 'BRIDGE_EXTERNAL_URL', 'METRICS_TOKEN'];

const schema = {
  BRIDGE_FORMAT: z.enum(['alertmanager', 'pagerduty'], { error: 'must be alertmanager or pagerduty' }),
  BRIDGE_WEBHOOK_URL: httpUrl,
  BRIDGE_ROUTING_KEY: z.string().min(1).optional(),
  BRIDGE_RECEIVER: z.string().min(1).default('stageplus-sla'),
  BRIDGE_EXTERNAL_URL: httpUrl.default('http://127.0.0.1:3002'),
  BRIDGE_TENANTS: z.string().optional(),
  BRIDGE_MIN_LEVEL: z.coerce.number().int().min(1).max(3).default(1),
  BRIDGE_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  BRIDGE_RETRY_MAX_MS: z.coerce.number().int().min(10).max(600_000).default(60_000),
  BRIDGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  BRIDGE_DEDUP_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  BRIDGE_GROUP_ID: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be letters, digits and ._-').default('sla-oncall-bridge'),
  KAFKA_BROKERS: brokerList,
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
  ...redisVariables,
  REDIS_PREFIX: z.string().min(1, 'must not be empty: keys would collide with other services').default('sla:bridge:'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(3004),
  METRICS_TOKEN: metricsToken,
  LOG_LEVEL: logLevel,
  LOG_FORMAT: logFormat,
};

/** Reads and validates the environment; throws a `ConfigError` naming every bad variable. */
export function readBridgeConfig(env: Readonly<Record<string, string | undefined>>): BridgeConfig {
  const vars = readConfig('oncall-bridge', schema, blankAsUnset(env, OPTIONAL));
  const problems: { variable: string; message: string }[] = [];
  if (vars.BRIDGE_FORMAT === 'pagerduty' && vars.BRIDGE_ROUTING_KEY === undefined) {
    problems.push({ variable: 'BRIDGE_ROUTING_KEY', message: 'is required with BRIDGE_FORMAT=pagerduty (the integration key)' });
  }
  if (vars.BRIDGE_FORMAT === 'alertmanager' && vars.BRIDGE_ROUTING_KEY !== undefined) {
    problems.push({ variable: 'BRIDGE_ROUTING_KEY', message: 'is only used with BRIDGE_FORMAT=pagerduty: unset it' });
  }
  if (vars.BRIDGE_RETRY_MAX_MS < vars.BRIDGE_RETRY_BASE_MS) {
    problems.push({ variable: 'BRIDGE_RETRY_MAX_MS', message: 'must be at least BRIDGE_RETRY_BASE_MS' });
  }
  if (vars.TOPIC_SLA_ESCALATIONS === vars.TOPIC_SLA_BREACHES) {
    problems.push({ variable: 'TOPIC_SLA_BREACHES', message: 'must differ from TOPIC_SLA_ESCALATIONS' });
  }
  const tenants = vars.BRIDGE_TENANTS?.split(',').map((t) => t.trim()).filter(Boolean) ?? null;
  if (tenants !== null && tenants.length === 0) problems.push({ variable: 'BRIDGE_TENANTS', message: 'lists no tenant: unset it to forward all' });
  if (problems.length > 0) throw new ConfigError('oncall-bridge', problems);
  return {
    format: vars.BRIDGE_FORMAT,
    webhookUrl: vars.BRIDGE_WEBHOOK_URL,
    routingKey: vars.BRIDGE_ROUTING_KEY,
    receiver: vars.BRIDGE_RECEIVER,
    externalUrl: vars.BRIDGE_EXTERNAL_URL.replace(/\/+$/, ''),
    tenants,
    minLevel: vars.BRIDGE_MIN_LEVEL,
    retry: { baseMs: vars.BRIDGE_RETRY_BASE_MS, maxMs: vars.BRIDGE_RETRY_MAX_MS },
    timeoutMs: vars.BRIDGE_TIMEOUT_MS,
    dedupTtlMs: vars.BRIDGE_DEDUP_TTL_DAYS * DAY_MS,
    groupId: vars.BRIDGE_GROUP_ID,
    kafkaBrokers: vars.KAFKA_BROKERS,
    topics: { slaEscalations: vars.TOPIC_SLA_ESCALATIONS, slaBreaches: vars.TOPIC_SLA_BREACHES },
    redisUrl: vars.REDIS_URL,
    redis: redisTarget('oncall-bridge', vars),
    redisPrefix: vars.REDIS_PREFIX,
    http: { host: vars.HOST, port: vars.PORT },
    metricsToken: vars.METRICS_TOKEN,
    log: { level: vars.LOG_LEVEL, format: vars.LOG_FORMAT },
  };
}
