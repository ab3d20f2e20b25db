import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ensureTopics } from '@stageplus/kafka';
import { testBrokers, uniqueName } from '@stageplus/testing';
import { breached, cleared, escalated } from './sla-topic-events.fixture';

const root = join(__dirname, '../../../../..');
const { kafkaBrokers } = testBrokers();
const topics = { escalations: uniqueName('test.sla.escalations'), breaches: uniqueName('test.sla.breaches') };
const key = 'chu-sainte-justine:T-7';

/** The real `sla watch`, as `npm run sla -- watch` runs it, its lines collected as they come. */
class Watcher {
  readonly lines: string[] = [];
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_BROKERS: kafkaBrokers.join(','), TOPIC_SLA_ESCALATIONS: topics.escalations, TOPIC_SLA_BREACHES: topics.breaches };
    delete env.NO_COLOR;
    this.child = spawn(join(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.base.json', 'apps/cli/src/main.ts', 'watch', ...args], { cwd: root, env });
    let partial = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
      this.notify();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      this.notify();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  private notify(): void {
    this.waiters.forEach((w) => w());
  }

  /** Resolves once `done()` holds; fails after `timeoutMs` with what was printed. */
  waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what}\nstdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  ready(): Promise<void> {
    return this.waitFor(() => this.stderr.includes('sla watch: watching'), 60_000, 'the watcher to be ready');
  }

  /** Ctrl-C, as a person stops it; the exit code. */
  async interrupt(): Promise<number | null> {
    this.child.kill('SIGINT');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    const code = await this.exited;
    clearTimeout(killer);
    return code;
  }
}

describe('sla watch against the real Kafka', () => {
  const kafka = new Kafka({ clientId: uniqueName('watch-test'), brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  let producer: Producer;
  const publish = (topic: string, ...events: object[]) =>
    producer.send({ topic, messages: events.map((e) => ({ key, value: JSON.stringify(e) })) });
  const earlier = { ...escalated, eventId: 'sla:chu-sainte-justine:T-7:response:50', percent: 50, level: 1 };
  const elsewhere = { ...escalated, eventId: 'sla:other:T-1:response:75', tenantId: 'other', ticketId: 'T-1' };
  const lastEscalation = { ...escalated, eventId: 'sla:chu-sainte-justine:T-7:resolution:50', clock: 'resolution', percent: 50, level: 1 };
  const lastBreach = { ...breached, eventId: 'sla:chu-sainte-justine:T-7:resolution:100', clock: 'resolution', late: false };

  beforeAll(async () => {
    await ensureTopics(kafka, Object.values(topics), 3);
    producer = kafka.producer();
    await producer.connect();
    await publish(topics.escalations, earlier);
  }, 60_000);

  afterAll(async () => {
    await producer?.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  }, 60_000);

  it('prints new events only, one line each, filtered, the clear of a breach once, and stops on Ctrl-C', async () => {
    const watcher = new Watcher(['--lang', 'en', '--tenant', 'chu-sainte-justine']);
    await watcher.ready();
    await publish(topics.escalations, escalated, elsewhere, cleared, lastEscalation);
    await publish(topics.breaches, breached, cleared, lastBreach);
    // Each topic's last event follows the clear on its partition (same key): once both are
    // printed, both copies of the clear have been read.
    await watcher.waitFor(() => watcher.lines.filter((l) => l.includes('resolution')).length === 2, 60_000, 'the last events of both topics');
    const lines = watcher.lines.filter((l) => l !== '');
    expect(lines.filter((l) => l.includes('CLEARED'))).toEqual([
      '2026-11-28 23:25:01 EST  chu-sainte-justine    T-7         P2  response    CLEARED        responded at 2026-11-28 23:25 EST, after a breach',
    ]);
    expect(lines).toContain('2026-11-28 22:30:00 EST  chu-sainte-justine    T-7         P2  response    ESCALATION 2   75% (at risk), due 2026-11-28 23:00 EST');
    expect(lines.find((l) => l.includes('BREACH') && l.includes('response'))).toContain('LATE (threshold 2026-11-28 23:00 EST)');
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).not.toMatch(/other|ESCALATION 1 .*response|\u001b\[/);
    expect(await watcher.interrupt()).toBe(0);
    expect(watcher.stderr).toContain('sla watch: stopped');
    // Its own group, never committed: nothing for another watcher to inherit, no partition taken.
    const admin = kafka.admin();
    await admin.connect();
    const groups = (await admin.listGroups()).groups.filter((g) => g.groupId.startsWith('sla-watch-'));
    const committed = await Promise.all(groups.map((g) => admin.fetchOffsets({ groupId: g.groupId, topics: Object.values(topics) })));
    await admin.disconnect();
    expect(committed.flat().flatMap((t) => t.partitions).filter((p) => p.offset !== '-1')).toEqual([]);
  }, 120_000);

  it('with --json --from-beginning, prints every payload untouched, one a line, each event once', async () => {
    const watcher = new Watcher(['--json', '--from-beginning', '--level', 'breach,cleared']);
    await watcher.waitFor(() => watcher.lines.filter((l) => l.includes('resolution')).length === 1, 60_000, 'the last breach');
    await watcher.waitFor(() => watcher.lines.some((l) => l.includes('cleared')), 60_000, 'the clear');
    const events = watcher.lines.filter((l) => l !== '').map((l) => JSON.parse(l) as { eventId: string });
    expect(events.map((e) => e.eventId).sort()).toEqual([breached.eventId, cleared.eventId, lastBreach.eventId].sort());
    expect(watcher.lines).toContain(JSON.stringify(cleared));
    expect(await watcher.interrupt()).toBe(0);
  }, 120_000);
});
