import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createKafka, EventPublisher, PolicyFeed, publishPolicyVersion, readPolicyStatuses } from '@stageplus/kafka';
import { DEFAULT_POLICY_PATH, policyDigest, type PolicyHistory } from '@stageplus/sla-policy';
import { PolicyFollower } from './policy-follower';

jest.setTimeout(60_000);

// An infra lib sits below the shared testing helpers, so the spec brings its own.
const kafkaBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const uniqueName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'policy-follower-spec' });
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const bundled = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
const edited = (version: string): string => bundled.replace('version: stageplus-2023-12-08', `version: ${version}`);
const versionsOf = (h: PolicyHistory): string[] => h.versions.map((v) => v.policy.version);

describe('a service following the policy topic, on the real broker', () => {
  const publisher = new EventPublisher(kafka);
  const followers: PolicyFollower[] = [];
  const created: string[] = [];

  function follower(topics: { policy: string; status: string }, text: string, explicit: boolean, instance = uniqueName('i')): PolicyFollower {
    const f = new PolicyFollower({ kafka, topics, service: 'timer', instance, local: { text, source: 'spec.yaml', explicit }, publisher, logger, heartbeatMs: 200, clock: () => new Date().getTime() });
    followers.push(f);
    return f;
  }
  function topics(): { policy: string; status: string } {
    const t = { policy: uniqueName('test.sla.policy'), status: uniqueName('test.sla.policy.status') };
    created.push(t.policy, t.status);
    return t;
  }

  beforeAll(() => publisher.connect());
  afterAll(async () => {
    await Promise.all(followers.map((f) => f.stop()));
    await publisher.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });

  it('given an empty topic and two services starting at once with the same file, then it is published once as the first version', async () => {
    const t = topics();
    const [a, b] = [follower(t, bundled, false), follower(t, bundled, false)];
    await Promise.all([a.start(), b.start()]);
    expect(versionsOf(a.history)).toEqual(['stageplus-2023-12-08']);
    expect(versionsOf(b.history)).toEqual(['stageplus-2023-12-08']);
    expect(a.describe()).toBe('version stageplus-2023-12-08 in force, history of 1 version');
  });

  it('given a published history, then a POLICY_FILE with another text is appended, the bundled policy is not', async () => {
    const t = topics();
    await follower(t, bundled, false).start();
    const withBundled = follower(t, edited('v0'), false);
    await withBundled.start();
    expect(versionsOf(withBundled.history)).toEqual(['stageplus-2023-12-08']);
    const withFile = follower(t, edited('v2'), true);
    await withFile.start();
    expect(versionsOf(withFile.history)).toEqual(['stageplus-2023-12-08', 'v2']);
  });

  it('given a version published while it runs, then the history is swapped, the listeners told, and its status reports the new version', async () => {
    const t = topics();
    const f = follower(t, bundled, false, 'one');
    await f.start();
    const before = f.history;
    const switched: string[][] = [];
    f.onSwitch((next, previous) => switched.push([...versionsOf(previous), '→', ...versionsOf(next)]));
    const text = edited('v3');
    await publishPolicyVersion(publisher, t.policy, { version: 'v3', text, digest: policyDigest(text), publishedAt: new Date().toISOString() });
    await waitUntil(async () => (f.history !== before ? true : undefined), 10_000, 'the switch to v3');
    expect(before.versions).toHaveLength(1); // the old object is never changed
    expect(switched).toEqual([['stageplus-2023-12-08', '→', 'stageplus-2023-12-08', 'v3']]);
    await waitUntil(async () => ((await readPolicyStatuses(kafka, t.status)).get('timer:one')?.version === 'v3' ? true : undefined), 10_000, 'the status of v3');
    expect(await new PolicyFeed({ kafka, topic: t.policy, logger, groupId: 'spec' }).readAll()).toHaveLength(2);
  });
});

async function waitUntil(check: () => Promise<true | undefined>, timeoutMs: number, what: string): Promise<void> {
  const deadline = new Date().getTime() + timeoutMs;
  while ((await check()) === undefined) {
    if (new Date().getTime() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
