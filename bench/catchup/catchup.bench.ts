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
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { startTimerBenchSystem } from '../support/timer-bench-system';
import { describe, fmt, sleep } from '../support/stats';
import { benchPolicy } from '../support/ticket-workload';
import { awaitOverdue, postOverdue, rawDrain, tallyOverdue } from './overdue';

const options = readOptions('bench:catchup', {
  thresholds: { default: 50_000, help: 'thresholds falling due while the timer is down (one P1 ticket each)' },
  calibration: { default: 2_000, help: 'P4 tickets posted first to measure the ingest rate (they stay open, quiet)' },
  spreadS: { default: 10, help: 'seconds over which the thresholds fall, all inside the downtime' },
  leadS: { default: 0, help: 'seconds from posting to the first threshold; 0 = from the measured ingest rate' },
  minDownS: { default: 8, help: 'shortest downtime (past the 6 s Kafka session timeout)' },
  timeoutS: { default: 120, help: 'longest wait for the catch-up after the restart' },
  batchSize: { default: 1_000, help: 'events per POST' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  baselineConcurrency: { default: 1_000, help: 'raw BullMQ worker concurrency (the timer: one wake-up job per instant, batches of TIMER_CONCURRENCY)' },
  deadlineS: { default: 1_800, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL_MS = 5_000;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

void new BenchRun('catchup', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const system = await startTimerBenchSystem(run, {
    bench: 'catchup',
    kafkaBrokers: BROKERS,
    batchSize: options.batchSize,
    clients: options.clients,
    verbose: options.verbose === '1',
  });
  const { redis, services, stopServices, recorder } = system;
  const n = options.thresholds;
  const { expected, first, spreadMs } = await postOverdue(system, benchPolicy(), options);
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
  const complete = await awaitOverdue(system, expected, restartedAt + options.timeoutS * 1_000 - Date.now());

  const { received, lost, duplicates, late, firedBeforeOutage: beforeKill, early, unexpected, doneAt, overdue } = tallyOverdue(recorder, expected, killedAt);
  const catchupMs = complete ? doneAt - restartedAt : null;
  const afterReadyMs = complete ? Math.max(0, doneAt - readyAt) : null;
  say(`catch-up: ${fmt(received)} / ${fmt(expected.size)} received ${catchupMs === null ? 'not all' : `${fmt(catchupMs)} ms after the restart (${fmt(afterReadyMs)} ms after ready)`}; lost ${lost}, duplicates ${duplicates}, late ${late}, fired before the kill ${beforeKill}`);
  say(`firedAt - thresholdAt:       ${describe(overdue)}; early ${early}, unexpected ${unexpected}`);
  for (const line of recorder.describeUnexpected(expected)) say(`  ${line}`);
  await stopServices();

  const baselineMs = await rawDrain(run, redis.url, n, options.baselineConcurrency, options.timeoutS * 1_000);

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
