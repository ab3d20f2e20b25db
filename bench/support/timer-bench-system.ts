import type { TicketEvent } from '@stageplus/contracts';
import { say, type BenchRun } from './bench-run';
import { BenchServices, type BenchServicesOptions } from './bench-services';
import { ConsumerLag } from './consumer-lag';
import { postEvents } from './post-events';
import { PrivateRedis } from './private-redis';
import { SlaRecorder } from './sla-recorder';
import { fmt } from './stats';
import { BENCH_POLICY_PATH, BENCH_TENANT, opened, QUIET } from './ticket-workload';

export interface TimerBenchOptions {
  readonly bench: string;
  readonly kafkaBrokers: readonly string[];
  readonly batchSize: number;
  readonly clients: number;
  readonly verbose: boolean;
  /** Extra variables per service (e.g. the timer's `KAFKA_SESSION_TIMEOUT_MS`). */
  readonly env?: BenchServicesOptions['env'];
  /** The tenants the bench's API key may act for (default: the bench tenant only). */
  readonly tenants?: readonly string[];
  /** Sees every line the services print, from their start (e.g. the timer's rebuild logs). */
  readonly onLine?: (service: string, line: string) => void;
}

/**
 * What the timer benchmarks (firing, catch-up, rebuild) all stand on: a private Redis, the three
 * services on the bench policy, a consumer of the SLA topics, the consumer-lag probe and a
 * poster, each registered for cleanup with the run.
 */
export async function startTimerBenchSystem(run: BenchRun, options: TimerBenchOptions) {
  const redis = await PrivateRedis.start();
  run.onCleanup('private Redis', () => redis.stop());
  say(`private Redis on ${redis.port}`);
  const services = new BenchServices({
    bench: options.bench,
    kafkaBrokers: options.kafkaBrokers,
    redisUrl: redis.url,
    policyFile: BENCH_POLICY_PATH,
    tenants: options.tenants ?? [BENCH_TENANT],
    verbose: options.verbose,
    env: options.env,
  });
  if (options.onLine) services.onLine(options.onLine);
  run.onCleanup('topics', () => services.deleteTopics());
  const stopServices = run.onCleanup('services', () => services.stop());
  await services.start();
  say(`services ready (run ${services.id})`);
  const recorder = await new SlaRecorder([...options.kafkaBrokers], [services.topics.escalations, services.topics.breaches]).start();
  const stopRecorder = run.onCleanup('SLA consumer', () => recorder.stop());
  const lag = new ConsumerLag([...options.kafkaBrokers]);
  run.onCleanup('lag admin', () => lag.close());
  const post = (events: TicketEvent[]) =>
    postEvents(services.url('intake'), services.apiKey, events, { batchSize: options.batchSize, concurrency: options.clients });
  return { redis, services, stopServices, recorder, stopRecorder, lag, post };
}

/** What `startTimerBenchSystem` gives a bench. */
export type TimerBenchSystem = Awaited<ReturnType<typeof startTimerBenchSystem>>;

/**
 * Posts `count` quiet tickets (ids `Q-<n>`) and waits until the timer applied them: the rate at
 * which this host takes tickets in, from which a bench sets its lead (300 a second when `count` is 0).
 */
export async function calibrateIngest(system: Pick<TimerBenchSystem, 'services' | 'lag' | 'post'>, count: number, deadlineMs: number): Promise<number> {
  if (count <= 0) return 300;
  const started = Date.now();
  await system.post(Array.from({ length: count }, (_, i) => opened(BENCH_TENANT, `Q-${i}`, started, QUIET)));
  await system.lag.waitApplied(system.services, count, deadlineMs);
  const rate = count / ((Date.now() - started) / 1000);
  say(`calibration: ${fmt(count)} P4 tickets applied at ${fmt(rate)} tickets/s`);
  return rate;
}
