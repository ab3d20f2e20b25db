import { DEFAULT_TOPICS, type Topics } from '@stageplus/contracts';
import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes } from 'kafkajs';
import { createKafka } from './kafka-client';
import { systemTopics } from './system-topics';
import { ensureTopics, TopicCreationError, TopicsNotReadyError } from './topic-admin';

jest.setTimeout(60_000);

// This lib sits below the shared testing helpers (which use it), so the spec brings its own.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const THIRTY_DAYS_MS = String(30 * 86_400_000);

describe('ensuring the topics of the system on the real broker', () => {
  const kafka = createKafka({ brokers, clientId: 'spec' });
  const admin = kafka.admin();
  const run = randomUUID().slice(0, 8);
  const names = Object.fromEntries(Object.entries(DEFAULT_TOPICS).map(([role, name]) => [role, `test-${run}.${name}`])) as Topics;
  const specs = systemTopics(names);
  const created = specs.map((s) => s.topic);

  beforeAll(() => admin.connect());

  afterAll(async () => {
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });

  it('lists every topic of the system and the dead letters of the consumed ones', () => {
    expect(created).toEqual([
      names.ticketEvents,
      `${names.ticketEvents}.dlq`,
      names.ticketsPrioritized,
      `${names.ticketsPrioritized}.dlq`,
      names.slaEscalations,
      names.slaBreaches,
      names.timerState,
      names.slaOutcomes,
      names.slaPolicy,
      names.slaPolicyStatus,
    ]);
  });

  it('creates them once, even when two services ensure them at the same moment, each served by a leader on return', async () => {
    await Promise.all([ensureTopics(kafka, specs), ensureTopics(kafka, systemTopics({ ticketsPrioritized: names.ticketsPrioritized, timerState: names.timerState }))]);

    const { topics } = await admin.fetchTopicMetadata({ topics: created });
    expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(specs.map((s) => [s.topic, s.partitions]).sort());
    for (const t of topics) for (const p of t.partitions) expect(p.leader).toBeGreaterThanOrEqual(0);
    // Served, not only announced: every leader answers for its partitions.
    for (const spec of specs) expect(await admin.fetchTopicOffsets(spec.topic)).toHaveLength(spec.partitions);
  });

  it('gives the event topics and the dead letters 30 days of retention, and compacts the timer state, the outcomes and the policy topics', async () => {
    await ensureTopics(kafka, specs);
    const configs = await describeConfigs(created);
    // One broker here: one replica, and a write is acknowledged by it alone (RF 3 / 2 on the cluster: broker-faults e2e).
    for (const topic of created) expect([topic, configs[topic]['min.insync.replicas']]).toEqual([topic, '1']);
    const compacted = [names.timerState, names.slaOutcomes, names.slaPolicy, names.slaPolicyStatus];
    for (const topic of compacted) expect([topic, configs[topic]]).toEqual([topic, expect.objectContaining({ 'cleanup.policy': 'compact' })]);
    for (const topic of created.filter((t) => !compacted.includes(t))) {
      expect([topic, configs[topic]]).toEqual([topic, expect.objectContaining({ 'retention.ms': THIRTY_DAYS_MS, 'cleanup.policy': 'delete' })]);
    }
    expect(configs[names.timerState]).toEqual(
      expect.objectContaining({
        'cleanup.policy': 'compact',
        'segment.ms': '3600000',
        'min.cleanable.dirty.ratio': '0.1',
        'delete.retention.ms': '86400000',
      }),
    );
  });

  it('leaves an existing topic as it is', async () => {
    const topic = `test-${run}.bare`;
    created.push(topic);
    await ensureTopics(kafka, [topic], 1);
    await ensureTopics(kafka, systemTopics({ ticketEvents: topic }));
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions).toHaveLength(1);
    created.push(`${topic}.dlq`);
  });

  it('refuses a topic the broker will not create, with the broker\'s reason', async () => {
    const topic = `test-${run}.invalid`;
    const failure = ensureTopics(kafka, [{ topic, partitions: 1, configs: { 'cleanup.policy': 'nonsense' } }]);
    await expect(failure).rejects.toThrow(TopicCreationError);
    await expect(failure).rejects.toMatchObject({ code: 'KAFKA.TOPIC_CREATION_FAILED', refusals: [{ topic, message: expect.stringMatching(/config/i) }] });
  });

  async function describeConfigs(topics: readonly string[]): Promise<Record<string, Record<string, string>>> {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    return Object.fromEntries(resources.map((r) => [r.resourceName, Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue]))]));
  }
});

describe('waiting for leaders', () => {
  it('fails after its deadline naming the partitions without a leader', async () => {
    // A broker never shows a leaderless partition for long: a stand-in admin does.
    const admin = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      listTopics: async () => ['t'],
      fetchTopicMetadata: async () => ({ topics: [{ name: 't', partitions: [{ partitionId: 0, leader: -1, partitionErrorCode: 5 }, { partitionId: 1, leader: 1, partitionErrorCode: 0 }] }] }),
    };
    const kafka = { admin: () => admin } as unknown as Parameters<typeof ensureTopics>[0];
    const failure = ensureTopics(kafka, ['t'], 2, { timeoutMs: 300 });
    await expect(failure).rejects.toThrow(TopicsNotReadyError);
    await expect(failure).rejects.toMatchObject({ code: 'KAFKA.TOPICS_NOT_READY', waitingFor: ['t/0'], message: 'no leader serves t/0 after 300 ms' });
  });
});
