import { Worker } from 'node:worker_threads';
import type { AdapterLogger } from '@stageplus/kafka';
import { portableHistory, type PolicyHistory, type PortableHistory } from '@stageplus/sla-policy';
import type { TimerConfig } from '../../timer.config';
import type { CatchUpThreadSettings, FiredForMetrics, FromCatchUpThread, ToCatchUpThread } from './catch-up-messages';

export interface CatchUpThreadsOptions {
  /** What a thread runs (`isCatchUpThread` there), and with which Node options. */
  readonly entry: { readonly file: string; readonly execArgv?: readonly string[] };
  readonly count: number;
  readonly settings: Omit<CatchUpThreadSettings, 'catchUpThread'>;
  /** The history every decision reads now (the main thread's `PolicyFollower`). */
  readonly history: () => PolicyHistory;
  /** The main thread's own catch-up: a lane beside the threads. */
  readonly local: (partition: number, token: string) => Promise<number>;
  /** After a thread's catch-up: the partition wakes up by the earliest timer it armed. */
  readonly wakeBy: (partition: number, at: number) => Promise<void>;
  /** What a thread fired, for the main thread's metrics. */
  readonly published: (fired: readonly FiredForMetrics[]) => void;
  readonly logger: AdapterLogger;
}

interface Pending {
  readonly partition: number;
  readonly resolve: (fired: number) => void;
  readonly reject: (error: Error) => void;
}

interface Lane {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  closed?: () => void;
}

/**
 * Catch-ups spread over the main thread and `count` threads, the partition taken at a time going
 * to the lane with the fewest catch-ups in flight: after a restart, each thread catches up its
 * share of the partitions at once, on a core the main thread's one thread left idle
 * (docs/benchmarks.md, "Catch-up, where the time goes"). A thread that stops fails its catch-ups
 * (the owner takes those partitions again) and leaves the others to the lanes left.
 */
export class CatchUpThreads {
  private readonly lanes: Lane[] = [];
  private localInFlight = 0;
  private nextId = 0;
  private readonly portable = new WeakMap<PolicyHistory, { key: string; value: PortableHistory }>();
  private histories = 0;

  constructor(private readonly options: CatchUpThreadsOptions) {}

  /** Starts the threads: they load and connect while the main thread prepares. */
  start(): void {
    for (let i = 0; i < this.options.count; i++) this.lanes.push(this.spawn());
  }

  get threads(): number {
    return this.lanes.length;
  }

  /** Catches up one partition on the least busy lane; resolves with the tickets fired. */
  async catchUp(partition: number, token: string): Promise<number> {
    const lane = this.lanes.reduce<Lane | null>((best, l) => (best === null || l.pending.size < best.pending.size ? l : best), null);
    // A tie goes to a thread: the main thread has the consumer and the API besides.
    if (lane === null || lane.pending.size > this.localInFlight) return this.onMainThread(partition, token);
    const fired = await new Promise<number>((resolve, reject) => {
      const id = ++this.nextId;
      lane.pending.set(id, { partition, resolve, reject });
      const { key, value } = this.historyNow();
      lane.worker.postMessage({ kind: 'catch-up', id, partition, token, history: value, historyKey: key } satisfies ToCatchUpThread);
    });
    return fired;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.lanes.splice(0).map(async (lane) => {
        const closed = new Promise<void>((resolve) => (lane.closed = resolve));
        lane.worker.postMessage({ kind: 'close' } satisfies ToCatchUpThread);
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
        await lane.worker.terminate();
      }),
    );
  }

  private async onMainThread(partition: number, token: string): Promise<number> {
    this.localInFlight++;
    try {
      return await this.options.local(partition, token);
    } finally {
      this.localInFlight--;
    }
  }

  private historyNow(): { key: string; value: PortableHistory } {
    const history = this.options.history();
    let portable = this.portable.get(history);
    if (portable === undefined) {
      portable = { key: `history-${++this.histories}`, value: portableHistory(history) };
      this.portable.set(history, portable);
    }
    return portable;
  }

  private spawn(): Lane {
    const { file, execArgv } = this.options.entry;
    const worker = new Worker(file, {
      workerData: { catchUpThread: true, ...this.options.settings } satisfies CatchUpThreadSettings,
      ...(execArgv ? { execArgv: [...execArgv] } : {}),
    });
    const lane: Lane = { worker, pending: new Map() };
    worker.on('message', (message: FromCatchUpThread) => this.received(lane, message));
    worker.on('error', (error) => this.options.logger.error({ err: error.message }, 'catch-up thread failed'));
    worker.on('exit', (code) => {
      const at = this.lanes.indexOf(lane);
      if (at >= 0) this.lanes.splice(at, 1);
      for (const p of lane.pending.values()) p.reject(new Error(`the catch-up thread stopped (exit code ${code})`));
      lane.pending.clear();
      lane.closed?.();
    });
    return lane;
  }

  private received(lane: Lane, message: FromCatchUpThread): void {
    if (message.kind === 'log') return this.options.logger[message.level]({ thread: 'catch-up', ...message.obj }, message.msg);
    if (message.kind === 'closed') return lane.closed?.();
    const pending = lane.pending.get(message.id);
    if (pending === undefined) return;
    lane.pending.delete(message.id);
    if (message.kind === 'failed') return pending.reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    this.options.published(message.published);
    const wake = message.earliest === null ? Promise.resolve() : this.options.wakeBy(pending.partition, message.earliest);
    void wake.then(() => pending.resolve(message.fired), pending.reject);
  }
}

/** The timer's catch-up threads, when its `main` said what they run and the configuration wants some. */
export function catchUpThreadsFor(
  config: TimerConfig,
  deps: Pick<CatchUpThreadsOptions, 'history' | 'local' | 'wakeBy' | 'published' | 'logger'>,
): CatchUpThreads | null {
  if (config.catchUpEntry === undefined || config.catchUpThreads === 0) return null;
  const { redis, redisPrefix, kafkaBrokers, closedRetentionMs, concurrency: batchSize } = config;
  const { slaEscalations: escalations, slaBreaches: breaches, timerState: state, slaOutcomes: outcomes } = config.topics;
  return new CatchUpThreads({
    ...deps,
    entry: config.catchUpEntry,
    count: config.catchUpThreads,
    settings: { redis, redisPrefix, kafkaBrokers, closedRetentionMs, batchSize, topics: { escalations, breaches, state, outcomes } },
  });
}
