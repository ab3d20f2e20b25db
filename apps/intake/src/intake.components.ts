import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiAdmission, ApiKeyVerifier } from '@stageplus/http';
import { BrokerWatch, createKafka, EventPublisher } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { Connectors, loadConnectorsFile } from '@stageplus/sla-connectors';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from '@stageplus/sla-policy';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import type { Logger } from 'pino';
import type { IngestSettings } from './events/ingest-events/ingest-events.service';
import { TenantEventQuota } from './events/tenant-quota/tenant-event-quota';
import type { IntakeConfig } from './intake.config';
import { SERVICE_NAME } from './intake.tokens';
import { policyFollowing } from './kafka/policy-following';
import { RetryingConnection } from './kafka/retrying-connection';

/** The intake service's parts, built once from its configuration; nothing connected yet. */
export interface IntakeComponents {
  /** Counted by the routes and the publisher; served on `GET /metrics`. */
  readonly metrics: ServiceMetrics;
  readonly publisher: EventPublisher;
  /** Keeps the publisher connected, retrying in the background: intake starts without Kafka. */
  readonly connection: RetryingConnection;
  /** Whether a broker answers: readiness, and `POST /v1/events` failing fast. Started by the health probe. */
  readonly broker: BrokerWatch;
  /** The API-key door (keys, scopes, rates), for the events and the webhooks. */
  readonly admission: ApiAdmission;
  /** Per-tenant webhook mappings and secrets (`CONNECTORS_FILE`). */
  readonly connectors: Connectors;
  /** The policy history followed on `sla.policy`: webhooks map with its latest version. */
  readonly policies: PolicyFollower;
  /** Reads the history once the producer is connected, and again after a failed read. */
  readonly policyConnection: RetryingConnection;
  readonly ingest: IngestSettings;
  /** Events per tenant per second (`INTAKE_TENANT_EVENTS_*`), for the events and the webhooks. */
  readonly quota: TenantEventQuota;
}

/**
 * Reads and validates the connectors and policy files first: a bad one stops intake, naming the
 * field, before anything connects.
 */
export function buildIntake(config: IntakeConfig, logger: Logger): IntakeComponents {
  const connectors = config.connectorsFile === undefined ? new Connectors() : loadConnectorsFile(config.connectorsFile);
  const source = config.policyFile ?? DEFAULT_POLICY_PATH;
  loadPolicyFile(source);
  const metrics = new ServiceMetrics(SERVICE_NAME);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: logger.child({ context: 'kafkajs' }) });
  const publisher = new EventPublisher(kafka, config.publishTimeoutMs, metrics.publisherObserver());
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: logger.child({ context: 'BrokerWatch' }) });
  const policies = new PolicyFollower({
    kafka,
    topics: config.policyTopics,
    service: SERVICE_NAME,
    instance: randomUUID(),
    local: { text: readFileSync(source, 'utf8'), source, explicit: config.policyFile !== undefined },
    publisher,
    logger: logger.child({ context: 'PolicyFollower' }),
    broker,
    clock: Date.now,
  });
  return {
    metrics,
    publisher,
    connection: new RetryingConnection(publisher, 'Kafka producer', logger.child({ context: 'ProducerConnection' })),
    broker,
    admission: new ApiAdmission(new ApiKeyVerifier(config.apiKeys), config.apiAccess),
    connectors,
    policies,
    // Reading the history takes a few seconds next to a live broker (throwaway consumer groups
    // join): startup waits for it, so intake starts ready; without Kafka the first attempt fails at once.
    policyConnection: new RetryingConnection(policyFollowing(policies, publisher), 'policy follower', logger.child({ context: 'PolicyFollowing' }), {
      maxDelayMs: 5_000,
      startupWaitMs: 15_000,
    }),
    ingest: { topic: config.ticketEventsTopic, publishTimeoutMs: config.publishTimeoutMs },
    quota: new TenantEventQuota(config.tenantEvents),
  };
}

/**
 * Connects the producer, waiting up to 2 s for it, then reads the policy history: next to a live
 * broker intake starts ready; with Kafka down it starts anyway, not ready, and keeps trying both.
 */
export async function prepareIntake(c: IntakeComponents): Promise<void> {
  await c.connection.start();
  await c.policyConnection.start();
}

/** After HTTP has closed: stops following (its status goes through the producer), then the producer. */
export async function stopIntake(c: IntakeComponents): Promise<void> {
  await c.policyConnection.stop();
  await c.connection.stop();
}

/** Resolves once no connection attempt is left running: what tests wait for after closing. */
export async function intakeSettled(c: IntakeComponents): Promise<void> {
  await Promise.all([c.connection.settled(), c.policyConnection.settled()]);
}
