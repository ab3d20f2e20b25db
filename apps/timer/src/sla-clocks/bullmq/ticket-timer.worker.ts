import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { AdapterLogger } from '@stageplus/kafka';
import { FencedOut, StateLost } from '../keeper/ports';
import { refOfKey, type TicketRef } from '../ticket-ref';
import { TIMER_JOB, type TicketTimerData } from './bullmq-ticket-timers';

/** What a due timer asks of the keeper: fire what is due, tell the next instant (null: none). */
export type OnDue = (ref: TicketRef) => Promise<number | null>;

export interface TimerWorkerSettings {
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  readonly prefix: string;
  readonly concurrency: number;
  readonly logger: AdapterLogger;
}

/**
 * The worker of one partition's queue, run by the member that owns the partition. A job fires
 * its ticket's due thresholds, then is moved to the ticket's next threshold (BullMQ's step-job
 * pattern: `moveToDelayed` + `DelayedError`), or completes when nothing is upcoming.
 */
export function startTicketTimerWorker(settings: TimerWorkerSettings, onDue: OnDue): Worker<TicketTimerData> {
  const worker = new Worker<TicketTimerData>(
    settings.queueName,
    async (job: Job<TicketTimerData>, token?: string) => {
      if (job.name !== TIMER_JOB) throw new UnrecoverableError(`unexpected job ${job.name}`);
      let next: number | null;
      try {
        next = await onDue(refOfKey(job.data.k));
      } catch (error) {
        // Ownership moving or Redis being rebuilt pass; anything else cannot succeed on a retry.
        if (error instanceof FencedOut || error instanceof StateLost || isTransient(error)) throw error;
        throw new UnrecoverableError(`${(error as Error).name}: ${(error as Error).message}`);
      }
      if (next === null) return;
      await job.moveToDelayed(next, token);
      throw new DelayedError();
    },
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      maxStalledCount: 1_000,
      settings: { backoffStrategy: (attemptsMade: number) => Math.min(30_000, 250 * 2 ** Math.min(attemptsMade, 10)) },
    },
  );
  worker.on('failed', (job, error) => {
    if (error instanceof UnrecoverableError || error.name === 'UnrecoverableError') {
      settings.logger.error({ jobId: job?.id, ticket: job?.data.k, err: error.message }, 'ticket timer failed for good: a bug, see the failed jobs');
    } else {
      settings.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'ticket timer failed, retrying');
    }
  });
  worker.on('error', (error) => settings.logger.error({ err: error.message }, 'ticket timer worker error'));
  return worker;
}


/** Broker and store trouble: retried. Bugs (TypeError, domain errors on accepted events) are not. */
function isTransient(error: unknown): boolean {
  const e = error as { retriable?: unknown; code?: unknown; name?: unknown };
  if (e?.retriable === true) return true;
  if (typeof e?.code === 'string' && /^(ECONN|ETIMEDOUT|EPIPE|KAFKA\.)/.test(e.code)) return true;
  return e?.name === 'ReplyError' || e?.name === 'MaxRetriesPerRequestError' || /Connection|closed|timeout/i.test(String((error as Error)?.message));
}
