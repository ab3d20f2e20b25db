import type { Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { ReachabilitySource } from './broker-watch';
import type { EventPublisher } from './event-publisher';
import type { IncomingMessage } from './incoming-message';
import type { AdapterLogger } from './kafka-client';

/** One partition's slice of a fetch, as a batch handler sees it. */
export interface IncomingBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly IncomingMessage[];
  /** Keeps the group membership alive during long work (a rebuild, a slow store). */
  heartbeat(): Promise<void>;
  /** True once a rebalance took this partition away: the work must stop without writing. */
  isStale(): boolean;
}

/** A message of a batch that can never be applied: dead-lettered with its reason, then skipped. */
export interface RefusedMessage {
  readonly offset: string;
  readonly code: string;
  readonly detail: string;
}

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

/** What a batch handler resolves with once the batch's effects are durable. */
export interface BatchResult {
  readonly refused: readonly RefusedMessage[];
}

export interface KafkaBatchServerOptions {
  readonly kafka: Kafka;
  readonly service: string;
  readonly groupId: string;
  /** Handler pattern (`@EventPattern(name)`) → topic. */
  readonly subscriptions: Readonly<Record<string, string>>;
  /** Publishes dead letters. */
  readonly publisher: EventPublisher;
  readonly logger: AdapterLogger;
  /** Session timeout (ms), default 30 000. */
  readonly sessionTimeoutMs?: number;
  /** Partitions processed at the same time, default 3. */
  readonly partitionsConsumedConcurrently?: number;
  /** Largest fetch per partition (bytes), default 1 MiB: the upper bound of one batch. */
  readonly maxBytesPerPartition?: number;
  /** A consumer out of its group for longer than this (ms) is replaced by a new one; default 90 000 (`ConsumerSupervisor`). */
  readonly reviveAfterMs?: number;
  /** The service's broker watch (readiness's): a consumer is replaced only while a broker answers. */
  readonly broker?: ReachabilitySource;
  /** A partition retrying one batch for longer than this (ms) is reported stuck; default 30 000. */
  readonly stuckAfterMs?: number;
  /** Told the partitions of each topic this member owns after every rebalance. */
  readonly onAssignment?: (assignment: Readonly<Record<string, readonly number[]>>) => void;
  /** Told of assignments, batches, commits and failures (metrics); optional. */
  readonly observer?: BatchObserver;
  readonly now?: () => Date;
}

/** What a handler returned (a promise, an observable), checked to be a `BatchResult`. */
export async function unwrapResult(result: unknown): Promise<BatchResult> {
  const value = isObservable(result) ? await lastValueFrom(result, { defaultValue: undefined }) : await result;
  const refused = (value as BatchResult | undefined)?.refused;
  if (!Array.isArray(refused)) throw new Error('a batch handler must resolve with { refused: [...] }');
  return { refused };
}

export function missingMessage(offset: string): never {
  throw new Error(`a batch handler refused offset ${offset}, which is not in its batch`);
}
