import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { blankAsUnset, brokerList, ConfigError, readConfig, topicName } from '@stageplus/config';
import {
  apiAccessOptions,
  apiAccessVariables,
  apiKeyList,
  developmentApiKey,
  serviceConfig,
  serviceVariables,
  type ApiAccessOptions,
  type ApiKey,
  type ServiceConfig,
} from '@stageplus/http';
import { z } from 'zod';
import type { TenantEventLimits } from './events/tenant-quota/tenant-event-quota';
import { tenantEventLimits, tenantQuotaVariables } from './events/tenant-quota/tenant-quota.config';

/**
 * What the intake service runs with; read once from the environment by `readIntakeConfig`.
 * `HOST` (default `127.0.0.1`: loopback unless told otherwise) and `PORT` (default 3000; 0 picks a
 * free port), `METRICS_TOKEN`, `LOG_LEVEL`, `LOG_FORMAT` as every service (`ServiceConfig`).
 */
export interface IntakeConfig extends ServiceConfig {
  /** `KAFKA_BROKERS`, `host:port[,host:port]`, default `127.0.0.1:9092`. */
  readonly kafkaBrokers: readonly string[];
  /** `TOPIC_TICKET_EVENTS`, default `tickets.events`. */
  readonly ticketEventsTopic: string;
  readonly policyTopics: {
    /** `TOPIC_SLA_POLICY`, the published policy versions, followed; default `sla.policy`. */
    readonly policy: string;
    /** `TOPIC_SLA_POLICY_STATUS`, where intake says which version it holds; default `sla.policy.status`. */
    readonly status: string;
  };
  /**
   * `API_KEYS` (hashed), plus the development key for all tenants when `INTAKE_DEV_API_KEY` is set.
   * Never empty.
   */
  readonly apiKeys: readonly ApiKey[];
  /** `API_RATE_LIMIT_*`, `API_KEY_EXPIRY_WARNING_DAYS`: rate limits and expiry warnings (`apiAccessVariables`). */
  readonly apiAccess: ApiAccessOptions;
  /**
   * `INTAKE_TENANT_EVENTS_PER_SECOND` (default 1,000; 0: off), `INTAKE_TENANT_EVENTS_BURST`
   * (default 10,000), `INTAKE_TENANT_EVENT_LIMITS` (`tenant=perSecond[/burst],…`): events each
   * tenant may post, per instance, past which its batches get 429 (`TenantEventQuota`).
   */
  readonly tenantEvents: TenantEventLimits;
  /** `INTAKE_BODY_LIMIT`, default `1mb`: larger bodies get 413. */
  readonly bodyLimit: string;
  /**
   * `INTAKE_PUBLISH_TIMEOUT_MS`, default 5 000: how long a request waits for Kafka's
   * acknowledgement before answering 503. Past it the write may still land; clients resend the
   * same events, whose `eventId`s make the repeat harmless downstream.
   */
  readonly publishTimeoutMs: number;
  /**
   * `CONNECTORS_FILE`: per-tenant overrides of the webhook presets and their signature secrets
   * (YAML, validated at startup); unset, the presets apply as shipped.
   */
  readonly connectorsFile: string | undefined;
  /**
   * `POLICY_FILE`, a policy YAML; unset, the bundled one. Checked at startup, published as the
   * first version on an empty `sla.policy`, appended when its text is new (docs/architecture.md).
   * Webhooks map with the latest version followed there (matrix, pause statuses, tenant zones).
   */
  readonly policyFile: string | undefined;
}

const shape = {
  ...serviceVariables(3000),
  KAFKA_BROKERS: brokerList,
  TOPIC_TICKET_EVENTS: topicName(DEFAULT_TOPICS.ticketEvents),
  TOPIC_SLA_POLICY: topicName(DEFAULT_TOPICS.slaPolicy),
  TOPIC_SLA_POLICY_STATUS: topicName(DEFAULT_TOPICS.slaPolicyStatus),
  API_KEYS: apiKeyList.optional(),
  INTAKE_DEV_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  INTAKE_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 1mb')
    .default('1mb'),
  INTAKE_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  CONNECTORS_FILE: z.string().min(1).optional(),
  POLICY_FILE: z.string().min(1, 'must be a path; unset it to use the bundled policy').optional(),
  ...apiAccessVariables,
  ...tenantQuotaVariables,
};

/**
 * Reads and validates the intake configuration; throws a `ConfigError` naming every bad variable.
 * Without `API_KEYS` nobody could post, so the service refuses to start unless
 * `INTAKE_DEV_API_KEY` (set by `npm start`) stands in for it.
 */
export function readIntakeConfig(env: Readonly<Record<string, string | undefined>>): IntakeConfig {
  const vars = readConfig('intake', shape, blankAsUnset(env, ['API_KEYS', 'INTAKE_DEV_API_KEY', 'METRICS_TOKEN', 'CONNECTORS_FILE', 'POLICY_FILE', 'INTAKE_TENANT_EVENT_LIMITS']));
  const apiKeys: ApiKey[] = [...(vars.API_KEYS ?? [])];
  if (vars.INTAKE_DEV_API_KEY !== undefined) apiKeys.push(developmentApiKey(vars.INTAKE_DEV_API_KEY));
  if (apiKeys.length === 0) {
    throw new ConfigError('intake', [
      {
        variable: 'API_KEYS',
        message: 'is required: a JSON array of {"id", "sha256", "tenants"} (or INTAKE_DEV_API_KEY for development)',
      },
    ]);
  }
  return {
    ...serviceConfig(vars),
    kafkaBrokers: vars.KAFKA_BROKERS,
    ticketEventsTopic: vars.TOPIC_TICKET_EVENTS,
    policyTopics: { policy: vars.TOPIC_SLA_POLICY, status: vars.TOPIC_SLA_POLICY_STATUS },
    apiKeys,
    apiAccess: apiAccessOptions(vars),
    tenantEvents: tenantEventLimits(vars),
    bodyLimit: vars.INTAKE_BODY_LIMIT,
    publishTimeoutMs: vars.INTAKE_PUBLISH_TIMEOUT_MS,
    connectorsFile: vars.CONNECTORS_FILE,
    policyFile: vars.POLICY_FILE,
  };
}
