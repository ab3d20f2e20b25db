/**
 * The timer at scale on a Redis Cluster: `--tickets` open tickets across a private 3-master
 * cluster (`tools/redis/cluster.sh` on ports of its own, a replica per master), three measures:
 *
 * 1. Redis bytes per open ticket: the sum of `used_memory` over the masters once the tickets are
 *    open, minus the empty cluster's, over N. The tickets are put in the timer's changelog topic
 *    (one `timer.state` record each, as the timer writes them: the opening event, the armed
 *    instant), then the timer starts and rebuilds every partition from it, as it does after a
 *    loss: records, due and paused indexes with their per-tenant copies, and a wake-up job per
 *    partition (no longer one BullMQ job per ticket). Background tickets are P4 of three tenants (first threshold hours away).
 *    Baseline in the same run: a raw BullMQ delayed job (data = the ticket key, as bench:memory),
 *    N of them in one queue on the same cluster, emptied first.
 * 2. Firing p99 `firedAt − thresholdAt`: `--due` P1 tickets posted through the pipeline, one
 *    threshold each in a `--window-s` window, with the N tickets open. Baseline: raw BullMQ, the
 *    N jobs in place and as many due over as long a window (processing − due).
 * 3. Rebuild of one master's partitions: `--probes` P1 tickets with a threshold each from
 *    `--pre-spread-s` before to `--post-spread-s` after the loss; then the master holding the most
 *    timer partitions is flushed (FLUSHALL, its replica follows). Measured from the flush: the
 *    timer's rebuild log, its `/health/ready` back at 200, and the probe thresholds of the lost
 *    partitions due by then all received; every probe threshold must fire exactly once.
 *
 * Also reported: the initial rebuild of all N (timer start to ready). Ends by stopping the
 * services, deleting the run's topics and stopping the cluster.
 * Run: `npm run --silent bench:scale -- --tickets 20000 --due 2000`.
 */
import type { TicketEvent } from '@stageplus/contracts';
import { ticketKey } from '@stageplus/contracts';
import { partitionOfKey } from '@stageplus/kafka';
import { toKnownEvent } from '@stageplus/sla-engine';
import { Cluster } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ClusterRedis } from '../../apps/pipeline-e2e/src/testing/cluster-redis';
import { TIMER_STATE_TYPE } from '../../apps/timer/src/sla-clocks/kafka/timer-state-record';
import { encodeRecord, type TicketRecord } from '../../apps/timer/src/sla-clocks/ticket-record/ticket-record';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { topicEnv } from '../support/bench-env';
import { readOptions } from '../support/bench-options';
import { BenchServices } from '../support/bench-services';
import { RawDelayedJobs } from '../support/bullmq-baseline';
import { ConsumerLag } from '../support/consumer-lag';
import { postEvents } from '../support/post-events';
import { SlaRecorder, type ReceivedCount } from '../support/sla-recorder';
import { describe, distribution, fmt, maxOf, round, sleep, until } from '../support/stats';
import { BENCH_POLICY_PATH, BENCH_TENANT, benchPolicy, firstThresholdAfter, keyOf, opened, QUIET, thresholdsOf } from '../support/ticket-workload';

