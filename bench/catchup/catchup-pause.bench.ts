/**
 * Catch-up after a pause: the timer process is frozen (SIGSTOP: a VM paused, a host suspended, a
 * stop-the-world stall) while `--thresholds` thresholds fall due, for at least `--pause-s`
 * (default 40 s: past its Kafka session timeout, 30 s as in production here, and BullMQ's 30 s
 * job locks), then thawed (SIGCONT). Unlike a kill, the same process comes back and finds its
 * group session gone and its in-flight locks expired. Measured: from the thaw until every
 * overdue threshold is received from the SLA topics, each once; none lost, duplicated, early or
 * unexpected, none fired before the freeze. Baseline, same run and Redis: raw BullMQ draining
 * as many overdue delayed jobs (as `bench:catchup`). Goal: ratio <= 1.3.
 * Run: `npm run --silent bench:catchup-pause`.
 */
import { Kafka, logLevel } from 'kafkajs';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { startTimerBenchSystem } from '../support/timer-bench-system';
import { describe, fmt, round, sleep } from '../support/stats';
import { benchPolicy } from '../support/ticket-workload';
import { awaitOverdue, postOverdue, rawDrain, tallyOverdue } from './overdue';

const options = readOptions('bench:catchup-pause', {
  thresholds: { default: 50_000, help: 'thresholds falling due while the timer is frozen (one P1 ticket each)' },
  calibration: { default: 2_000, help: 'P4 tickets posted first to measure the ingest rate (they stay open, quiet)' },
  spreadS: { default: 10, help: 'seconds over which the thresholds fall, all inside the freeze' },
  leadS: { default: 0, help: 'seconds from posting to the first threshold; 0 = from the measured ingest rate' },
  pauseS: { default: 40, help: 'shortest freeze (past the session timeout and BullMQ\'s 30 s locks)' },
  sessionTimeoutMs: { default: 30_000, help: 'the timer\'s KAFKA_SESSION_TIMEOUT_MS in this run (production default 30,000; 6,000 at least)' },
  timeoutS: { default: 120, help: 'longest wait for the catch-up after the thaw' },
  batchSize: { default: 1_000, help: 'events per POST' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  baselineConcurrency: { default: 1_000, help: 'raw BullMQ worker concurrency (the timer: one wake-up job per instant, batches of TIMER_CONCURRENCY)' },
  deadlineS: { default: 1_800, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL = { ratio: 1.3, lost: 0, duplicates: 0, early: 0, unexpected: 0, firedBeforeFreeze: 0, thresholds: 50_000, pauseS: 40 };
const BULLMQ_LOCK_MS = 30_000;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** Members of the timer's consumer group as the broker sees them: 0 once the frozen member's session expired. */
async function groupMembers(groupId: string): Promise<number | null> {
  const admin = new Kafka({ clientId: 'bench-catchup-pause', brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.members.length ?? 0;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

void new BenchRun('catchup-pause', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const system = await startTimerBenchSystem(run, {
    bench: 'catchup-pause',
    kafkaBrokers: BROKERS,
    batchSize: options.batchSize,
    clients: options.clients,
    verbose: options.verbose === '1',
    env: { timer: { KAFKA_SESSION_TIMEOUT_MS: String(options.sessionTimeoutMs) } },
  });
  const { redis, services, stopServices, recorder } = system;
  say(`timer's Kafka session timeout ${fmt(options.sessionTimeoutMs)} ms`);
  const n = options.thresholds;
  const { expected, first, spreadMs } = await postOverdue(system, benchPolicy(), options);
  if (Date.now() > first - 500) say(`WARNING: applied only ${fmt(Date.now() - first)} ms before the first threshold: some fire before the freeze; raise --lead-s`);
  // Thawed before the services stop, whatever happens (a frozen process ignores SIGTERM).
  run.onCleanup('thaw the timer', () => services.kill('timer', 'SIGCONT'));
  // Frozen so that the freeze lasts --pause-s and ends 1 s after the last threshold, when the lead allows.
  await sleep(Math.min(first - 1_000, first + spreadMs + 1_000 - options.pauseS * 1_000) - Date.now());
  await services.kill('timer', 'SIGSTOP');
  const frozenAt = Date.now();
  say(`timer SIGSTOPped ${fmt((first - frozenAt) / 1000, 1)} s before the first threshold`);
  await sleep(Math.max(first + spreadMs + 1_000, frozenAt + options.pauseS * 1_000) - Date.now());
  const membersAtThaw = await groupMembers(services.groups.timer);
  await services.kill('timer', 'SIGCONT');
  const thawedAt = Date.now();
  const pauseMs = thawedAt - frozenAt;
  const sessionExpired = membersAtThaw === 0;
  say(`timer SIGCONTed after a ${fmt(pauseMs / 1000, 1)} s freeze, ${fmt((thawedAt - first - spreadMs) / 1000, 1)} s after the last threshold; members of its group just before: ${membersAtThaw ?? 'unknown'} (session ${sessionExpired ? 'expired' : 'NOT expired'}), BullMQ locks ${pauseMs > BULLMQ_LOCK_MS ? 'expired' : 'not expired'}`);
  const complete = await awaitOverdue(system, expected, thawedAt + options.timeoutS * 1_000 - Date.now());

  const { received, lost, duplicates, late, firedBeforeOutage, early, unexpected, doneAt, overdue } = tallyOverdue(recorder, expected, frozenAt);
  const catchupMs = complete ? doneAt - thawedAt : null;
  say(`catch-up: ${fmt(received)} / ${fmt(expected.size)} received ${catchupMs === null ? 'not all' : `${fmt(catchupMs)} ms after the thaw`}; lost ${lost}, duplicates ${duplicates}, late ${late}, fired before the freeze ${firedBeforeOutage}`);
  say(`firedAt - thresholdAt:       ${describe(overdue)}; early ${early}, unexpected ${unexpected}`);
  for (const line of recorder.describeUnexpected(expected)) say(`  ${line}`);
  await stopServices();

  const baselineMs = await rawDrain(run, redis.url, n, options.baselineConcurrency, options.timeoutS * 1_000);
  const ratio = catchupMs === null ? null : round(catchupMs / Math.max(1, baselineMs), 2);
  say(`ratio, catch-up after the thaw / raw drain: ${fmt(ratio, 2)}`);

  const figuresMet = complete && ratio !== null && ratio <= GOAL.ratio && duplicates === 0 && firedBeforeOutage === 0 && early === 0 && unexpected === 0;
  const sizeMet = n >= GOAL.thresholds && pauseMs >= GOAL.pauseS * 1_000 && sessionExpired && pauseMs > BULLMQ_LOCK_MS;
  const ok = figuresMet && sizeMet;
  say(verdict(`all published once within ${GOAL.ratio}x the raw drain after the thaw`, figuresMet, ok, '50,000 thresholds and a 40 s freeze past the session timeout'));
  return {
    bench: 'catchup-pause',
    figure: {
      complete,
      thresholds: n,
      catchupMs,
      ratio,
      pauseMs,
      sessionTimeoutMs: options.sessionTimeoutMs,
      sessionExpired,
      lost,
      duplicates,
      late,
      firedBeforeFreeze: firedBeforeOutage,
      early,
      unexpected,
      firedMinusThresholdMs: { p50: overdue.p50, p99: overdue.p99, max: overdue.max },
    },
    baseline: { kind: 'raw BullMQ drain of overdue delayed jobs, no-op processor', jobs: n, concurrency: options.baselineConcurrency, ms: baselineMs },
    goal: GOAL,
    ok,
  };
});
