/**
 * Rebuild after Redis lost everything: `--tickets` open tickets, then the private Redis is
 * restarted empty (`--loss restart`, as a Redis without persistence restarts) or flushed
 * (`--loss flushall`), and nothing else is done. Measured: from the loss until the timer's
 * `GET /v1/tenants/{t}/tickets/{id}/sla` answers 200 again for every ticket of a sample spread
 * over all tickets, and its `/health/ready` answers 200. Then every threshold of the probe
 * tickets, due from a few seconds before the loss to `--post-spread-s` after it, must be received
 * exactly once: before the loss, during the rebuild or after. Baseline: a plain kafkajs consumer
 * reading the timer's changelog topic (`TOPIC_TIMER_STATE`) from its beginning to its end.
 *
 * A rebuild that does not finish is reported ("rebuild did not complete within N s"), not waited
 * for. Run: `npm run --silent bench:rebuild`.
 */
import type { TicketEvent } from '@stageplus/contracts';
import { BenchRun, describeMachine, say, verdict, type BenchResult } from '../support/bench-run';
import { readOptions } from '../support/bench-options';
import { measureChangelogRead } from '../support/changelog-read';
import { startTimerBenchSystem } from '../support/timer-bench-system';
import { fmt, sleep, until } from '../support/stats';
import { BENCH_TENANT, benchPolicy, firstThresholdAfter, opened, QUIET, spreadSample, thresholdsOf } from '../support/ticket-workload';
import { watchRebuild } from './watch-rebuild';

const options = readOptions('bench:rebuild', {
  tickets: { default: 100_000, help: 'open tickets when Redis loses everything (probes included)' },
  probes: { default: 2_000, help: 'P1 tickets with one threshold each around the loss, checked to fire exactly once' },
  preSpreadS: { default: 5, help: 'seconds before the loss over which the first probe thresholds fall' },
  postSpreadS: { default: 20, help: 'seconds after the loss over which the other probe thresholds fall' },
  loss: { default: 'restart', help: 'restart (shutdown nosave, start again) or flushall' },
  sample: { default: 200, help: 'tickets whose clocks are read back through the timer\'s API' },
  rebuildTimeoutS: { default: 120, help: 'how long to wait for the rebuild before reporting it did not complete' },
  leadS: { default: 0, help: 'seconds from posting the probes to the loss; 0 = from the measured ingest rate' },
  batchSize: { default: 1_000, help: 'events per POST' },
  clients: { default: 8, help: 'concurrent HTTP clients' },
  deadlineS: { default: 1_800, help: 'the whole run, cleanup included' },
  verbose: { default: '', help: 'set to 1 to copy the services\' output to stderr' },
});

const GOAL_MS = 60_000;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const PROBE = { plan: 'BASE', impact: 1, urgency: 1 } as const;