const options = readOptions('bench:scale', {
  tickets: { default: 1_000_000, help: 'open tickets in all (background + due + probes)' },
  due: { default: 2_000, help: 'tickets whose first threshold falls in the firing window' },
  windowS: { default: 20, help: 'seconds over which the due thresholds are spread' },
  probes: { default: 1_000, help: 'P1 tickets with one threshold each around the master\'s flush' },
  preSpreadS: { default: 3, help: 'seconds before the flush over which the first probe thresholds fall' },
  postSpreadS: { default: 20, help: 'seconds after the flush over which the other probe thresholds fall' },
  partitions: { default: 6, help: 'partitions of the run\'s topics (and of the timer\'s state)' },
  seedBatch: { default: 5_000, help: 'changelog records per produce call' },
  baselineConcurrency: { default: 1_000, help: 'raw BullMQ worker concurrency' },
  rebuildTimeoutS: { default: 600, help: 'how long the timer may take to rebuild the N tickets at start, and the flushed master\'s after' },
  batchSize: { default: 1_000, help: 'events per POST' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  deadlineS: { default: 3_600, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL = { bytesPerTicket: 2_048, firedMinusThresholdP99Ms: 20, masterRebuildMs: 60_000, tickets: 1_000_000 };
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const TENANTS = [BENCH_TENANT, 'bench-b', 'bench-c'];
const P1 = { plan: 'BASE', impact: 1, urgency: 1 } as const;
const FAR = 8 * 3_600_000;

void new BenchRun('scale', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const n = options.tickets;
  const background = n - options.due - options.probes;
  if (background < 0) throw new Error('--due + --probes cannot exceed --tickets');
  // The run's topics get this many partitions (tools/dev/ensure-topics.ts reads it), the timer as many state partitions.
  process.env.KAFKA_PARTITIONS = String(options.partitions);
  const policy = benchPolicy();

  // --- the cluster
  const cluster = new ClusterRedis();
  run.onCleanup('Redis Cluster', () => cluster.stop());
  await cluster.start();
  const masters = async () => (await cluster.nodes()).filter((node) => node.role === 'master' && !node.failed).map((node) => node.port);
  const masterPorts = await masters();
  say(`private Redis Cluster: masters ${masterPorts.join(', ')} (a replica each), nodes ${cluster.env.REDIS_CLUSTER_NODES}`);
  const usedMemory = async () => {
    let sum = 0;
    for (const port of masterPorts) sum += await cluster.onNode(port, async (node) => Number(/used_memory:(\d+)/.exec(await node.info('memory'))?.[1] ?? 0));
    return sum;
  };
  const keyCount = async () => {
    let sum = 0;
    for (const port of masterPorts) sum += await cluster.onNode(port, (node) => node.dbsize());
    return sum;
  };
  const settled = () => settledMemory(usedMemory);
  const flushMasters = async () => {
    for (const port of masterPorts) await cluster.onNode(port, (node) => node.flushall());
  };
  const empty = await settled();
  say(`empty cluster: ${fmt(empty)} bytes used over the 3 masters`);

  // --- the run's topics, then the changelog seeded before any timer runs
  const rebuildLogs: { at: number; msg: string; fields: Record<string, unknown> }[] = [];
  const clusterEnv = { ...cluster.env };
  const services = new BenchServices({
    bench: 'scale',
    kafkaBrokers: BROKERS,
    redisUrl: 'redis://127.0.0.1:6379', // not used: REDIS_CLUSTER_NODES wins
    policyFile: BENCH_POLICY_PATH,
    tenants: TENANTS,
    verbose: options.verbose === '1',
    env: { intake: clusterEnv, priority: clusterEnv, timer: { ...clusterEnv, KAFKA_SESSION_TIMEOUT_MS: '6000' } },
  });
  services.onLine((service, line) => {
    if (service !== 'timer' || !/rebuil|state missing/.test(line)) return;
    try {
      const fields = JSON.parse(line) as Record<string, unknown>;
      rebuildLogs.push({ at: Date.now(), msg: String(fields.msg ?? ''), fields });
    } catch {
      rebuildLogs.push({ at: Date.now(), msg: line, fields: {} });
    }
  });
  run.onCleanup('topics', () => services.deleteTopics());
  ensureTopics(services);

  const seedStarted = Date.now();
  const seeded = await seedChangelog(services.topics.timerState, background, options.partitions, options.seedBatch, firstThresholdAfter(policy, QUIET));
  say(`changelog: ${fmt(background)} background P4 tickets of ${TENANTS.length} tenants, ${fmt(seeded.bytes)} bytes, produced in ${fmt(Date.now() - seedStarted)} ms`);

  // --- the services; the timer finds its partitions missing from Redis and rebuilds them from the changelog
  const stopServices = run.onCleanup('services', () => services.stop());
  const startedAt = Date.now();
  await services.start(options.rebuildTimeoutS * 1_000);
  const initialRebuildMs = Date.now() - startedAt;
  const initialLog = rebuildLogs.filter((l) => l.msg === 'timer state rebuilt').map((l) => l.fields);
  say(`services ready (run ${services.id}) ${fmt(initialRebuildMs)} ms after their start; the timer's rebuilds: ${JSON.stringify(initialLog.map((f) => ({ partitions: f.partitions, tickets: f.tickets, ms: f.ms })))}`);
  const recorder = await new SlaRecorder(BROKERS, [services.topics.escalations, services.topics.breaches]).start();
  const stopRecorder = run.onCleanup('SLA consumer', () => recorder.stop());
  const lag = new ConsumerLag(BROKERS);
  run.onCleanup('lag admin', () => lag.close());
  const post = (events: TicketEvent[]) => postEvents(services.url('intake'), services.apiKey, events, { batchSize: options.batchSize, concurrency: options.clients });
  let posted = 0;

  // --- (1) bytes per open ticket, once the due and probe tickets are open too (measured after them)
  const client = new Cluster(cluster.ports.slice(0, 3).map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: 3 } });
  run.onCleanup('cluster client', () => void client.disconnect());
  const slotOwner = async (partition: number) => {
    const slot = Number(await client.cluster('KEYSLOT', `{p${partition}}`));
    return cluster.masterOf(slot);
  };
  const owners = new Map<number, number>();
  for (let p = 0; p < options.partitions; p++) owners.set(p, (await slotOwner(p)) ?? -1);
  say(`timer partitions by master: ${JSON.stringify(Object.fromEntries(masterPorts.map((m) => [m, [...owners].filter(([, o]) => o === m).map(([p]) => p)])))}`);
  const delayedJobs = async () => {
    let sum = 0;
    for (let p = 0; p < options.partitions; p++) sum += await client.zcard(`${services.id}:timer:{p${p}}:${services.id}:delayed`);
    return sum;
  };

  // --- (2) firing: --due P1 tickets, one threshold each in the window
  const firstAfter = firstThresholdAfter(policy, P1);
  const ingestRate = 300;
  const leadMs = Math.ceil(((options.due / ingestRate) * 1.5 + 10) * 1_000);
  const windowStart = Date.now() + leadMs;
  const windowMs = options.windowS * 1_000;
  const due = placed('D', options.due, windowStart, windowMs, firstAfter, policy);
  say(`due: ${fmt(options.due)} P1 tickets, one threshold each over ${options.windowS} s starting in ${fmt(leadMs / 1000, 1)} s`);
  await post(due.events);
  posted += due.events.length;
  await lag.waitApplied(services, posted, Math.max(10_000, windowStart + windowMs - Date.now()));
  const appliedBeforeWindowMs = windowStart - Date.now();
  if (appliedBeforeWindowMs < 0) say(`WARNING: the due tickets were applied ${fmt(-appliedBeforeWindowMs)} ms into the window`);
  const windowEnd = windowStart + windowMs;
  const counts = new Map<Map<string, number>, ReceivedCount>();
  const got = (expected: Map<string, number>) => (counts.get(expected) ?? counts.set(expected, recorder.count(expected)).get(expected)!).got;
  await until(() => Date.now() > windowEnd + 1_000 && got(due.expected) >= due.expected.size, windowEnd + 15_000 - Date.now(), 'every due threshold received', {
    progress: () => `${fmt(got(due.expected))} / ${fmt(due.expected.size)} received`,
  }).catch((error: Error) => say(error.message));
  await sleep(2_000);
  const dueMine = recorder.received.filter((r) => due.expected.has(r.eventId));
  const dueLost = due.expected.size - got(due.expected);
  const dueDuplicates = dueMine.length - new Set(dueMine.map((r) => r.eventId)).size;
  const fired = distribution(dueMine.map((r) => r.firedAt - r.thresholdAt));
  const receipt = distribution(dueMine.map((r) => r.receivedAt - r.thresholdAt));
  say(`firing with ${fmt(n)} open: firedAt - thresholdAt ${describe(fired)}; receipt - thresholdAt ${describe(receipt)}; lost ${dueLost}, duplicates ${dueDuplicates}`);

  // --- (3) probes around the flush of one master
  const probeLeadMs = Math.ceil(((options.probes / ingestRate) * 1.5 + options.preSpreadS + 10) * 1_000);
  const lossAt = Date.now() + probeLeadMs;
  const probeFrom = lossAt - options.preSpreadS * 1_000;
  const probeSpan = (options.preSpreadS + options.postSpreadS) * 1_000;
  const probes = placed('P', options.probes, probeFrom, probeSpan, firstAfter, policy);
  say(`probes: ${fmt(options.probes)} P1 tickets, thresholds from ${options.preSpreadS} s before the flush to ${options.postSpreadS} s after; flush in ${fmt(probeLeadMs / 1000, 1)} s`);
  await post(probes.events);
  posted += probes.events.length;
  await lag.waitApplied(services, posted, Math.max(10_000, lossAt - Date.now()));
  if (Date.now() > probeFrom) say(`WARNING: the probes were applied ${fmt(Date.now() - probeFrom)} ms after their first threshold`);

  const open = await settled();
  const openKeys = await keyCount();
  const jobs = await delayedJobs();
  const bytesPerTicket = Math.round((open - empty) / n);
  say(`${fmt(n)} tickets open: ${fmt(open - empty)} bytes over the masters, ${fmt(bytesPerTicket)} bytes per ticket, ${round(openKeys / n, 2)} keys per ticket, ${fmt(jobs)} delayed timer jobs`);

  // The master with the most timer partitions is flushed.
  const byMaster = masterPorts.map((port) => ({ port, partitions: [...owners].filter(([, o]) => o === port).map(([p]) => p) })).sort((a, b) => b.partitions.length - a.partitions.length);
  const victim = byMaster[0];
  const lostPartitions = new Set(victim.partitions);
  const partitionOfProbe = (ticketId: string) => partitionOfKey(ticketKey(BENCH_TENANT, ticketId), options.partitions);
  const lostProbeIds = new Set([...probes.byEvent].filter(([, ticketId]) => lostPartitions.has(partitionOfProbe(ticketId))).map(([eventId]) => eventId));
  await sleep(lossAt - Date.now());
  const logsAtLoss = rebuildLogs.length;
  const lostAt = Date.now();
  await cluster.onNode(victim.port, (node) => node.flushall());
  say(`master ${victim.port} flushed (partitions ${[...lostPartitions].join(', ')}; ${fmt(lostProbeIds.size)} probes there)`);
  let rebuiltAt: number | null = null;
  let readyAt: number | null = null;
  let sawUnready = false;
  const rebuildDeadline = lostAt + options.rebuildTimeoutS * 1_000;
  while (Date.now() < rebuildDeadline) {
    const ready = await services.ready('timer');
    if (!ready) sawUnready = true;
    if (rebuiltAt === null) {
      const line = rebuildLogs.slice(logsAtLoss).find((l) => l.msg === 'timer state rebuilt');
      if (line) rebuiltAt = line.at;
    }
    if (rebuiltAt !== null && ready) {
      readyAt = Date.now();
      break;
    }
    await sleep(50);
  }
  const lossLogs = rebuildLogs.slice(logsAtLoss).map((l) => ({ msg: l.msg, partitions: l.fields.partitions, tickets: l.fields.tickets, ms: l.fields.ms, afterMs: l.at - lostAt }));
  say(`after the flush: ${JSON.stringify(lossLogs)}; timer ready again ${readyAt === null ? 'NOT' : `${fmt(readyAt - lostAt)} ms after`}${sawUnready ? '' : ' (never seen unready)'}`);

  // Thresholds of the lost partitions due by the time the timer was ready again: when the last of them arrived.
  const lastDue = probeFrom + probeSpan;
  await until(() => got(probes.expected) >= probes.expected.size, Math.max(5_000, lastDue + 15_000 - Date.now()), 'every probe threshold received', {
    progress: () => `${fmt(got(probes.expected))} / ${fmt(probes.expected.size)} received`,
  }).catch((error: Error) => say(error.message));
  await sleep(3_000);
  await stopRecorder();
  const probeMine = recorder.received.filter((r) => probes.expected.has(r.eventId));
  const probeLost = probes.expected.size - got(probes.expected);
  const probeDuplicates = probeMine.length - new Set(probeMine.map((r) => r.eventId)).size;
  const firstReceipt = new Map<string, number>();
  for (const r of probeMine) if (!firstReceipt.has(r.eventId)) firstReceipt.set(r.eventId, r.receivedAt);
  const lostDueByReady = [...lostProbeIds].filter((id) => (probes.expected.get(id) ?? Infinity) <= (readyAt ?? Infinity) && (probes.expected.get(id) ?? 0) >= lostAt);
  const lostCaughtUpAt = lostDueByReady.length === 0 ? readyAt : maxOf(lostDueByReady.map((id) => firstReceipt.get(id) ?? Infinity));
  const recoveredAt = readyAt === null || lostCaughtUpAt === null || !Number.isFinite(lostCaughtUpAt) ? null : Math.max(readyAt, lostCaughtUpAt);
  const masterRebuildMs = recoveredAt === null ? null : recoveredAt - lostAt;
  const afterLoss = probeMine.filter((r) => lostProbeIds.has(r.eventId) && r.thresholdAt >= lostAt);
  const lostPartitionLateness = distribution(afterLoss.map((r) => r.firedAt - r.thresholdAt));
  const unexpected = recorder.received.filter((r) => !probes.expected.has(r.eventId) && !due.expected.has(r.eventId)).length;
  const early = recorder.early().length;
  say(`probe thresholds: ${fmt(got(probes.expected))} / ${fmt(probes.expected.size)} received, lost ${probeLost}, duplicates ${probeDuplicates}, early ${early}, unexpected ${unexpected}`);
  say(`the flushed master's partitions: ${lostDueByReady.length} probe thresholds due between the flush and readiness, all received ${masterRebuildMs === null ? 'NOT' : `${fmt(masterRebuildMs)} ms after the flush`}; lateness of those due after the flush: ${describe(lostPartitionLateness)}`);
  await stopServices();

  // --- baselines: raw BullMQ on the emptied cluster, one queue (a hash-tagged prefix: one slot, one master)
  await flushMasters();
  const rawEmpty = await settled();
  const raw = new RawDelayedJobs(new Cluster(cluster.ports.slice(0, 3).map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: null } }), `{bench-raw-${randomBytes(4).toString('hex')}}`);
  run.onCleanup('raw BullMQ queue', async () => {
    await raw.remove().catch(() => undefined);
  });
  await raw.queue.waitUntilReady();
  const farFrom = Date.now() + FAR;
  const addStarted = Date.now();
  await raw.add(Array.from({ length: n - options.due }, (_, i) => ({ key: keyOf(TENANTS[i % TENANTS.length], `B-${i}`), at: farFrom + i })));
  const addRate = (n - options.due) / Math.max(0.001, (Date.now() - addStarted) / 1000);
  const rawOpen = await settled();
  const bytesPerJob = Math.round((rawOpen - rawEmpty) / (n - options.due));
  say(`baseline: ${fmt(n - options.due)} raw BullMQ delayed jobs, ${fmt(bytesPerJob)} bytes per job (added at ${fmt(addRate)} jobs/s)`);
  const worker = raw.process(options.baselineConcurrency);
  const rawStart = Date.now() + Math.ceil(((options.due / Math.max(addRate, 500)) * 1.5 + 3) * 1_000);
  await raw.add(Array.from({ length: options.due }, (_, i) => ({ key: keyOf(BENCH_TENANT, `D-${i}`), at: rawStart + Math.floor(((i + 0.5) * windowMs) / options.due) })));
  await raw.waitProcessed(worker.processed, options.due, rawStart + windowMs + 15_000 - Date.now());
  const baseline = distribution(worker.lateness);
  say(`baseline processing - due:   ${describe(baseline)}`);
  await raw.queue.close().catch(() => undefined);

  const complete = dueLost === 0 && probeLost === 0 && masterRebuildMs !== null;
  const figuresMet =
    complete &&
    bytesPerTicket <= GOAL.bytesPerTicket &&
    (fired.p99 ?? Infinity) <= GOAL.firedMinusThresholdP99Ms &&
    masterRebuildMs <= GOAL.masterRebuildMs &&
    dueDuplicates + probeDuplicates + early + unexpected === 0;
  const ok = figuresMet && n >= GOAL.tickets;
  say(
    verdict(
      `<= ${fmt(GOAL.bytesPerTicket)} bytes per open ticket, p99 fired <= ${GOAL.firedMinusThresholdP99Ms} ms, a master's partitions back within ${fmt(GOAL.masterRebuildMs)} ms, every threshold once`,
      figuresMet,
      ok,
      '1,000,000 open tickets',
    ),
  );
  const brief = (d: ReturnType<typeof distribution>) => ({ p50: d.p50, p99: d.p99, max: d.max });
  return {
    bench: 'scale',
    figure: {
      complete,
      ...(complete ? {} : { error: masterRebuildMs === null ? 'the flushed master\'s partitions did not come back in time' : 'thresholds lost' }),
      openTickets: n,
      partitions: options.partitions,
      masters: masterPorts.length,
      bytesPerTicket,
      keysPerTicket: round(openKeys / n, 2),
      delayedJobs: jobs,
      initialRebuildMs,
      firedMinusThresholdMs: brief(fired),
      receiptMinusThresholdMs: brief(receipt),
      due: options.due,
      windowS: options.windowS,
      appliedBeforeWindowMs,
      flushedMaster: { partitions: [...lostPartitions], probes: lostProbeIds.size, rebuildLog: lossLogs.filter((l) => l.msg === 'timer state rebuilt'), readyMs: readyAt === null ? null : readyAt - lostAt, masterRebuildMs, latenessAfterFlushMs: brief(lostPartitionLateness) },
      lost: dueLost + probeLost,
      duplicates: dueDuplicates + probeDuplicates,
      early,
      unexpected,
    },
    baseline: { kind: 'raw BullMQ delayed jobs on the same cluster (one queue), data = ticket key', jobs: n - options.due, bytesPerJob, ratio: round(bytesPerTicket / bytesPerJob, 2), due: options.due, concurrency: options.baselineConcurrency, latenessMs: brief(baseline) },
    goal: GOAL,
    ok,
  };
});

