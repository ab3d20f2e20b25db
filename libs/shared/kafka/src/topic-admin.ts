import type { Admin, Kafka } from 'kafkajs';
import { replicationFor, type TopicSpec } from './system-topics';

export interface EnsureTopicsOptions {
  /** How long to wait for every partition to be served by a leader (ms), default 30 000. */
  readonly timeoutMs?: number;
  /**
   * Replicas of each new topic's partitions (`KAFKA_REPLICATION_FACTOR`) unless its spec says;
   * by default one per broker the cluster lists, up to 3 (`replicationFor`).
   */
  readonly replicationFactor?: number;
}

/** The topics were created (or existed) but some partition has no serving leader before the deadline. */
export class TopicsNotReadyError extends Error {
  readonly code = 'KAFKA.TOPICS_NOT_READY';
  readonly retriable = true;

  constructor(
    readonly waitingFor: readonly string[],
    timeoutMs: number,
    lastError: string | null,
  ) {
    super(`no leader serves ${waitingFor.join(', ')} after ${timeoutMs} ms${lastError ? ` (last error: ${lastError})` : ''}`);
    this.name = 'TopicsNotReadyError';
  }
}

/** The broker refused to create some topics (an invalid config, a bad name): nothing will fix it by waiting. */
export class TopicCreationError extends Error {
  readonly code = 'KAFKA.TOPIC_CREATION_FAILED';
  readonly retriable = false;

  constructor(readonly refusals: readonly { readonly topic: string; readonly message: string }[]) {
    super(`the broker refused to create ${refusals.map((r) => `${r.topic} (${r.message})`).join(', ')}`);
    this.name = 'TopicCreationError';
  }
}

const POLL_MS = 100;

/**
 * Creates the topics that do not exist yet (with their partitions and configs; a bare name gets
 * `numPartitions` and the broker's defaults), then waits until every partition of every listed
 * topic, new or not, has a leader that serves it. A consumer subscribing right after never meets
 * "This server does not host this topic-partition", which a topic another process created a
 * moment before would otherwise give it. Idempotent, and safe when several processes ensure the
 * same topics at once. An existing topic keeps its partitions and configs.
 *
 * @throws TopicsNotReadyError when some partition has no serving leader within `timeoutMs`.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly (string | TopicSpec)[],
  numPartitions = 3,
  options: EnsureTopicsOptions = {},
): Promise<void> {
  const specs = dedupe(topics.map((t) => (typeof t === 'string' ? { topic: t, partitions: numPartitions, configs: {} } : t)));
  // Few retries inside kafkajs: the wait below has its own deadline.
  const admin = kafka.admin({ retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 } });
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      const { brokers } = await admin.describeCluster();
      await createTopics(admin, missing, brokers.length, options.replicationFactor);
    }
    await waitForServingLeaders(admin, specs.map((s) => s.topic), options.timeoutMs ?? 30_000);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates the topics, replicated as `replicationFor` says; one that another process created
 * meanwhile is not a failure. A factor above the brokers the cluster has is refused by the broker.
 */
async function createTopics(admin: Admin, specs: readonly TopicSpec[], brokers: number, requested: number | undefined): Promise<void> {
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: specs.map((s) => {
        const replication = replicationFor(brokers, s.replicationFactor ?? requested);
        const configs = { 'min.insync.replicas': String(replication.minInSync), ...s.configs };
        return {
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: replication.factor,
          configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
        };
      }),
    });
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) throw error;
    const refusals = (errors as { topic?: string; type?: string; message: string }[])
      .filter((e) => e.type !== 'TOPIC_ALREADY_EXISTS')
      .map((e) => ({ topic: e.topic ?? '?', message: e.message }));
    if (refusals.length > 0) throw new TopicCreationError(refusals);
  }
}

/**
 * Polls until the metadata shows a leader for every partition and each leader answers a
 * ListOffsets for it: in KRaft a broker publishes a partition's leader in its metadata a moment
 * before its replica manager serves the partition.
 */
async function waitForServingLeaders(admin: Admin, topics: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await probeLeaders(admin, topics);
    if (probe.waitingFor.length === 0) return;
    if (Date.now() >= deadline) throw new TopicsNotReadyError(probe.waitingFor, timeoutMs, probe.error);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** What is not served yet, and the last error met finding out. */
async function probeLeaders(admin: Admin, topics: readonly string[]): Promise<{ waitingFor: string[]; error: string | null }> {
  try {
    const leaderless = await partitionsWithoutLeader(admin, topics);
    if (leaderless.length > 0) return { waitingFor: leaderless, error: null };
  } catch (error) {
    return { waitingFor: [...topics], error: (error as Error).message };
  }
  const failures = await Promise.all(
    topics.map((topic) => admin.fetchTopicOffsets(topic).then(() => null, (error: Error) => ({ topic, message: error.message }))),
  );
  const unserved = failures.filter((f) => f !== null);
  return { waitingFor: unserved.map((f) => f.topic), error: unserved[0]?.message ?? null };
}

/** `topic/partition` of each partition without a leader; a topic the metadata does not know yet counts whole. */
async function partitionsWithoutLeader(admin: Admin, topics: readonly string[]): Promise<string[]> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
  const waiting: string[] = [];
  for (const topic of topics) {
    const partitions = metadata.find((m) => m.name === topic)?.partitions ?? [];
    if (partitions.length === 0) waiting.push(topic);
    for (const p of partitions) if (p.leader < 0 || p.partitionErrorCode !== 0) waiting.push(`${topic}/${p.partitionId}`);
  }
  return waiting;
}

function dedupe(specs: readonly TopicSpec[]): TopicSpec[] {
  return [...new Map(specs.map((s) => [s.topic, s])).values()];
}
