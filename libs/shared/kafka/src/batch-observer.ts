import type { IncomingMessage } from './incoming-message';
import type { RefusedMessage } from './kafka-batch-server';
import type { TopicBatch } from './event-publisher';

/** Where a batch comes from, and how far behind its partition's end the consumer is. */
export interface BatchPosition {
  readonly topic: string;
  readonly partition: number;
  /**
   * Messages on the partition after what is committed once this step is done: at `fetched`, the
   * batch's own messages and everything after them; at `committed`, only what came after it.
   */
  readonly lag: number;
}

/**
 * Told what a `KafkaBatchServer` does, for metrics: the server stays free of any metrics code and
 * an observer must never throw (a throwing observer is logged and ignored).
 */
export interface BatchObserver {
  /** After every rebalance: the partitions of each topic this member owns now. */
  assigned?(assignment: Readonly<Record<string, readonly number[]>>): void;
  /** A partition's batch arrived, before the handler sees it. */
  fetched?(position: BatchPosition, messages: readonly IncomingMessage[]): void;
  /** The batch's refused messages were dead-lettered and its offsets committed. */
  committed?(position: BatchPosition, messages: readonly IncomingMessage[], refused: readonly RefusedMessage[]): void;
  /** An attempt at the batch failed; it is retried in place. */
  failed?(position: BatchPosition, error: unknown): void;
}

/** Told what an `EventPublisher` wrote, once every in-sync replica has it, and what it could not. */
export interface PublishObserver {
  published?(batches: readonly TopicBatch[]): void;
  failed?(topics: readonly string[], error: unknown): void;
  /** kafkajs resolved a send without writing these partitions (`topic/partition`): they are sent again. */
  resent?(partitions: readonly string[]): void;
}

/** Calls an observer's hook, never letting it break the caller. */
export function notify<T extends object>(observer: T | undefined, call: (observer: T) => void, onError?: (error: unknown) => void): void {
  if (observer === undefined) return;
  try {
    call(observer);
  } catch (error) {
    onError?.(error);
  }
}