/** The run's topics as `npm start` creates them (the changelog compacted), before any service: the changelog is written first. */
function ensureTopics(services: BenchServices): void {
  const root = join(__dirname, '../..');
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/dev/ensure-topics.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', KAFKA_BROKERS: BROKERS.join(','), ...topicEnv(services.topics) },
  });
  if (result.status !== 0) throw new Error(`tools/dev/ensure-topics.ts failed (${result.status ?? result.signal}): ${result.stderr}`);
}

/**
 * `count` open P4 tickets written to the changelog as the timer writes them (`kafka-sla-outbox.ts`):
 * key the ticket key, the partition its key maps to, value a `timer.state` record holding the
 * opening event and the armed instant of its first threshold.
 */
async function seedChangelog(topic: string, count: number, partitions: number, batch: number, firstAfter: number): Promise<{ bytes: number }> {
  const kafka = new Kafka({ clientId: `bench-scale-seed-${randomBytes(3).toString('hex')}`, brokers: BROKERS, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let bytes = 0;
  const openedAt = Date.now();
  const armedAt = openedAt + firstAfter;
  try {
    for (let from = 0; from < count; from += batch) {
      const messages = [];
      for (let i = from; i < Math.min(count, from + batch); i++) {
        const tenantId = TENANTS[i % TENANTS.length];
        const ticketId = `B-${i}`;
        const record: TicketRecord = { ref: { tenantId, ticketId }, events: [toKnownEvent(opened(tenantId, ticketId, openedAt, QUIET), 0, openedAt)], fired: new Map(), armedAt };
        const key = ticketKey(tenantId, ticketId);
        const value = `{"type":"${TIMER_STATE_TYPE}","v":1,"tenantId":${JSON.stringify(tenantId)},"ticketId":${JSON.stringify(ticketId)},"record":${encodeRecord(record)}}`;
        bytes += key.length + value.length;
        messages.push({ key, value, partition: partitionOfKey(key, partitions) });
      }
      await producer.send({ topic, messages, acks: -1 });
      if (from > 0 && from % 100_000 < batch) say(`  ... ${fmt(from)} changelog records produced`);
    }
  } finally {
    await producer.disconnect();
  }
  return { bytes };
}

/** `count` P1 tickets whose first threshold falls evenly over `[from, from + spanMs)`. */
function placed(prefix: string, count: number, from: number, spanMs: number, firstAfter: number, policy: ReturnType<typeof benchPolicy>) {
  const events: TicketEvent[] = [];
  const expected = new Map<string, number>();
  const byEvent = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const at = from + Math.floor(((i + 0.5) * spanMs) / count);
    const ticketId = `${prefix}-${i}`;
    events.push(opened(BENCH_TENANT, ticketId, at - firstAfter, P1));
    const first = thresholdsOf(policy, BENCH_TENANT, ticketId, P1, at - firstAfter).find((t) => t.at === at);
    if (!first) throw new Error(`no threshold of ${ticketId} at ${new Date(at).toISOString()}`);
    expected.set(first.eventId, at);
    byEvent.set(first.eventId, ticketId);
  }
  return { events, expected, byEvent };
}

/** The masters' `used_memory` once it holds still: two reads 500 ms apart within 16 KiB, 10 s at most. */
async function settledMemory(read: () => Promise<number>): Promise<number> {
  let last = await read();
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    const now = await read();
    if (Math.abs(now - last) < 16 * 1024) return now;
    last = now;
  }
  return last;
}
