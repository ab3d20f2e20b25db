/**
 * Catch-up after the timer was down: `--thresholds` thresholds (one per P1 ticket) fall due while
 * the timer process is SIGKILLed; it is started again past their instants. Measured: from the
 * restart (the process spawned) until every one of them is received from the SLA topics, each
 * once; also from the restarted timer's `/health/ready`. Baseline: raw BullMQ draining as many
 * overdue delayed jobs with a no-op processor on the same Redis.
 *
 * The downtime lasts at least `--min-down-s` (default 8 s, past the timer's 6 s Kafka session
 * timeout, so the restarted member does not wait for its dead predecessor's partitions).
 * Run: `npm run --silent bench:catchup`.
 */
import type { TicketEvent } from '@stageplus/contracts';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { bullConnection, RawDelayedJobs } from '../support/bullmq-baseline';
import { startTimerBenchSystem } from '../support/timer-bench-system';
import { describe, distribution, fmt, maxOf, sleep, until } from '../support/stats';
import { BENCH_TENANT, benchPolicy, firstThresholdAfter, keyOf, opened, thresholdsOf } from '../support/ticket-workload';

const options = readOptions('bench:catchup', {
  thresholds: { default: 50_000, help: 'thresholds falling due while the timer is down (one P1 ticket each)' },
  calibration: { default: 2_000, help: 'P4 tickets posted first to measure the ingest rate (they stay open, quiet)' },
  spreadS: { default: 10, help: 'seconds over which the thresholds fall, all inside the downtime' },
  leadS: { default: 0, help: 'seconds from posting to the first threshold; 0 = from the measured ingest rate' },
  minDownS: { default: 8, help: 'shortest downtime (past the 6 s Kafka session timeout)' },
  timeoutS: { default: 120, help: 'longest wait for the catch-up after the restart' },
  batchSize: { default: 1_000, help: 'events per POST' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  baselineConcurrency: { default: 1_000, help: 'raw BullMQ worker concurrency (the timer runs 1,000 per partition)' },
  deadlineS: { default: 1_800, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL_MS = 5_000;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const QUIET = { plan: 'BASE', impact: 4, urgency: 4 } as const;
const DUE = { plan: 'BASE', impact: 1, urgency: 1 } as const;

void new BenchRun('catchup', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const policy = benchPolicy();
  const firstAfter = firstThresholdAfter(policy, DUE);
  const { redis, services, stopServices, recorder, stopRecorder, lag, post } = await startTimerBenchSystem(run, {
    bench: 'catchup',
    kafkaBrokers: BROKERS,
    batchSize: options.batchSize,
    clients: options.clients,
    verbose: options.verbose === '1',
  });

  let ingestRate = 300;
  if (options.calibration > 0) {
    const now = Date.now();
    const started = Date.now();
    await post(Array.from({ length: options.calibration }, (_, i) => opened(BENCH_TENANT, `Q-${i}`, now, QUIET)));
    await lag.waitApplied(services, options.calibration, options.deadlineS * 1_000);
    ingestRate = options.calibration / ((Date.now() - started) / 1000);
    say(`calibration: ${fmt(options.calibration)} P4 tickets applied at ${fmt(ingestRate)} tickets/s`);
  }

  const n = options.thresholds;
  const leadMs = options.leadS > 0 ? options.leadS * 1_000 : Math.ceil(((n / ingestRate) * 1.25 + 10) * 1_000);
  const first = Date.now() + leadMs;
  const spreadMs = options.spreadS * 1_000;
  const expected = new Set<string>();
  const events: TicketEvent[] = [];
  for (let i = 0; i < n; i++) {
    const at = first + Math.floor(((i + 0.5) * spreadMs) / n);
    const ticketId = `D-${i}`;
    events.push(opened(BENCH_TENANT, ticketId, at - firstAfter, DUE));
    const threshold = thresholdsOf(policy, BENCH_TENANT, ticketId, DUE, at - firstAfter).find((t) => t.at === at);
    if (!threshold) throw new Error(`no threshold of ${ticketId} at ${new Date(at).toISOString()}`);
    expected.add(threshold.eventId);
  }
  say(`due: ${fmt(n)} P1 tickets, one threshold each, falling over ${options.spreadS} s from ${fmt(leadMs / 1000, 1)} s from now`);
  await post(events);
  await lag.waitApplied(services, options.calibration + n, Math.max(10_000, first - Date.now()));
  if (Date.now() > first - 500) say(`WARNING: applied only ${fmt(Date.now() - first)} ms before the first threshold: some fire before the kill; raise --lead-s`);
  await services.kill('timer');
  const killedAt = Date.now();
  say(`timer SIGKILLed ${fmt((first - killedAt) / 1000, 1)} s before the first threshold`);
  const downUntil = Math.max(first + spreadMs + 1_000, killedAt + options.minDownS * 1_000);
  await sleep(downUntil - Date.now());

  const restartedAt = Date.now();
  say(`restarting the timer, ${fmt((restartedAt - killedAt) / 1000, 1)} s after the kill, ${fmt((restartedAt - first - spreadMs) / 1000, 1)} s after the last threshold`);
  const bootMs = await services.startService('timer');
  const readyAt = restartedAt + bootMs;
  say(`timer ready ${fmt(bootMs)} ms after the restart`);
  const got = () => [...expected].filter((id) => recorder.seen.has(id)).length;
  let complete = true;
  await until(() => got() >= expected.size, restartedAt + options.timeoutS * 1_000 - Date.now(), 'every overdue threshold received', {
    progress: () => `${fmt(got())} / ${fmt(expected.size)} received`,
  }).catch((error: Error) => {
    complete = false;
    say(error.message);
  });
  await sleep(3_000); // duplicates arrive after the originals, if at all
  await stopRecorder();

  const mine = recorder.received.filter((r) => expected.has(r.eventId));
  const beforeKill = mine.filter((r) => r.firedAt < killedAt).length;
  const doneAt = maxOf(mine.map((r) => r.receivedAt));
  const catchupMs = complete ? doneAt - restartedAt : null;
  const afterReadyMs = complete ? Math.max(0, doneAt - readyAt) : null;
  const lost = expected.size - got();
  const duplicates = mine.length - new Set(mine.map((r) => r.eventId)).size;
  const late = mine.filter((r) => r.late).length;
  const overdue = distribution(mine.map((r) => r.firedAt - r.thresholdAt));
  say(`catch-up: ${fmt(got())} / ${fmt(expected.size)} received ${catchupMs === null ? 'not all' : `${fmt(catchupMs)} ms after the restart (${fmt(afterReadyMs)} ms after ready)`}; lost ${lost}, duplicates ${duplicates}, late ${late}, fired before the kill ${beforeKill}`);
  const early = recorder.early().length;
  const unexpected = recorder.received.length - mine.length;
  say(`firedAt - thresholdAt:       ${describe(overdue)}; early ${early}, unexpected ${unexpected}`);
  for (const line of recorder.describeUnexpected(expected)) say(`  ${line}`);
  await stopServices();

  say(`baseline: raw BullMQ draining ${fmt(n)} overdue delayed jobs, no-op processor, concurrency ${options.baselineConcurrency}, same Redis`);
  const raw = new RawDelayedJobs(bullConnection(redis.url));
  run.onCleanup('raw BullMQ queue', () => raw.remove());
  const dueAt = Date.now() + 1_000;
  await raw.add(Array.from({ length: n }, (_, i) => ({ key: keyOf(BENCH_TENANT, `D-${i}`), at: dueAt + Math.floor((i * 1_000) / n) })));
  await sleep(Math.max(0, dueAt + 2_000 - Date.now()));
  const drainStarted = Date.now();
  const worker = raw.process(options.baselineConcurrency);
  await raw.waitProcessed(worker.processed, n, options.timeoutS * 1_000);
  const baselineMs = Date.now() - drainStarted;
  say(`baseline: drained in ${fmt(baselineMs)} ms (${fmt((n / baselineMs) * 1000)} jobs/s)`);

  const figuresMet = complete && catchupMs !== null && catchupMs <= GOAL_MS && duplicates === 0 && beforeKill === 0 && early === 0 && unexpected === 0;
  const ok = figuresMet && n >= 50_000;
  say(verdict(`all published once within ${fmt(GOAL_MS)} ms of the restart`, figuresMet, ok, '50,000 thresholds'));
  return {
    bench: 'catchup',
    figure: {
      complete,
      thresholds: n,
      catchupMs,
      afterReadyMs,
      timerBootMs: bootMs,
      downMs: restartedAt - killedAt,
      lost,
      duplicates,
      late,
      firedBeforeKill: beforeKill,
      early,
      unexpected,
      firedMinusThresholdMs: { p50: overdue.p50, p99: overdue.p99, max: overdue.max },
    },
    baseline: { kind: 'raw BullMQ drain of overdue delayed jobs, no-op processor', jobs: n, concurrency: options.baselineConcurrency, ms: baselineMs },
    goal: { catchupMs: GOAL_MS, thresholds: 50_000, duplicates: 0, early: 0, unexpected: 0 },
    ok,
  };
});
