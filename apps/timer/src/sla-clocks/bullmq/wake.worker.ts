import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { AdapterLogger } from '@stageplus/kafka';
import { FencedOut, StateLost } from '../keeper/ports';
import { LEGACY_TICKET_JOB, WAKE_JOB, type WakeJobData } from './bullmq-wake-timers';

/** What a wake-up asks of its partition: fire what is due by `at` (the instant it was added for). */
export type OnWake = (at: number) => Promise<void>;

export interface WakeWorkerSettings {
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  readonly prefix: string;
  readonly logger: AdapterLogger;
}

/**
 * Wake-ups of one partition run side by side (`WAKE_CONCURRENCY`): a wake-up due while another
 * still publishes starts at its instant, and leaves the other's tickets to it (`ClockKeeper.wake`).
 */
const WAKE_CONCURRENCY = 8;

/** The worker of one partition's queue, run by the member that owns the partition. */
export function startWakeWorker(settings: WakeWorkerSettings, onWake: OnWake): Worker<WakeJobData> {
  const worker = new Worker<WakeJobData>(
    settings.queueName,
    async (job: Job<WakeJobData>) => {
      const at = wakeInstant(job);
      try {
        await onWake(at);
      } catch (error) {
        // Ownership moving or Redis being rebuilt pass; anything else cannot succeed on a retry.
        if (error instanceof FencedOut || error instanceof StateLost || isTransient(error)) throw error;
        throw new UnrecoverableError(`${(error as Error).name}: ${(error as Error).message}`);
      }
    },
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: WAKE_CONCURRENCY,
      maxStalledCount: 1_000,
      settings: { backoffStrategy: (attemptsMade: number) => Math.min(30_000, 250 * 2 ** Math.min(attemptsMade, 10)) },
    },
  );
  worker.on('failed', (job, error) => {
    if (error instanceof UnrecoverableError || error.name === 'UnrecoverableError') {
      settings.logger.error({ jobId: job?.id, err: error.message }, 'wake-up failed for good: a bug, see the failed jobs');
    } else {
      settings.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'wake-up failed, retrying');
    }
  });
  worker.on('error', (error) => settings.logger.error({ err: error.message }, 'timer worker error'));
  return worker;
}

/** A wake-up's instant; a ticket job of the earlier layout wakes the partition up for what is due now. */
function wakeInstant(job: Job<WakeJobData>): number {
  if (job.name === WAKE_JOB && typeof job.data?.at === 'number') return job.data.at;
  if (job.name === LEGACY_TICKET_JOB) return job.timestamp + (job.opts.delay ?? 0);
  throw new UnrecoverableError(`unexpected job ${job.name}`);
}

/** Broker and store trouble: retried. Bugs (TypeError, domain errors on accepted events) are not. */
function isTransient(error: unknown): boolean {
  const e = error as { retriable?: unknown; code?: unknown; name?: unknown };
  if (e?.retriable === true) return true;
  if (typeof e?.code === 'string' && /^(ECONN|ETIMEDOUT|EPIPE|KAFKA\.)/.test(e.code)) return true;
  return e?.name === 'ReplyError' || e?.name === 'MaxRetriesPerRequestError' || /Connection|closed|timeout/i.test(String((error as Error)?.message));
}