void new BenchRun('rebuild', options.deadlineS * 1_000).run(async (run): Promise<BenchResult> => {
  say(describeMachine());
  if (options.loss !== 'restart' && options.loss !== 'flushall') throw new Error('--loss must be restart or flushall');
  if (options.probes > options.tickets) throw new Error('--probes cannot exceed --tickets');
  const policy = benchPolicy();
  const firstAfter = firstThresholdAfter(policy, PROBE);
  const rebuildLogs: string[] = [];
  const { redis, services, stopServices, recorder, stopRecorder, lag, post } = await startTimerBenchSystem(run, {
    bench: 'rebuild',
    kafkaBrokers: BROKERS,
    batchSize: options.batchSize,
    clients: options.clients,
    verbose: options.verbose === '1',
    onLine: (service, line) => {
      if (service === 'timer' && /rebuil|changelog|state/i.test(line)) rebuildLogs.push(line);
    },
  });

  const quietCount = options.tickets - options.probes;
  const quietIds = Array.from({ length: quietCount }, (_, i) => `Q-${i}`);
  let ingestRate = 300;
  if (quietCount > 0) {
    const now = Date.now();
    const started = Date.now();
    say(`open tickets: ${fmt(quietCount)} P4 (first threshold hours away)`);
    await post(quietIds.map((id) => opened(BENCH_TENANT, id, now, QUIET)));
    await lag.waitApplied(services, quietCount, options.deadlineS * 1_000);
    ingestRate = quietCount / ((Date.now() - started) / 1000);
    say(`applied at ${fmt(ingestRate)} tickets/s`);
  }

  const leadMs = options.leadS > 0 ? options.leadS * 1_000 : Math.ceil(((options.probes / ingestRate) * 1.5 + options.preSpreadS + 10) * 1_000);
  const lossAt = Date.now() + leadMs;
  const from = lossAt - options.preSpreadS * 1_000;
  const spanMs = (options.preSpreadS + options.postSpreadS) * 1_000;
  const expected = new Map<string, number>();
  const probeIds: string[] = [];
  const events: TicketEvent[] = [];
  for (let i = 0; i < options.probes; i++) {
    const at = from + Math.floor(((i + 0.5) * spanMs) / options.probes);
    const ticketId = `P-${i}`;
    probeIds.push(ticketId);
    events.push(opened(BENCH_TENANT, ticketId, at - firstAfter, PROBE));
    const threshold = thresholdsOf(policy, BENCH_TENANT, ticketId, PROBE, at - firstAfter).find((t) => t.at === at);
    if (!threshold) throw new Error(`no threshold of ${ticketId} at ${new Date(at).toISOString()}`);
    expected.set(threshold.eventId, at);
  }
  say(`probes: ${fmt(options.probes)} P1 tickets, thresholds from ${options.preSpreadS} s before the loss to ${options.postSpreadS} s after; loss in ${fmt(leadMs / 1000, 1)} s`);
  await post(events);
  await lag.waitApplied(services, options.tickets, Math.max(10_000, lossAt - Date.now()));
  if (Date.now() > from) say(`WARNING: the probes were applied ${fmt(Date.now() - from)} ms after their first threshold: raise --lead-s`);
  const openBefore = await redis.dbsize();
  await sleep(lossAt - Date.now());

  say(`Redis loses everything (${options.loss}; ${fmt(openBefore)} keys before)`);
  const lostAt = Date.now();
  if (options.loss === 'restart') await redis.restartEmpty();
  else await redis.flushAll();
  const sample = [...spreadSample(quietIds, Math.ceil(options.sample / 2)), ...spreadSample(probeIds, Math.floor(options.sample / 2))];
  const watched = await watchRebuild(services, BENCH_TENANT, sample, lostAt, options.rebuildTimeoutS * 1_000);
  const rebuildMs = watched.rebuiltAt === null ? null : watched.rebuiltAt - lostAt;
  if (rebuildMs === null) say(`rebuild did not complete within ${options.rebuildTimeoutS} s: ${watched.describe}`);
  else say(`rebuilt: ${fmt(rebuildMs)} ms after the loss (sample of ${sample.length} all 200 at ${fmt(watched.sampleAt! - lostAt)} ms, ready at ${fmt(watched.readyAt! - lostAt)} ms)`);
  for (const line of rebuildLogs.slice(-6)) say(`  [timer] ${line.slice(0, 300)}`);

  const count = recorder.count(expected);
  const got = () => count.got;
  const lastDue = from + spanMs;
  await until(() => got() >= expected.size, Math.max(5_000, lastDue + 10_000 - Date.now()), 'every probe threshold received', {
    progress: () => `${fmt(got())} / ${fmt(expected.size)} received`,
  }).catch((error: Error) => say(error.message));
  await sleep(3_000); // duplicates arrive after the originals, if at all
  await stopRecorder();
  const mine = recorder.received.filter((r) => expected.has(r.eventId));
  const lost = expected.size - got();
  const duplicates = mine.length - new Set(mine.map((r) => r.eventId)).size;
  const unexpected = recorder.received.length - mine.length;
  const beforeLoss = mine.filter((r) => r.firedAt < lostAt).length;
  say(`probe thresholds: ${fmt(got())} / ${fmt(expected.size)} received (${fmt(beforeLoss)} before the loss), lost ${lost}, duplicates ${duplicates}, unexpected events ${unexpected}`);
  const early = recorder.early().length;
  if (early > 0) say(`${fmt(early)} SLA events received BEFORE their thresholdAt`);
  for (const line of recorder.describeUnexpected(expected)) say(`  ${line}`);
  await stopServices();

  say(`baseline: the rebuild's reader (readTopicToEnd) reading ${services.topics.timerState} from the beginning, records left unparsed`);
  const changelog = await measureChangelogRead(BROKERS, services.topics.timerState, 120_000);
  say(
    changelog.records === 0
      ? 'baseline: the changelog topic is empty: this timer writes no changelog, nothing could be rebuilt from it'
      : `baseline: ${fmt(changelog.records)} records (${fmt(changelog.liveKeys)} live keys, ${fmt(changelog.bytes)} bytes) read in ${fmt(changelog.ms)} ms`,
  );

  const complete = rebuildMs !== null && lost === 0;
  const figuresMet = complete && rebuildMs <= GOAL_MS && duplicates === 0 && early === 0 && unexpected === 0;
  const ok = figuresMet && options.tickets >= 100_000;
  say(verdict(`every open clock rebuilt within ${fmt(GOAL_MS)} ms, no manual step, every threshold once`, figuresMet, ok, '100,000 open tickets'));
  return {
    bench: 'rebuild',
    figure: {
      complete,
      ...(rebuildMs === null ? { error: `rebuild did not complete within ${options.rebuildTimeoutS} s` } : {}),
      openTickets: options.tickets,
      loss: options.loss,
      rebuildMs,
      sampleRebuiltMs: watched.sampleAt === null ? null : watched.sampleAt - lostAt,
      readyMs: watched.readyAt === null ? null : watched.readyAt - lostAt,
      probes: options.probes,
      probesFiredBeforeLoss: beforeLoss,
      lost,
      duplicates,
      early,
      unexpected,
    },
    baseline: { kind: 'kafkajs read of the timer changelog topic to its end', records: changelog.records, liveKeys: changelog.liveKeys, bytes: changelog.bytes, ms: changelog.ms },
    goal: { rebuildMs: GOAL_MS, openTickets: 100_000, lost: 0, duplicates: 0, early: 0, unexpected: 0 },
    ok,
  };
});
