import { blankAsUnset, brokerList, ConfigError, kafkaPartitions, readConfig, topicName } from '@stageplus/config';
import { serviceConfig, serviceVariables, type ServiceConfig } from '@stageplus/http';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { redisTarget, redisVariables, type RedisTarget } from '@stageplus/redis';
import { z } from 'zod';
import { DEFAULT_DESTINATION, type BridgeDestination, type WebhookFormat } from './destinations/bridge-destination';
import { httpUrl, readBridgeFile } from './destinations/bridge-file';

export type { WebhookFormat };

/**
 * The bridge's settings, read once from the environment by {@link readBridgeConfig}; `http`
 * (`HOST`, `PORT` default 3004), `log` and `metricsToken` are the skeleton's (`ServiceConfig`).
 */
export interface BridgeConfig extends ServiceConfig {
  /**
   * Where SLA events go: the destinations of `BRIDGE_FILE` or, without one, the single destination
   * of `BRIDGE_FORMAT` + `BRIDGE_WEBHOOK_URL` (+ `BRIDGE_ROUTING_KEY`, `BRIDGE_RECEIVER`,
   * `BRIDGE_TENANTS`, `BRIDGE_MIN_LEVEL`), named `default`.
   */
  readonly destinations: readonly BridgeDestination[];
  /** `BRIDGE_FILE`: the YAML file of destinations; null when the environment names the one destination. */
  readonly bridgeFile: string | null;
  /** `BRIDGE_EXTERNAL_URL`: links in the payloads point to a ticket's SLA there; default `http://127.0.0.1:3002` (the timer). */
  readonly externalUrl: string;
  /** `BRIDGE_CONSOLE_URL`: the SLA console, whose ticket page the Alertmanager annotations link to; default `http://127.0.0.1:3003`. */
  readonly consoleUrl: string;
  /**
   * `BRIDGE_RESEND_INTERVAL_MS`, default 60 000: how often every active alert is posted again to
   * the `alertmanager-api` destinations. Alertmanager resolves an alert nobody re-sent within its
   * `resolve_timeout` (5 min by default), so this must stay well below it.
   */
  readonly resendIntervalMs: number;
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
  /** `KAFKA_PARTITIONS`: partitions of the topics created when missing; unset, `DEFAULT_PARTITIONS`. */
  readonly kafkaPartitions: number | undefined;
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
}

const DAY_MS = 86_400_000;
const OPTIONAL = ['BRIDGE_FILE', 'BRIDGE_FORMAT', 'BRIDGE_WEBHOOK_URL', 'BRIDGE_ROUTING_KEY', 'BRIDGE_RECEIVER', 'BRIDGE_TENANTS', 'BRIDGE_MIN_LEVEL', 'BRIDGE_EXTERNAL_URL', 'BRIDGE_CONSOLE_URL', 'METRICS_TOKEN', 'KAFKA_PARTITIONS'];
/** What a bridge file says per destination: set beside `BRIDGE_FILE`, they would be silently ignored. */
const SINGLE_DESTINATION = ['BRIDGE_FORMAT', 'BRIDGE_WEBHOOK_URL', 'BRIDGE_ROUTING_KEY', 'BRIDGE_RECEIVER', 'BRIDGE_TENANTS', 'BRIDGE_MIN_LEVEL'] as const;

const schema = {
  BRIDGE_FILE: z.string().min(1).optional(),
  BRIDGE_FORMAT: z.enum(['alertmanager', 'alertmanager-api', 'pagerduty'], { error: 'must be alertmanager, alertmanager-api or pagerduty' }).optional(),
  BRIDGE_WEBHOOK_URL: z.string().optional(),
  BRIDGE_ROUTING_KEY: z.string().min(1).optional(),
  BRIDGE_RECEIVER: z.string().min(1).optional(),
  BRIDGE_EXTERNAL_URL: httpUrl.default('http://127.0.0.1:3002'),
  BRIDGE_CONSOLE_URL: httpUrl.default('http://127.0.0.1:3003'),
  BRIDGE_TENANTS: z.string().optional(),
  BRIDGE_MIN_LEVEL: z.coerce.number().int().min(1).max(3).optional(),
  BRIDGE_RESEND_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  BRIDGE_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  BRIDGE_RETRY_MAX_MS: z.coerce.number().int().min(10).max(600_000).default(60_000),
  BRIDGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  BRIDGE_DEDUP_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  BRIDGE_GROUP_ID: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be letters, digits and ._-').default('sla-oncall-bridge'),
  KAFKA_BROKERS: brokerList,
  /** Partitions of the topics this service creates when missing (1..1000, default 6); existing topics keep theirs. */
  KAFKA_PARTITIONS: kafkaPartitions,
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
  ...redisVariables,
  REDIS_PREFIX: z.string().min(1, 'must not be empty: keys would collide with other services').default('sla:bridge:'),
  ...serviceVariables(3004),
};

type Vars = z.infer<z.ZodObject<typeof schema>>;
type Problems = { variable: string; message: string }[];

