import { ApiAdmission, ApiKeyVerifier } from '@stageplus/http';
import { BrokerWatch, createKafka, EventPublisher } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { Connectors, loadConnectorsFile } from '@stageplus/sla-connectors';
import { loadDefaultPolicy, loadPolicyFile, type SlaPolicy } from '@stageplus/sla-policy';
import type { Logger } from 'pino';
import type { IngestSettings } from './events/ingest-events/ingest-events.service';
import type { IntakeConfig } from './intake.config';
import { SERVICE_NAME } from './intake.tokens';
import { ProducerConnection } from './kafka/producer-connection';

/** The intake service's parts, built once from its configuration; nothing connected yet. */
export interface IntakeComponents {
  /** Counted by the routes and the publisher; served on `GET /metrics`. */
  readonly metrics: ServiceMetrics;
  readonly publisher: EventPublisher;
  /** Keeps the publisher connected, retrying in the background: intake starts without Kafka. */
  readonly connection: ProducerConnection;
  /** Whether a broker answers: readiness, and `POST /v1/events` failing fast. Started by the health probe. */
  readonly broker: BrokerWatch;
  /** The API-key door (keys, scopes, rates), for the events and the webhooks. */
  readonly admission: ApiAdmission;
  /** Per-tenant webhook mappings and secrets (`CONNECTORS_FILE`). */
  readonly connectors: Connectors;
  /** What webhook deliveries are mapped with: pause statuses, the priority matrix, tenant zones. */
  readonly policy: SlaPolicy;
  readonly ingest: IngestSettings;
}

/**
 * Reads and validates the connectors and policy files first: a bad one stops intake, naming the
 * field, before anything connects.
 */
export function buildIntake(config: IntakeConfig, logger: Logger): IntakeComponents {
  const connectors = config.connectorsFile === undefined ? new Connectors() : loadConnectorsFile(config.connectorsFile);
  const policy = config.policyFile === undefined ? loadDefaultPolicy() : loadPolicyFile(config.policyFile);
  const metrics = new ServiceMetrics(SERVICE_NAME);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: logger.child({ context: 'kafkajs' }) });
  const publisher = new EventPublisher(kafka, config.publishTimeoutMs, metrics.publisherObserver());
  return {
    metrics,
    publisher,
    connection: new ProducerConnection(publisher, logger.child({ context: 'ProducerConnection' })),
    broker: new BrokerWatch({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: logger.child({ context: 'BrokerWatch' }) }),
    admission: new ApiAdmission(new ApiKeyVerifier(config.apiKeys), config.apiAccess),
    connectors,
    policy,
    ingest: { topic: config.ticketEventsTopic, publishTimeoutMs: config.publishTimeoutMs },
  };
}

/**
 * Connects the producer, waiting up to 2 s for it: next to a live broker intake starts ready; with
 * Kafka down it starts anyway, not ready, and keeps trying in the background.
 */
export async function prepareIntake(c: IntakeComponents): Promise<void> {
  await c.connection.start();
}

/** Stops retrying and disconnects the producer, after HTTP has closed. */
export async function stopIntake(c: IntakeComponents): Promise<void> {
  await c.connection.stop();
}
