import type { PortableHistory } from '@stageplus/sla-policy';
import type { RedisTarget } from '@stageplus/redis';
import type { OutboxTopics } from '../kafka/kafka-sla-outbox';

/** What a catch-up thread connects with: the main thread's settings, cloned into `workerData`. */
export interface CatchUpThreadSettings {
  readonly catchUpThread: true;
  readonly redis: RedisTarget;
  readonly redisPrefix: string;
  readonly kafkaBrokers: readonly string[];
  readonly topics: OutboxTopics;
  readonly closedRetentionMs: number;
  readonly batchSize: number;
}

/** A fired threshold as the metrics count it (`TimerMetrics.published`). */
export interface FiredForMetrics {
  readonly type: string;
  readonly tenantId?: string;
  readonly clock?: string;
  readonly level?: number | null;
  readonly late?: boolean;
  readonly firedAt?: string;
  readonly thresholdAt?: string;
}

/** Main thread to catch-up thread. */
export type ToCatchUpThread =
  | {
      readonly kind: 'catch-up';
      readonly id: number;
      readonly partition: number;
      readonly token: string;
      /** The policy history as the main thread follows it when the task starts. */
      readonly history: PortableHistory;
      /** Same key, same history: the thread builds its calendars once per history. */
      readonly historyKey: string;
    }
  | { readonly kind: 'close' };

/** Catch-up thread to main thread. */
export type FromCatchUpThread =
  | { readonly kind: 'done'; readonly id: number; readonly fired: number; readonly earliest: number | null; readonly published: readonly FiredForMetrics[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string; readonly code?: string }
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly obj: object; readonly msg?: string }
  | { readonly kind: 'closed' };
