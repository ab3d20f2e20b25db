import type { AdapterLogger } from '@stageplus/kafka';
import type { ConnectionOptions, Worker } from 'bullmq';
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
}

/**
 * The BullMQ workers of the partitions this member owns, one each: the timers due together in a
 * partition go to the keeper as one batch (one load, one publish, one commit).
 */
export class TimerWorkers implements PartitionWorkers {
  private readonly running = new Map<number, Worker<TicketTimerData>>();

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
    this.running.set(partition, worker);
  }

  async stop(partition: number): Promise<void> {
    const worker = this.running.get(partition);
    this.running.delete(partition);
    await worker?.close();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((p) => this.stop(p)));
  }

  /** False when a worker stopped running on its own. */
  get healthy(): boolean {
    return [...this.running.values()].every((w) => w.isRunning());
  }
}
