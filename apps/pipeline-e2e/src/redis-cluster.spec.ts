import { join } from 'node:path';
import { atInstant, ticketEvents as ticket, waitUntil } from '@stageplus/testing';
import { ClusterRedis } from './testing/cluster-redis';
import { Pipeline } from './testing/pipeline';

jest.setTimeout(180_000);

const POLICY = join(__dirname, 'testing/failover-policy.yaml');
const TICKETS = 20;
const THRESHOLDS = 8; // response and resolution at 50, 75, 100 and 150 %: 6 to 30 s after opening
const KILL_AFTER_MS = 7_500; // between the first threshold (6 s) and the next ones (9, 10, 12 s)
/**
 * The master crash (kill -9, replica promoted), then the flush, in every run. Before the timer replaced a stuck
 * partition worker (`TimerWorkers.checkStuck`), 2 runs of 5 lost every threshold after the crash of
 * some of the killed master's partitions: their worker stopped taking jobs, the state intact on the
 * promoted replica (docs/architecture.md, "Redis's primary crashes").
 */

describe('every service on a Redis Cluster (REDIS_CLUSTER_NODES; 3 masters, a replica each)', () => {
  const cluster = new ClusterRedis();
  let pipeline: Pipeline;
  const t0 = { at: 0 };
  const tickets = Array.from({ length: TICKETS }, () => ticket('tenant-a'));

  beforeAll(async () => {
    await cluster.start();
    // Every node as an operator might have left it: hz 10. The timer must raise each, replicas too.
    await Promise.all(cluster.ports.map((p) => cluster.onNode(p, (n) => n.config('SET', 'hz', '10'))));
    pipeline = await new Pipeline(POLICY, {}, cluster.env).start();
  }, 120_000);
  afterAll(async () => {
    await pipeline?.stop();
    await cluster.stop();
  });

  const sla = (ticketId: string) =>
    fetch(`${pipeline.url('timer')}/v1/tenants/tenant-a/tickets/${ticketId}/sla`, { headers: { authorization: `Bearer ${pipeline.apiKey}` } });
  const known = (ticketId: string) => waitUntil(async () => (await sla(ticketId)).status === 200 || undefined, 30_000, `${ticketId} known to the timer`);

  /** The timer's keys on each live master (SCAN of that node alone). */
  async function timerKeysByMaster(skip: readonly number[] = []): Promise<Map<number, string[]>> {
    const masters = (await cluster.nodes(skip)).filter((n) => n.role === 'master' && !n.failed && !skip.includes(n.port));
    const byMaster = new Map<number, string[]>();
    for (const { port } of masters) {
      const keys = await cluster.onNode(port, async (node) => {
        const found: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await node.scan(cursor, 'MATCH', `${pipeline.id}:timer:*`, 'COUNT', 1_000);
          found.push(...batch);
          cursor = next;
        } while (cursor !== '0');
        return found;
      });
      byMaster.set(port, keys);
    }
    return byMaster;
  }
  const partitionsIn = (keys: readonly string[]) => new Set(keys.map((k) => /\{p(\d+)\}/.exec(k)?.[1]).filter(Boolean));

  it('classifies, schedules and answers GET …/sla, the timer keys of each partition on one master, partitions spread', async () => {
    t0.at = Date.now();
    await pipeline.postOk(tickets.map((t) => t.event('ticket.opened', t0.at, { impact: 1, urgency: 1 })));
    for (const t of tickets) await known(t.ticketId);
    const body = (await (await sla(tickets[0].ticketId)).json()) as { scheduled: unknown[] };
    expect(body.scheduled.length).toBe(THRESHOLDS);

    const byMaster = await timerKeysByMaster();
    const spread = [...byMaster].map(([port, keys]) => ({ port, keys: keys.length, partitions: [...partitionsIn(keys)] }));
    console.log(`timer keys by master: ${JSON.stringify(spread)}`);
    // Records, indexes, fence and BullMQ queue of a partition share its slot: one master each.
    const owners = new Map<string, number>();
    for (const { port, partitions } of spread) {
      for (const p of partitions as string[]) {
        expect(owners.get(p) ?? port).toBe(port);
        owners.set(p, port);
      }
    }
    expect(spread.filter((m) => m.keys > 0).length).toBeGreaterThanOrEqual(2);
    expect([...byMaster.values()].flat().some((k) => k.includes(':bull:') || /\}:[^:]+:delayed$/.test(k))).toBe(true);
    // hz raised on every node, the replicas too (one promoted must wake delayed jobs as promptly).
    const hz = await Promise.all(cluster.ports.map((p) => cluster.onNode(p, async (n) => Number(((await n.config('GET', 'hz')) as string[])[1]))));
    expect(Math.min(...hz)).toBeGreaterThanOrEqual(200);
  });

  it('a master killed with -9: its replica promoted; a master flushed: its partitions rebuilt; every threshold fires once', async () => {
    const before = await timerKeysByMaster();
    const withKeys = [...before].filter(([, keys]) => keys.length > 0).map(([port]) => port);
    const [victim, flushed] = [withKeys[0] as number | undefined, withKeys[1]];
    const down = victim === undefined ? [] : [victim];
    expect(flushed).toBeDefined();
    const lostPartitions = [...partitionsIn(before.get(flushed) ?? [])];

    await atInstant(t0.at + KILL_AFTER_MS);
    let failover: { promoted: number[]; failoverMs: number } | null = null;
    if (victim !== undefined) {
      const killedAt = Date.now();
      cluster.kill(victim);
      const promoted = await waitUntil(
        async () => {
          const nodes = await cluster.nodes(down);
          const healthy = nodes.filter((n) => n.role === 'master' && !n.failed);
          return healthy.length === 3 && !healthy.some((n) => n.port === victim) ? healthy.map((n) => n.port) : undefined;
        },
        30_000,
        'a replica promoted in place of the killed master',
      );
      failover = { promoted, failoverMs: Date.now() - killedAt };
    }

    // A ticket opened after the failover (if any) is classified, scheduled and fired.
    const after = ticket('tenant-a');
    await pipeline.postOk(after.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await known(after.ticketId);
    const all = [...tickets, after];

    const logsAtFlush = pipeline.fullLogs('timer').length;
    await cluster.onNode(flushed, (n) => n.flushall());
    await waitUntil(async () => /timer state rebuilt/.test(pipeline.fullLogs('timer').slice(logsAtFlush)) || undefined, 30_000, 'the flushed partitions rebuilt');
    const rebuilt = await timerKeysByMaster(down);
    for (const p of lostPartitions) expect([...partitionsIn(rebuilt.get(flushed) ?? [])]).toContain(p);

    const ids = new Set(all.map((t) => t.ticketId));
    const ours = () => pipeline.fired().filter((m) => ids.has(m.value.ticketId));
    const distinct = () => new Set(ours().map((m) => m.value.eventId)).size;
    await pipeline.recorder.waitFor(() => distinct() >= all.length * THRESHOLDS, 60_000).catch(() => undefined);
    await waitUntil(async () => (await (await fetch(`${pipeline.url('timer')}/health/ready`)).status) === 200 || undefined, 30_000, 'the timer ready');
    for (const t of all) expect((await sla(t.ticketId)).status).toBe(200);

    // Where the thresholds still missing live: the partition of each ticket, from its record's key.
    const partitionOf = new Map<string, string>();
    for (const [port, keys] of [...rebuilt, ...before]) {
      for (const k of keys) {
        const m = /\{p(\d+)\}:t:[^|]+\|(.+)$/.exec(k);
        if (m) partitionOf.set(m[2], `p${m[1]}${port === victim ? ' (killed master)' : port === flushed ? ' (flushed master)' : ''}`);
      }
    }
    const missing: Record<string, number> = {};
    for (const t of all) {
      const short = THRESHOLDS - new Set(ours().filter((m) => m.value.ticketId === t.ticketId).map((m) => m.value.eventId)).size;
      if (short > 0) missing[partitionOf.get(t.ticketId) ?? '?'] = (missing[partitionOf.get(t.ticketId) ?? '?'] ?? 0) + short;
    }
    const workersReplaced = (pipeline.fullLogs('timer').match(/worker stuck/g) ?? []).length;
    const report = { victim, ...failover, flushed, lostPartitions, fired: ours().length, distinct: distinct(), expected: all.length * THRESHOLDS, missing, workersReplaced };
    console.log(`Redis Cluster faults: ${JSON.stringify(report)}`);
    if (report.distinct !== report.expected) {
      throw new Error(`${report.distinct} of ${report.expected} thresholds fired; the timer said:\n${pipeline.fullLogs('timer').slice(-6_000)}`);
    }
    expect(report.fired).toBe(report.distinct);
  });
});
