import type { TicketEvent } from '@stageplus/contracts';
import type { SlaPolicy } from '@stageplus/sla-policy';
import { say, type BenchRun } from '../support/bench-run';
import { bullConnection, RawDelayedJobs } from '../support/bullmq-baseline';
import type { SlaRecorder } from '../support/sla-recorder';
import { calibrateIngest, type TimerBenchSystem } from '../support/timer-bench-system';
import { distribution, fmt, maxOf, sleep, until } from '../support/stats';
import { BENCH_TENANT, firstThresholdAfter, keyOf, opened, thresholdsOf } from '../support/ticket-workload';

/**
 * What the two catch-up benches share: the overdue workload (P1 tickets whose first thresholds
 * fall while the timer is out, after P4 calibration tickets that measure the ingest rate), the
 * wait for every one of them, the tally, and the raw BullMQ drain baseline.
 */

const DUE = { plan: 'BASE', impact: 1, urgency: 1 } as const;

export interface OverdueOptions {
  readonly thresholds: number;
  readonly calibration: number;
  readonly spreadS: number;
  readonly leadS: number;
  readonly deadlineS: number;
}

export interface OverdueWorkload {
  /** The `eventId` of every watched threshold. */
  readonly expected: Set<string>;
  /** The first threshold's instant; the last falls `spreadMs` later. */
  readonly first: number;
  readonly spreadMs: number;
}

/** Posts the calibration tickets, then the due ones, and waits until both groups applied them all. */
export async function postOverdue(system: TimerBenchSystem, policy: SlaPolicy, options: OverdueOptions): Promise<OverdueWorkload> {
  const { services, lag, post } = system;
  const ingestRate = await calibrateIngest(system, options.calibration, options.deadlineS * 1_000);
  const n = options.thresholds;
  const firstAfter = firstThresholdAfter(policy, DUE);
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
  return { expected, first, spreadMs };
}

/** Waits for every expected event (false when `timeoutMs` passes first), then 3 s for duplicates; stops the recorder. */
export async function awaitOverdue(system: TimerBenchSystem, expected: Set<string>, timeoutMs: number): Promise<boolean> {
  const count = system.recorder.count(expected);
  const got = () => count.got;
  let complete = true;
  await until(() => got() >= expected.size, timeoutMs, 'every overdue threshold received', {
    progress: () => `${fmt(got())} / ${fmt(expected.size)} received`,
  }).catch((error: Error) => {
    complete = false;
    say(error.message);
  });
  await sleep(3_000); // duplicates arrive after the originals, if at all
  await system.stopRecorder();
  return complete;
}

/** The received events against the expected ones; `outageAt`: when the timer went out (fired before it: not a catch-up). */
export function tallyOverdue(recorder: SlaRecorder, expected: Set<string>, outageAt: number) {
  const mine = recorder.received.filter((r) => expected.has(r.eventId));
  const unique = new Set(mine.map((r) => r.eventId)).size;
  return {
    received: unique,
    lost: expected.size - unique,
    duplicates: mine.length - unique,
    late: mine.filter((r) => r.late).length,
    firedBeforeOutage: mine.filter((r) => r.firedAt < outageAt).length,
    early: recorder.early().length,
    unexpected: recorder.received.length - mine.length,
    /** When the last of them was received (-Infinity when none). */
    doneAt: maxOf(mine.map((r) => r.receivedAt)),
    overdue: distribution(mine.map((r) => r.firedAt - r.thresholdAt)),
  };
}

/** Baseline: raw BullMQ draining `n` overdue delayed jobs with a no-op processor on the same Redis; the ms it took. */
export async function rawDrain(run: BenchRun, redisUrl: string, n: number, concurrency: number, timeoutMs: number): Promise<number> {
  say(`baseline: raw BullMQ draining ${fmt(n)} overdue delayed jobs, no-op processor, concurrency ${concurrency}, same Redis`);
  const raw = new RawDelayedJobs(bullConnection(redisUrl));
  run.onCleanup('raw BullMQ queue', () => raw.remove());
  const dueAt = Date.now() + 1_000;
  await raw.add(Array.from({ length: n }, (_, i) => ({ key: keyOf(BENCH_TENANT, `D-${i}`), at: dueAt + Math.floor((i * 1_000) / n) })));
  await sleep(Math.max(0, dueAt + 2_000 - Date.now()));
  const drainStarted = Date.now();
  const worker = raw.process(concurrency);
  await raw.waitProcessed(worker.processed, n, timeoutMs);
  const ms = Date.now() - drainStarted;
  say(`baseline: drained in ${fmt(ms)} ms (${fmt((n / ms) * 1000)} jobs/s)`);
  return ms;
}
