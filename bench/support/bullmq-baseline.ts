import { createHash, randomBytes } from 'node:crypto';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { sleep, until } from './stats';

/** A BullMQ job of the baselines: the ticket key, as the timer's own jobs carry it. */
export interface KeyJob {
  readonly k: string;
}

/** The timer's job options that matter for memory and speed: completed jobs are removed. */
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 10_000 } as const;

export function bullConnection(redisUrl: string): ConnectionOptions {
  const u = new URL(redisUrl);
  return { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
}

/**
 * A raw BullMQ queue on the benchmark's Redis, under its own prefix: what a scheduler built
 * directly on BullMQ costs, with nothing of the SLA logic around it.
 */
export class RawDelayedJobs {
  readonly queue: Queue<KeyJob>;
  private worker: Worker<KeyJob> | null = null;
  private removed = false;

  /** `prefix`: on Redis Cluster it must carry a hash tag (`{bench-raw-…}`), so the queue's keys share a slot. */
  constructor(
    private readonly connection: ConnectionOptions,
    readonly prefix = `bench-raw-${randomBytes(4).toString('hex')}`,
  ) {
    this.queue = new Queue<KeyJob>('baseline', { connection, prefix: this.prefix, streams: { events: { maxLen: 1_000 } } });
  }

  /**
   * Adds one delayed job per `{key, at}` (in bulk, 1,000 a call), id a digest of the key as the
   * timer does; `timestamp + delay` is exactly `at` (or the call's instant when `at` has passed).
   */
  async add(jobs: readonly { key: string; at: number }[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += 1_000) {
      const now = Date.now();
      await this.queue.addBulk(
        jobs.slice(i, i + 1_000).map((j) => ({
          name: 'ticket',
          data: { k: j.key },
          opts: { jobId: createHash('sha1').update(j.key).digest('hex').slice(0, 24), timestamp: now, delay: Math.max(0, j.at - now), ...JOB_OPTIONS },
        })),
      );
    }
  }

  /**
   * Starts a worker whose processor does nothing but note, for each job, processing time minus
   * due time (`timestamp + delay`, BullMQ's own due instant).
   */
  process(concurrency: number): { lateness: number[]; processed: () => number } {
    const lateness: number[] = [];
    this.worker = new Worker<KeyJob>(
      'baseline',
      async (job: Job<KeyJob>) => {
        lateness.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
      },
      { connection: this.connection, prefix: this.prefix, concurrency },
    );
    return { lateness, processed: () => lateness.length };
  }

  async waitProcessed(count: () => number, expected: number, timeoutMs: number): Promise<void> {
    await until(() => count() >= expected, timeoutMs, `raw BullMQ processing ${expected} jobs`, { progress: () => `${count()} processed` });
  }

  /** Stops the worker and deletes the queue's keys; once. */
  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    await this.worker?.close();
    this.worker = null;
    await sleep(50);
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close();
  }
}
