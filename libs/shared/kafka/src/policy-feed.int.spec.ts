import type { PolicyVersionRecord } from '@stageplus/contracts';
import { randomUUID } from 'node:crypto';
import { createKafka } from './kafka-client';
import { EventPublisher } from './event-publisher';
import { PolicyFeed, publishPolicyStatus, publishPolicyVersion, readPolicyStatuses } from './policy-feed';
import { systemTopics } from './system-topics';
import { ensureTopics } from './topic-admin';

jest.setTimeout(60_000);

// This lib sits below the shared testing helpers (which use it), so the spec brings its own.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const version = (v: string): PolicyVersionRecord => ({ version: v, text: `version: ${v}`, digest: 'a'.repeat(64), publishedAt: '2026-06-01T00:00:00.000Z' });

describe('the policy topics on the real broker', () => {
  const kafka = createKafka({ brokers, clientId: 'spec' });
  const run = randomUUID().slice(0, 8);
  const topics = { slaPolicy: `test-${run}.sla.policy`, slaPolicyStatus: `test-${run}.sla.policy.status` };
  const publisher = new EventPublisher(kafka);
  const feed = new PolicyFeed({ kafka, topic: topics.slaPolicy, logger: quiet, groupId: `test-${run}` });

  beforeAll(async () => {
    await ensureTopics(kafka, systemTopics(topics));
    await publisher.connect();
  });

  afterAll(async () => {
    await feed.stop();
    await publisher.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  });

  it('reads every version published so far in order, then follows the next ones from where it stopped, skipping what is not a version', async () => {
    await publishPolicyVersion(publisher, topics.slaPolicy, version('v1'));
    await publisher.publish(topics.slaPolicy, [{ key: 'junk', value: { nope: true }, partition: 0 }]);
    await publishPolicyVersion(publisher, topics.slaPolicy, version('v2'));
    expect((await feed.readAll()).map((r) => r.version)).toEqual(['v1', 'v2']);

    const followed: string[] = [];
    let seen: () => void = () => undefined;
    const third = new Promise<void>((resolve) => (seen = resolve));
    await feed.follow((r) => {
      followed.push(r.version);
      if (r.version === 'v3') seen();
    });
    await publishPolicyVersion(publisher, topics.slaPolicy, version('v3'));
    await third;
    expect(followed).toEqual(['v3']);
  });

  it('keeps the last status of each instance', async () => {
    const status = (instance: string, v: string) => ({ service: 'timer', instance, version: v, at: '2026-06-01T00:00:00.000Z' });
    await publishPolicyStatus(publisher, topics.slaPolicyStatus, status('a', 'v1'));
    await publishPolicyStatus(publisher, topics.slaPolicyStatus, status('b', 'v1'));
    await publishPolicyStatus(publisher, topics.slaPolicyStatus, status('a', 'v2'));
    const statuses = await readPolicyStatuses(kafka, topics.slaPolicyStatus);
    expect([...statuses.entries()].map(([key, s]) => [key, s.version])).toEqual([['timer:a', 'v2'], ['timer:b', 'v1']]);
  });
});
