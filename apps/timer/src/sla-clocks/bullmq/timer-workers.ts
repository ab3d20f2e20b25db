import type { AdapterLogger } from '@stageplus/kafka';
import type { ConnectionOptions, Worker } from 'bullmq';
import type { ClockKeeper } from '../keeper/clock-keeper';
import { EARLY_WAKE_TOLERANCE_MS } from '../keeper/due-decisions';
import type { ClockStore } from '../keeper/ports';
import type { PartitionWorkers } from '../ownership/partition-owner';
import type { BullmqWakeTimers, WakeJobData } from './bullmq-wake-timers';
import { oldestDelayed, withinMs } from './worker-reads';
import { fireFrom, type WakeUpParts } from './wake-up';
import { startWakeWorker } from './wake.worker';

export interface TimerWorkersSettings {
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  readonly prefixOf: (partition: number) => string;
  /** Tickets decided per batch when a wake-up fires (`TIMER_CONCURRENCY`). */
  readonly batchSize: number;
  readonly logger: AdapterLogger;
  /**
   * A partition's worker that took no job for this long while the partition is this overdue
   * is stuck and replaced (ms; default 5,000). See {@link TimerWorkers.checkStuck}.
   */
  readonly stuckAfterMs?: number;
  /** Whether the partition is being taken or rebuilt (its owner's catch-up runs): busy, not stuck. */
  readonly settling?: (partition: number) => boolean;
}

/**
 * The wake-up workers of the partitions this member owns, one each. A wake-up fires every ticket
 * the due index holds due by its instant, in batches (`ClockKeeper.wake`: one load, one publish,
 * one commit per batch), then asks for a wake-up at the index's next instant.
 */
