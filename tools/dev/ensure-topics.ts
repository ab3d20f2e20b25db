/**
 * `npm run topics`: creates every topic of the system, with its partitions and configs
 * (docs/topics.md), and returns once a leader serves each partition. `npm start` runs it before
 * any service, so that no service races another to create a topic it is about to consume.
 * Takes the same variables as the services: KAFKA_BROKERS and the TOPIC_* names, and
 * KAFKA_REPLICATION_FACTOR (default: one replica per broker, up to 3; docs/topics.md) and
 * KAFKA_PARTITIONS (default 6; only for topics that do not exist yet: docs/operations.md).
 */
import { blankAsUnset, brokerList, kafkaPartitions, readConfig, replicationFactor, topicName } from '@stageplus/config';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { createKafka, ensureTopics, systemTopics } from '@stageplus/kafka';

const schema = {
  KAFKA_BROKERS: brokerList,
  KAFKA_REPLICATION_FACTOR: replicationFactor,
  KAFKA_PARTITIONS: kafkaPartitions,
  TOPIC_TICKET_EVENTS: topicName(DEFAULT_TOPICS.ticketEvents),
  TOPIC_TICKETS_PRIORITIZED: topicName(DEFAULT_TOPICS.ticketsPrioritized),
  TOPIC_SLA_ESCALATIONS: topicName(DEFAULT_TOPICS.slaEscalations),
  TOPIC_SLA_BREACHES: topicName(DEFAULT_TOPICS.slaBreaches),
  TOPIC_TIMER_STATE: topicName(DEFAULT_TOPICS.timerState),
  TOPIC_SLA_OUTCOMES: topicName(DEFAULT_TOPICS.slaOutcomes),
  TOPIC_SLA_POLICY: topicName(DEFAULT_TOPICS.slaPolicy),
  TOPIC_SLA_POLICY_STATUS: topicName(DEFAULT_TOPICS.slaPolicyStatus),
};

async function main(): Promise<void> {
  const env = readConfig('topics', schema, blankAsUnset(process.env, Object.keys(schema)));
  const specs = systemTopics({
    ticketEvents: env.TOPIC_TICKET_EVENTS,
    ticketsPrioritized: env.TOPIC_TICKETS_PRIORITIZED,
    slaEscalations: env.TOPIC_SLA_ESCALATIONS,
    slaBreaches: env.TOPIC_SLA_BREACHES,
    timerState: env.TOPIC_TIMER_STATE,
    slaOutcomes: env.TOPIC_SLA_OUTCOMES,
    slaPolicy: env.TOPIC_SLA_POLICY,
    slaPolicyStatus: env.TOPIC_SLA_POLICY_STATUS,
  }, { partitions: env.KAFKA_PARTITIONS });
  await ensureTopics(createKafka({ brokers: env.KAFKA_BROKERS, clientId: 'sla-topics' }), specs, 3, {
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
  });
  process.stderr.write(`topics ready: ${specs.map((s) => s.topic).join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
