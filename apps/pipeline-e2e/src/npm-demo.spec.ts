import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { freePorts, PrivateRedis, testBrokers, waitUntil } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { AssignerProtocol, Kafka, logLevel, type Admin } from 'kafkajs';

jest.setTimeout(180_000);

const root = join(__dirname, '../../..');
/** What an installation run by `npm start` uses when nothing is configured. */
const DEFAULT_GROUPS = ['sla-priority', 'sla-timer', 'sla-console'];
const DEFAULT_PREFIXES = ['sla:priority:', 'sla:timer:', 'bull:'];

/**
 * The end offset of each partition of the default topics that hold records. An empty one is left
 * out: other suites on the shared broker may create one (a recorder), and writing is what counts.
 */
async function defaultTopicEnds(admin: Admin): Promise<Record<string, string>> {
  const existing = new Set(await admin.listTopics());
  const ends: Record<string, string> = {};
  for (const topic of Object.values(DEFAULT_TOPICS).filter((t) => existing.has(t))) {
    for (const { partition, offset } of await admin.fetchTopicOffsets(topic)) if (offset !== '0') ends[`${topic}/${partition}`] = offset;
  }
  return ends;
}

/** The topics a consumer group's members subscribed to. */
async function subscriptionsOf(admin: Admin, groupId: string): Promise<string[]> {
  const [group] = (await admin.describeGroups([groupId])).groups;
  return [...new Set(group.members.flatMap((m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []))].sort();
}

async function keysOf(url: string): Promise<string[]> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    return await client.keys('*');
  } finally {
    client.disconnect();
  }
}

describe('npm run demo next to an installation on the same broker and Redis', () => {
  const redis = new PrivateRedis();
  const admin = new Kafka({ clientId: 'npm-demo-spec', brokers: testBrokers().kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  let demo: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    await redis.start();
    await admin.connect();
  });
  afterAll(async () => {
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid, 'SIGINT');
    // npm returns at once on Ctrl-C; start.ts goes on stopping the services and says so. Its
    // output must stay open until then (a closed pipe would end it before its services).
    const stopped = async () => (['intake', 'priority', 'timer', 'console'].every((s) => output.includes(`[${s}] exited`)) ? true : undefined);
    if (demo) await waitUntil(stopped, 45_000, `the demo's services stopped:\n${output.slice(-2_000)}`).catch(() => undefined);
    demo?.stdout?.destroy();
    demo?.stderr?.destroy();
    await admin.disconnect();
    await redis.stop();
  });

  it('keeps to its own topics, consumer groups and Redis prefixes: none of the defaults is read or written', async () => {
    const base = await freePorts(5);
    const before = await defaultTopicEnds(admin);
    demo = spawn('npm', ['run', 'demo'], {
      cwd: root,
      detached: true, // its own process group, stopped as a terminal's Ctrl-C would
      env: { ...process.env, REDIS_URL: redis.url, KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','), PORT_BASE: String(base) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    demo.stderr?.on('data', (b: Buffer) => (output += b.toString()));

    // The timer holds the demo's first ticket: the demo has gone through intake, priority and the timer.
    const keys = await waitUntil(
      async () => {
        if (demo?.exitCode !== null) throw new Error(`npm run demo exited (${demo?.exitCode}):\n${output.slice(-3_000)}`);
        const now = await keysOf(redis.url);
        return now.some((k) => k.startsWith('demo:sla:timer:')) && now.some((k) => k.startsWith('demo:sla:priority:')) ? now : undefined;
      },
      120_000,
      `the demo's first ticket in Redis:\n${output.slice(-2_000)}`,
    );

    expect(keys.filter((k) => !k.startsWith('demo:'))).toEqual([]);
    expect(keys.filter((k) => DEFAULT_PREFIXES.some((p) => k.startsWith(p)))).toEqual([]);
    expect(await defaultTopicEnds(admin)).toEqual(before);
    const groups = await admin.describeGroups(DEFAULT_GROUPS);
    expect(groups.groups.filter((g) => g.members.length > 0).map((g) => g.groupId)).toEqual([]);
    expect(await subscriptionsOf(admin, 'demo-sla-priority')).toEqual(['demo.tickets.events']);
    expect(await subscriptionsOf(admin, 'demo-sla-timer')).toEqual(['demo.tickets.prioritized']);
    expect(output).toContain('TOPIC_SLA_ESCALATIONS=demo.sla.escalations');
  });
});
