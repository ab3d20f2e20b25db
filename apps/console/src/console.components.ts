import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiAdmission, ApiKeyVerifier } from '@stageplus/http';
import { BrokerWatch, createKafka, EventPublisher } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { DEFAULT_POLICY_PATH, latestVersion } from '@stageplus/sla-policy';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
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
  /** The policy history followed on `sla.policy`; read to its end before the console is ready. */
  readonly policies: PolicyFollower;
  /** Writes the console's own policy when the topic is empty, and its policy status. */
  readonly publisher: EventPublisher;
  /** Names and zones of the version in force. */
  readonly tenants: TenantDirectory;
  readonly feed: SlaFeed;
  readonly outcomes: OutcomeStore;
  readonly consumer: SlaTopicsConsumer;
  /** Whether a broker answers now (readiness); started and stopped by the health probe. */
  readonly broker: BrokerWatch;
  readonly timer: TimerClient;
  readonly settings: ConsoleSettings;
  readonly metrics: ServiceMetrics;
}

export function buildConsole(config: ConsoleConfig, logger: Logger): ConsoleComponents {
  const source = config.policyFile ?? DEFAULT_POLICY_PATH;
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'console', logger });
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: 'console', logger });
  const metrics = new ServiceMetrics('console');
  const publisher = new EventPublisher(kafka, undefined, metrics.publisherObserver());
  const policies = new PolicyFollower({
    kafka,
    topics: config.policyTopics,
    service: 'console',
    instance: randomUUID(),
    local: { text: readFileSync(source, 'utf8'), source, explicit: config.policyFile !== undefined },
    publisher,
    logger,
    broker,
    clock: Date.now,
  });
  const tenants = new TenantDirectory(() => latestVersion(policies.history).policy);
  const feed = new SlaFeed(config.feedSize, (tenantId) => tenants.inForce().zoneOf(tenantId));
  const outcomes = new OutcomeStore();
  const consumer = new SlaTopicsConsumer(
    kafka,
    {
      ...config.topics,
      groupId: `${config.groupId}.${randomUUID().slice(0, 8)}`,
      partitions: config.kafkaPartitions,
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
    policies,
    publisher,
    tenants,
    feed,
    outcomes,
    consumer,
    broker,
    timer: new TimerClient(config.timerUrl),
    settings: { sessionTtlMs: config.sessionTtlMs, secureCookie: config.secureCookie, timerUrl: config.timerUrl },
    metrics,
  };
}

/** Reads the policy history to its end, then follows the SLA topics (the feed reads zones from the history). */
export async function prepareConsole(c: ConsoleComponents): Promise<void> {
  await c.publisher.connect();
  await c.policies.start();
  await c.consumer.start();
}

/** Stops following, then closes the producer; tolerates a `prepare` that failed half-way. */
export async function stopConsole(c: ConsoleComponents): Promise<void> {
  await c.consumer.stop();
  await c.policies.stop();
  await c.publisher.disconnect().catch(() => undefined);
}