/** Reads and validates the environment (and the bridge file); throws a `ConfigError` naming every bad variable or field. */
export function readBridgeConfig(env: Readonly<Record<string, string | undefined>>): BridgeConfig {
  const vars = readConfig('oncall-bridge', schema, blankAsUnset(env, OPTIONAL));
  const problems: Problems = [];
  if (vars.BRIDGE_RETRY_MAX_MS < vars.BRIDGE_RETRY_BASE_MS) {
    problems.push({ variable: 'BRIDGE_RETRY_MAX_MS', message: 'must be at least BRIDGE_RETRY_BASE_MS' });
  }
  if (vars.TOPIC_SLA_ESCALATIONS === vars.TOPIC_SLA_BREACHES) {
    problems.push({ variable: 'TOPIC_SLA_BREACHES', message: 'must differ from TOPIC_SLA_ESCALATIONS' });
  }
  const destinations = vars.BRIDGE_FILE === undefined ? envDestinations(vars, problems) : fileDestinations(vars, problems);
  if (problems.length > 0 || destinations === null) throw new ConfigError('oncall-bridge', problems);
  return {
    ...serviceConfig(vars),
    destinations,
    bridgeFile: vars.BRIDGE_FILE ?? null,
    externalUrl: vars.BRIDGE_EXTERNAL_URL.replace(/\/+$/, ''),
    consoleUrl: vars.BRIDGE_CONSOLE_URL.replace(/\/+$/, ''),
    resendIntervalMs: vars.BRIDGE_RESEND_INTERVAL_MS,
    retry: { baseMs: vars.BRIDGE_RETRY_BASE_MS, maxMs: vars.BRIDGE_RETRY_MAX_MS },
    timeoutMs: vars.BRIDGE_TIMEOUT_MS,
    dedupTtlMs: vars.BRIDGE_DEDUP_TTL_DAYS * DAY_MS,
    groupId: vars.BRIDGE_GROUP_ID,
    kafkaBrokers: vars.KAFKA_BROKERS,
    kafkaPartitions: vars.KAFKA_PARTITIONS,
    topics: { slaEscalations: vars.TOPIC_SLA_ESCALATIONS, slaBreaches: vars.TOPIC_SLA_BREACHES },
    redisUrl: vars.REDIS_URL,
    redis: redisTarget('oncall-bridge', vars),
    redisPrefix: vars.REDIS_PREFIX,
  };
}

function fileDestinations(vars: Vars, problems: Problems): readonly BridgeDestination[] | null {
  for (const variable of SINGLE_DESTINATION) {
    if (vars[variable] !== undefined) problems.push({ variable, message: 'is said per destination in BRIDGE_FILE: unset it' });
  }
  try {
    return readBridgeFile(vars.BRIDGE_FILE ?? '');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return null;
  }
}

/** The one destination of `BRIDGE_FORMAT` + `BRIDGE_WEBHOOK_URL`, as before bridge files. */
function envDestinations(vars: Vars, problems: Problems): BridgeDestination[] | null {
  const format = vars.BRIDGE_FORMAT;
  if (format === undefined) problems.push({ variable: 'BRIDGE_FORMAT', message: 'is required (alertmanager, alertmanager-api or pagerduty), or set BRIDGE_FILE' });
  const urls = webhookUrls(vars.BRIDGE_WEBHOOK_URL, format, problems);
  if (format === 'pagerduty' && vars.BRIDGE_ROUTING_KEY === undefined) {
    problems.push({ variable: 'BRIDGE_ROUTING_KEY', message: 'is required with BRIDGE_FORMAT=pagerduty (the integration key)' });
  }
  if (format !== 'pagerduty' && vars.BRIDGE_ROUTING_KEY !== undefined) {
    problems.push({ variable: 'BRIDGE_ROUTING_KEY', message: 'is only used with BRIDGE_FORMAT=pagerduty: unset it' });
  }
  const tenants = vars.BRIDGE_TENANTS?.split(',').map((t) => t.trim()).filter(Boolean) ?? null;
  if (tenants !== null && tenants.length === 0) problems.push({ variable: 'BRIDGE_TENANTS', message: 'lists no tenant: unset it to forward all' });
  if (format === undefined || urls === null || problems.length > 0) return null;
  const base = { name: DEFAULT_DESTINATION, route: { tenants, minLevel: vars.BRIDGE_MIN_LEVEL ?? 1 } };
  if (format === 'alertmanager-api') return [{ ...base, format, urls }];
  if (format === 'alertmanager') return [{ ...base, format, url: urls[0], receiver: vars.BRIDGE_RECEIVER ?? 'stageplus-sla' }];
  return [{ ...base, format, url: urls[0], routingKey: vars.BRIDGE_ROUTING_KEY ?? '' }];
}

/** `BRIDGE_WEBHOOK_URL`: one http(s) URL, or several comma-separated for the Alertmanagers of an HA cluster. */
function webhookUrls(value: string | undefined, format: WebhookFormat | undefined, problems: Problems): string[] | null {
  const variable = 'BRIDGE_WEBHOOK_URL';
  const urls = value?.split(',').map((u) => u.trim()).filter(Boolean) ?? [];
  if (urls.length === 0) {
    problems.push({ variable, message: 'is required: where alerts are POSTed (or set BRIDGE_FILE)' });
    return null;
  }
  const bad = urls.filter((u) => !httpUrl.safeParse(u).success);
  if (bad.length > 0) problems.push({ variable, message: `must be http(s) URLs: ${bad.join(', ')}` });
  if (urls.length > 1 && format !== 'alertmanager-api') problems.push({ variable, message: 'lists several URLs: only BRIDGE_FORMAT=alertmanager-api posts to several (an HA cluster)' });
  return bad.length > 0 ? null : urls;
}
