import { deadLetterTopic, type TopicName, type Topics } from '@stageplus/contracts';

/** A topic as `ensureTopics` creates it. */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  /** Topic-level configs (`retention.ms`, `cleanup.policy`, …), as the broker spells them. */
  readonly configs: Readonly<Record<string, string>>;
  /** Replicas of each partition; by default `replicationFor` the brokers the cluster has. */
  readonly replicationFactor?: number;
}

/** How many copies of each partition, and how many must hold a write before it is acknowledged. */
export interface Replication {
  readonly factor: number;
  /** `min.insync.replicas`: with producers' `acks: all`, a write is acknowledged once this many replicas have it. */
  readonly minInSync: number;
}

/**
 * The one rule for replication: `requested` (KAFKA_REPLICATION_FACTOR) when given, else one replica
 * per broker up to 3. `min.insync.replicas` is half the replicas, rounded up: RF 3 → 2, so one broker
 * may crash and writes go on, each acknowledged write on two brokers; RF 1 (a lone broker) → 1.
 */
export function replicationFor(brokers: number, requested?: number): Replication {
  const factor = requested ?? Math.max(1, Math.min(3, brokers));
  return { factor, minInSync: Math.max(1, Math.ceil(factor / 2)) };
}

/**
 * Partitions of every topic on a fresh install (`KAFKA_PARTITIONS` unset). The partitions of
 * `tickets.prioritized` bound how many timer (and priority) instances share the work: a member
 * owns whole partitions, so 6 lets 1, 2, 3 or 6 instances each take an equal share. Growing it
 * later is `sla partitions grow` (docs/operations.md); existing topics keep their count.
 */
export const DEFAULT_PARTITIONS = 6;

export interface SystemTopicOptions {
  /**
   * Partitions of every topic, default `DEFAULT_PARTITIONS` (`KAFKA_PARTITIONS`). One count for all:
   * the timer writes a ticket's state record to the partition number of its `tickets.prioritized`
   * record, so the two must match. Applied only to topics that do not exist yet.
   */
  readonly partitions?: number;
  /** Replicas of every partition; by default `replicationFor` the brokers of the cluster. */
  readonly replicationFactor?: number;
}

const DAY_MS = 86_400_000;

/**
 * Event topics and their dead letters: kept 30 days. Kafka's default is 7, and an open ticket
 * lives longer than that (a BASE P4 resolution is 10 business days, its 150 % escalation three
 * calendar weeks, more with pauses and holidays): a replay, a rebuild or a dead letter's `source`
 * must still find the events of every ticket still open.
 */
const EVENT_LOG = { 'retention.ms': String(30 * DAY_MS) };

/**
 * The timer's changelog: the latest record per ticket, forever, and a tombstone removes one.
 * Segments roll hourly and the cleaner runs once 10 % is stale, so a rebuild reads little more
 * than one record per open ticket; tombstones stay a day, long enough for a rebuild that started
 * before the deletion to see it.
 */
const CHANGELOG = {
  'cleanup.policy': 'compact',
  'segment.ms': String(3_600_000),
  'min.cleanable.dirty.ratio': '0.1',
  'delete.retention.ms': String(DAY_MS),
};

/** Every topic of the system by role: its configs, and whether its consumer dead-letters to `<it>.dlq`. */
/**
 * The policy topics: every version (and each instance's latest status) forever, in one partition
 * so that publication order is offset order.
 */
const POLICY_LOG = { 'cleanup.policy': 'compact', 'segment.ms': String(DAY_MS) };

interface Role {
  readonly configs: Readonly<Record<string, string>>;
  readonly deadLetters: boolean;
  /** A partition count of its own, whatever `SystemTopicOptions.partitions` says. */
  readonly partitions?: number;
}

const ROLES: Readonly<Record<TopicName, Role>> = {
  ticketEvents: { configs: EVENT_LOG, deadLetters: true },
  ticketsPrioritized: { configs: EVENT_LOG, deadLetters: true },
  slaEscalations: { configs: EVENT_LOG, deadLetters: false },
  slaBreaches: { configs: EVENT_LOG, deadLetters: false },
  timerState: { configs: CHANGELOG, deadLetters: false },
  // One record per closed ticket, kept for as long as reports look back (compaction keeps the last).
  slaOutcomes: { configs: { 'cleanup.policy': 'compact', 'segment.ms': String(DAY_MS) }, deadLetters: false },
  slaPolicy: { configs: POLICY_LOG, deadLetters: false, partitions: 1 },
  slaPolicyStatus: { configs: POLICY_LOG, deadLetters: false, partitions: 1 },
};

/**
 * The specs of the named topics and of their dead-letter topics: the one list of what every
 * topic of the system is. Names come from each service's configuration (defaults in
 * `DEFAULT_TOPICS`); a service passes the topics it reads or writes, the start script all of them.
 */
export function systemTopics(names: Partial<Topics>, options: SystemTopicOptions = {}): TopicSpec[] {
  const partitions = options.partitions ?? DEFAULT_PARTITIONS;
  const replication = options.replicationFactor === undefined ? {} : { replicationFactor: options.replicationFactor };
  const specs: TopicSpec[] = [];
  for (const role of Object.keys(ROLES) as TopicName[]) {
    const topic = names[role];
    if (topic === undefined) continue;
    specs.push({ topic, partitions: ROLES[role].partitions ?? partitions, configs: ROLES[role].configs, ...replication });
    if (ROLES[role].deadLetters) specs.push({ topic: deadLetterTopic(topic), partitions, configs: EVENT_LOG, ...replication });
  }
  return specs;
}
