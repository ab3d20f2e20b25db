import type { AdapterLogger } from '@stageplus/kafka';
import type { ConnectionOptions, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ClockKeeper } from '../keeper/clock-keeper';
import type { PartitionWorkers } from '../ownership/partition-owner';
import { refKey, type TicketRef } from '../ticket-ref';
import type { TicketTimerData } from './bullmq-ticket-timers';
import { DueBatcher } from './due-batcher';
import { startTicketTimerWorker } from './ticket-timer.worker';

export interface TimerWorkersSettings {
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  readonly prefixOf: (partition: number) => string;
  readonly concurrency: number;
  readonly logger: AdapterLogger;
  /**
   * A partition's worker that took no job for this long while a job of its queue is this overdue
   * is stuck and replaced (ms; default 5,000). See {@link TimerWorkers.checkStuck}.
   */
  readonly stuckAfterMs?: number;
}

/**
 * The BullMQ workers of the partitions this member owns, one each: the timers due together in a
 * partition go to the keeper as one batch (one load, one publish, one commit).
 */
export class TimerWorkers implements PartitionWorkers {
  private readonly running = new Map<number, Worker<TicketTimerData>>();
  /** When each partition's worker last took, finished or failed a job (or started). */
  private readonly lastActivity = new Map<number, number>();
  private watchdog: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly settings: TimerWorkersSettings,
    private readonly keeper: ClockKeeper,
    private readonly fence: (partition: number) => Promise<string>,
  ) {}

  start(partition: number): void {
    if (this.running.has(partition)) return;
    const batcher = new DueBatcher<TicketRef, number | null>(async (refs) => {
      const token = await this.fence(partition);
      const next = await this.keeper.fireDue(partition, token, refs);
      return refs.map((ref) => next.get(refKey(ref)) ?? null);
    });
    const worker = startTicketTimerWorker(
      {
        connection: this.settings.connection,
        queueName: this.settings.queueName,
        prefix: this.settings.prefixOf(partition),
        concurrency: this.settings.concurrency,
        logger: this.settings.logger,
      },
      (ref) => batcher.submit(ref),
    );
    const touch = () => this.lastActivity.set(partition, Date.now());
    worker.on('active', touch);
    worker.on('completed', touch);
    worker.on('failed', touch);
    touch();
    this.running.set(partition, worker);
    if (this.watchdog === null) {
      this.watchdog = setInterval(() => void this.checkStuck(), Math.max(250, Math.floor(this.stuckAfterMs / 2)));
      this.watchdog.unref();
    }
  }

  private get stuckAfterMs(): number {
    return this.settings.stuckAfterMs ?? 5_000;
  }

  /**
   * Replaces the worker of a partition that stopped taking jobs: on Redis Cluster, after a master's
   * crash and its replica's promotion, a partition's BullMQ worker was seen to leave its due jobs in
   * `delayed` for good (the state on the new master intact, the queue's client writing to it, no
   * error emitted, `isRunning()` still true; docs/architecture.md, "Redis's primary crashes").
   * Stuck means: no job taken, finished or failed for `stuckAfterMs`, and the oldest delayed job of
   * its queue overdue by more than that (a busy worker takes jobs, so a catch-up is not stuck). The
   * old worker is closed without waiting for it (it may never answer); its jobs are safe in Redis
   * and the new worker takes them (firing is idempotent: deterministic eventIds).
   */
  async checkStuck(now = Date.now()): Promise<number[]> {
    if (this.checking) return [];
    this.checking = true;
    const replaced: number[] = [];
    try {
      for (const [partition, worker] of [...this.running]) {
        if (now - (this.lastActivity.get(partition) ?? now) <= this.stuckAfterMs) continue;
        const oldest = await oldestDelayed(worker, this.stuckAfterMs).catch(() => null);
        if (oldest === null || now - oldest <= this.stuckAfterMs || this.running.get(partition) !== worker) continue;
        this.settings.logger.warn({ partition, overdueMs: now - oldest }, 'ticket timer worker stuck (due jobs left waiting): replacing it');
        this.running.delete(partition);
        void worker.close(true).catch(() => undefined);
        this.start(partition);
        replaced.push(partition);
      }
    } finally {
      this.checking = false;
    }
    return replaced;
  }

  async stop(partition: number): Promise<void> {
    const worker = this.running.get(partition);
    this.running.delete(partition);
    this.lastActivity.delete(partition);
    await worker?.close();
  }

  async stopAll(): Promise<void> {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
    await Promise.all([...this.running.keys()].map((p) => this.stop(p)));
  }

  /** False when a worker stopped running on its own. */
  get healthy(): boolean {
    return [...this.running.values()].every((w) => w.isRunning());
  }
}

/** The instant (ms) the oldest delayed job of the worker's queue is due at; null when none (or no answer within `withinMs`). */
async function oldestDelayed(worker: Worker<TicketTimerData>, withinMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const read = (async () => {
    const client = (await worker.client) as unknown as Redis;
    const [, score] = await client.zrange(worker.keys.delayed, 0, 0, 'WITHSCORES');
    // BullMQ's delayed score: the due instant times 0x1000, plus a counter.
    return score === undefined ? null : Math.floor(Number(score) / 0x1000);
  })();
  try {
    return await Promise.race([read, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), withinMs)))]);
  } finally {
    clearTimeout(timer);
  }
}