export class TimerWorkers implements PartitionWorkers {
  private readonly running = new Map<number, Worker<WakeJobData>>();
  /** When each partition's worker last took, finished or failed a job (or started). */
  private readonly lastActivity = new Map<number, number>();
  /** Up to which instant each partition's last wake-up fired: index entries at or before it are done or stale. */
  private readonly drainedUntil = new Map<number, number>();
  /** Wake-ups firing right now, per partition: a long catch-up is busy, not stuck. */
  private readonly waking = new Map<number, number>();
  /** Aborted when the worker stops or is replaced: its wake-up waiting for an instant lets go. */
  private readonly stopped = new WeakMap<Worker<WakeJobData>, AbortController>();
  private readonly wakeUp: WakeUpParts;
  private watchdog: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly settings: TimerWorkersSettings,
    keeper: Pick<ClockKeeper, 'wake'>,
    private readonly store: Pick<ClockStore, 'firstDueAfter'>,
    private readonly timers: BullmqWakeTimers,
    private readonly fence: (partition: number) => Promise<string>,
  ) {
    const fired = (p: number, by: number) => this.drainedUntil.set(p, Math.max(by, this.drainedUntil.get(p) ?? by));
    this.wakeUp = { keeper, store, timers, batchSize: settings.batchSize, fired };
  }

  start(partition: number): void {
    if (this.running.has(partition)) return;
    this.timers.plan.reset(partition);
    const stopped = new AbortController();
    const worker = startWakeWorker(
      { connection: this.settings.connection, queueName: this.settings.queueName, prefix: this.settings.prefixOf(partition), logger: this.settings.logger },
      (at) => this.wake(partition, at, stopped.signal),
    );
    this.stopped.set(worker, stopped);
    const touch = () => this.lastActivity.set(partition, Date.now());
    worker.on('active', touch);
    worker.on('completed', touch);
    worker.on('failed', touch);
    touch();
    this.running.set(partition, worker);
    // The first wake-up comes from the index itself: whatever the jobs in Redis (an earlier owner's, lost ones).
    void this.rederive(partition);
    if (this.watchdog === null) {
      this.watchdog = setInterval(() => void this.checkStuck(), Math.max(250, Math.floor(this.stuckAfterMs / 2)));
      this.watchdog.unref();
    }
  }

  /** One wake-up of the partition, added for `at` (`wake-up.ts`). */
  private async wake(partition: number, at: number, stopped: AbortSignal): Promise<void> {
    this.timers.plan.begin(partition, at); // before the index is read: see WakePlan
    const now = Date.now();
    // Run early by BullMQ within the tolerance: fire what is due at its own instant, as decideDue does.
    const until = at > now && at - now <= EARLY_WAKE_TOLERANCE_MS ? at : now;
    this.waking.set(partition, (this.waking.get(partition) ?? 0) + 1);
    try {
      const token = await this.fence(partition);
      await fireFrom(this.wakeUp, { partition, token, stopped }, until);
    } finally {
      this.waking.set(partition, (this.waking.get(partition) ?? 1) - 1);
    }
  }

  /** Asks for a wake-up at the index's earliest instant; on failure, the watchdog tries again. */
  private async rederive(partition: number): Promise<void> {
    this.timers.unsure.delete(partition);
    try {
      const next = await this.store.firstDueAfter(partition, -Infinity);
      if (next !== null && this.running.has(partition)) await this.timers.wakeBy(partition, next);
    } catch (error) {
      this.timers.unsure.add(partition);
      this.settings.logger.warn({ partition, err: (error as Error).message }, 'first wake-up not derived: the watchdog tries again');
    }
  }

  private get stuckAfterMs(): number {
    return this.settings.stuckAfterMs ?? 5_000;
  }

  /**
   * Derives again the wake-up of partitions where adding one failed, and replaces the worker of a
   * partition that stopped taking jobs: on Redis Cluster, after a master's crash and its replica's
   * promotion, a BullMQ worker was seen to leave its due jobs in `delayed` for good (no error,
   * `isRunning()` still true; docs/architecture.md, "Redis's primary crashes"), and a wake-up job
   * added just before the crash may not have reached the replica. Stuck means: no job taken,
   * finished or failed for `stuckAfterMs`, and a timer of the partition's due index (after what
   * its last wake-up fired) overdue by more than that. The old worker is closed without waiting
   * for it (it may never answer); the new one derives its wake-up from the index.
   */
  async checkStuck(now = Date.now()): Promise<number[]> {
    if (this.checking) return [];
    this.checking = true;
    const replaced: number[] = [];
    try {
      for (const partition of [...this.timers.unsure]) {
        if (!this.running.has(partition)) continue;
        // A client that never answers must not stop the watchdog (`checking`): tried again next round.
        if ((await withinMs(this.rederive(partition).then(() => true), this.stuckAfterMs)) === null) this.timers.unsure.add(partition);
      }
      for (const [partition, worker] of [...this.running]) {
        if ((this.waking.get(partition) ?? 0) > 0 || this.settings.settling?.(partition) === true || now - (this.lastActivity.get(partition) ?? now) <= this.stuckAfterMs) continue;
        const overdue = await this.overdueSince(partition).catch(() => null);
        if (overdue === null || now - overdue <= this.stuckAfterMs || this.running.get(partition) !== worker) continue;
        this.settings.logger.warn({ partition, overdueMs: now - overdue }, 'timer worker stuck (due timers left waiting): replacing it');
        this.running.delete(partition);
        this.stopped.get(worker)?.abort();
        void worker.close(true).catch(() => undefined);
        this.start(partition);
        replaced.push(partition);
      }
    } finally {
      this.checking = false;
    }
    return replaced;
  }

  /**
   * The earliest instant of the partition left waiting: its due index after the last wake-up, or
   * its oldest delayed job. The job is read through the partition's queue, not the worker: after a
   * Sentinel failover BullMQ left a worker's own connection ended ("Connection is closed."), and
   * reading through it made the watchdog skip the very worker it had to replace.
   */
  private async overdueSince(partition: number): Promise<number | null> {
    const [index, job] = await withinMs(
      Promise.all([this.store.firstDueAfter(partition, this.drainedUntil.get(partition) ?? -Infinity), oldestDelayed(this.timers.queue(partition)).catch(() => null)]),
      this.stuckAfterMs,
    ).then((r) => r ?? [null, null]);
    if (index === null) return job;
    return job === null ? index : Math.min(index, job);
  }

  async stop(partition: number): Promise<void> {
    const worker = this.running.get(partition);
    this.running.delete(partition);
    if (worker !== undefined) this.stopped.get(worker)?.abort();
    this.lastActivity.delete(partition);
    this.drainedUntil.delete(partition);
    this.timers.plan.reset(partition);
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
