/**
 * A thundering herd: `--tickets` thresholds due at ONE instant, as on a Monday 08:30 when every
 * ticket opened over the weekend reaches its first escalation when the business day starts. Each
 * ticket is opened so that its first threshold (50 % of its response target) falls on the same
 * millisecond; P1, P2 and P3 tickets in turn, opened 5, 15 and 30 min before it. Measured: the
 * last SLA event received by a plain consumer minus that instant, and `firedAt - thresholdAt`
 * (p50, p99); none lost, duplicated, late, early or unexpected. Baseline, same run, same Redis:
 * raw BullMQ, as many delayed jobs due at one instant, the last job run minus the instant.
 * Goal: ratio <= 2. Run: `npm run --silent bench:burst`.
 */
import type { TicketEvent } from '@stageplus/contracts';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { bullConnection, RawDelayedJobs } from '../support/bullmq-baseline';
import { calibrateIngest, startTimerBenchSystem } from '../support/timer-bench-system';
import { describe, distribution, fmt, maxOf, round, sleep, until, type Distribution } from '../support/stats';
import { BENCH_TENANT, benchPolicy, firstThresholdAfter, keyOf, opened, thresholdsOf, type TicketShape } from '../support/ticket-workload';

const options = readOptions('bench:burst', {
  tickets: { default: 10_000, help: 'thresholds due at one instant (one ticket each)' },
  calibration: { default: 2_000, help: 'P4 tickets posted first to measure the ingest rate (they stay open, quiet)' },
  leadS: { default: 0, help: 'seconds from posting the tickets to the instant; 0 = from the measured ingest rate' },
  timeoutS: { default: 120, help: 'longest wait after the instant for every threshold (timer and baseline each)' },
  batchSize: { default: 1_000, help: 'events per POST' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  baselineConcurrency: { default: 1_000, help: 'raw BullMQ worker concurrency (the timer: one wake-up job per instant, batches of TIMER_CONCURRENCY)' },
  deadlineS: { default: 1_800, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL = { ratio: 2, lost: 0, duplicates: 0, late: 0, early: 0, unexpected: 0, tickets: 10_000 };
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
/** P1, P2, P3: first threshold 5, 15 and 30 min after opening on the bench policy. */
const SHAPES: readonly TicketShape[] = [
  { plan: 'BASE', impact: 1, urgency: 1 },
  { plan: 'BASE', impact: 1, urgency: 2 },
  { plan: 'BASE', impact: 1, urgency: 4 },
];
const brief = (d: Distribution) => ({ p50: d.p50, p99: d.p99, max: d.max });

void new BenchRun('burst', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  const policy = benchPolicy();
  const system = await startTimerBenchSystem(run, {
    bench: 'burst',
    kafkaBrokers: BROKERS,
    batchSize: options.batchSize,
    clients: options.clients,
    verbose: options.verbose === '1',
  });

  const { redis, services, stopServices, recorder, stopRecorder, lag, post } = system;
  const ingestRate = await calibrateIngest(system, options.calibration, options.deadlineS * 1_000);

  const n = options.tickets;
  const leadMs = options.leadS > 0 ? options.leadS * 1_000 : Math.ceil(((n / ingestRate) * 1.5 + 10) * 1_000);
  const instant = Date.now() + leadMs;
  const expected = new Set<string>();
  const events: TicketEvent[] = [];
  for (let i = 0; i < n; i++) {
    const shape = SHAPES[i % SHAPES.length];
    const ticketId = `H-${i}`;
    const openedAt = instant - firstThresholdAfter(policy, shape);
    events.push(opened(BENCH_TENANT, ticketId, openedAt, shape));
    const first = thresholdsOf(policy, BENCH_TENANT, ticketId, shape, openedAt).find((t) => t.at === instant);
    if (!first) throw new Error(`no threshold of ${ticketId} at ${new Date(instant).toISOString()}`);
    expected.add(first.eventId);
  }
  say(`burst: ${fmt(n)} tickets (P1, P2, P3 in turn), every first threshold at ${new Date(instant).toISOString()}, ${fmt(leadMs / 1000, 1)} s from now`);
  await post(events);
  await lag.waitApplied(services, options.calibration + n, Math.max(10_000, instant - Date.now()));
  const appliedBeforeInstantMs = instant - Date.now();
  if (appliedBeforeInstantMs < 0) say(`WARNING: the tickets were applied ${fmt(-appliedBeforeInstantMs)} ms after the instant: raise --lead-s`);
  else say(`all ${fmt(options.calibration + n)} tickets applied, ${fmt(appliedBeforeInstantMs)} ms before the instant`);

  const count = recorder.count(expected);
  const got = () => count.got;
  let complete = true;
  await until(() => Date.now() > instant && got() >= n, instant + options.timeoutS * 1_000 - Date.now(), 'every threshold of the burst received', {
    progress: () => `${fmt(got())} / ${fmt(n)} received`,
  }).catch((error: Error) => {
    complete = false;
    say(error.message);
  });
  await sleep(2_000); // duplicates arrive after the originals, if at all
  await stopRecorder();

  const mine = recorder.received.filter((r) => expected.has(r.eventId));
  const lost = n - got();
  const duplicates = mine.length - new Set(mine.map((r) => r.eventId)).size;
  const late = mine.filter((r) => r.late).length;
  const early = recorder.early().length + mine.filter((r) => r.firedAt < r.thresholdAt).length;
  const unexpected = recorder.received.length - mine.length;
  const lastReceivedMs = complete ? maxOf(mine.map((r) => r.receivedAt)) - instant : null;
  const lastFiredMs = complete ? maxOf(mine.map((r) => r.firedAt)) - instant : null;
  const fired = distribution(mine.map((r) => r.firedAt - r.thresholdAt));
  const receipt = distribution(mine.map((r) => r.receivedAt - r.thresholdAt));
  say(`burst: last received ${fmt(lastReceivedMs)} ms after the instant (last fired ${fmt(lastFiredMs)} ms after it)`);
  say(`firedAt - thresholdAt:       ${describe(fired)}`);
  say(`receipt - thresholdAt:       ${describe(receipt)}`);
  say(`lost ${lost}, duplicates ${duplicates}, late ${late}, early ${early}, unexpected ${unexpected}`);
  for (const line of recorder.describeUnexpected(expected)) say(`  ${line}`);
  await stopServices();

  say(`baseline: raw BullMQ, ${fmt(n)} delayed jobs due at one instant on the same Redis, no-op processor, concurrency ${options.baselineConcurrency}`);
  const raw = new RawDelayedJobs(bullConnection(redis.url));
  run.onCleanup('raw BullMQ queue', () => raw.remove());
  const worker = raw.process(options.baselineConcurrency);
  // Adding jobs runs at several thousand a second here; a generous lead keeps every add before the instant.
  const rawInstant = Date.now() + Math.ceil((n / 1_000 + 3) * 1_000);
  await raw.add(Array.from({ length: n }, (_, i) => ({ key: keyOf(BENCH_TENANT, `H-${i}`), at: rawInstant })));
  if (Date.now() > rawInstant) say(`WARNING: the raw jobs were added ${fmt(Date.now() - rawInstant)} ms after their instant`);
  await raw.waitProcessed(worker.processed, n, rawInstant + options.timeoutS * 1_000 - Date.now());
  const baseline = distribution(worker.lateness);
  const baselineLastMs = baseline.max ?? 0;
  say(`baseline: last job run ${fmt(baselineLastMs)} ms after the instant; processing - due ${describe(baseline)}`);

  const ratio = lastReceivedMs === null ? null : round(lastReceivedMs / Math.max(1, baselineLastMs), 2);
  say(`ratio, last received / baseline's last run: ${fmt(ratio, 2)}`);
  const figuresMet = complete && ratio !== null && ratio <= GOAL.ratio && duplicates === 0 && late === 0 && early === 0 && unexpected === 0;
  const ok = figuresMet && n >= GOAL.tickets;
  say(verdict(`last received <= ${GOAL.ratio}x the raw BullMQ burst, none lost, duplicated, late, early or unexpected`, figuresMet, ok, '10,000 thresholds'));
  return {
    bench: 'burst',
    figure: {
      complete,
      thresholds: n,
      lastReceivedMinusInstantMs: lastReceivedMs,
      lastFiredMinusInstantMs: lastFiredMs,
      ratio,
      firedMinusThresholdMs: brief(fired),
      receiptMinusThresholdMs: brief(receipt),
      lost,
      duplicates,
      late,
      early,
      unexpected,
      appliedBeforeInstantMs,
    },
    baseline: { kind: 'raw BullMQ delayed jobs due at one instant, last run - instant', jobs: n, concurrency: options.baselineConcurrency, lastRunMinusInstantMs: baselineLastMs, latenessMs: brief(baseline) },
    goal: GOAL,
    ok,
  };
});
