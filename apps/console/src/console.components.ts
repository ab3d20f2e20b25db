import { randomBytes, randomUUID } from 'node:crypto';
import { ApiAdmission, ApiKeyVerifier } from '@stageplus/http';
import { BrokerWatch, createKafka } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { loadDefaultPolicy, loadPolicyFile } from '@stageplus/sla-policy';
import type { Logger } from 'pino';
import { TimerClient } from './board/timer-client';
import { OutcomeStore } from './compliance/outcome-store';
import type { ConsoleConfig } from './console.config';
import type { ConsoleSettings } from './console.settings';
import { SlaFeed } from './feed/sla-feed';
import { SlaTopicsConsumer } from './feed/sla-topics.consumer';
import { SessionStore } from './session/session-store';
import { TenantDirectory } from './tenants/tenant-directory';

/** The console's parts, built once from its configuration. */
export interface ConsoleComponents {
  readonly admission: ApiAdmission;
  readonly sessions: SessionStore;
  readonly tenants: TenantDirectory;
  readonly feed: SlaFeed;
  readonly outcomes: OutcomeStore;
  readonly consumer: SlaTopicsConsumer;
  /** Whether a broker answers now (readiness); started and stopped by the health probe. */
  readonly broker: BrokerWatch;
  readonly timer: TimerClient;
  readonly settings: ConsoleSettings;
  readonly metrics: ServiceMetrics;
  readonly metricsToken: string | undefined;
}

export function buildConsole(config: ConsoleConfig, logger: Logger): ConsoleComponents {
  const policy = config.policyFile ? loadPolicyFile(config.policyFile) : loadDefaultPolicy();
  const tenants = new TenantDirectory(policy);
  const feed = new SlaFeed(config.feedSize, (tenantId) => tenants.zoneOf(tenantId));
  const outcomes = new OutcomeStore();
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'console', logger });
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: 'console', logger });
  const consumer = new SlaTopicsConsumer(
    kafka,
    {
      ...config.topics,
      groupId: `${config.groupId}.${randomUUID().slice(0, 8)}`,
      // Two SLA topics of three partitions each fill the buffer at the start.
      backfillPerPartition: Math.ceil(config.feedSize / 6),
    },
    feed,
    outcomes,
    logger,
    broker,
  );
  return {
    admission: new ApiAdmission(new ApiKeyVerifier(config.apiKeys), config.apiAccess),
    sessions: new SessionStore(config.sessionTtlMs, () => randomBytes(32).toString('base64url')),
    tenants,
    feed,
    outcomes,
    consumer,
    broker,
    timer: new TimerClient(config.timerUrl),
    settings: { sessionTtlMs: config.sessionTtlMs, secureCookie: config.secureCookie, timerUrl: config.timerUrl },
    metrics: new ServiceMetrics('console'),
    metricsToken: config.metricsToken,
  };
}
