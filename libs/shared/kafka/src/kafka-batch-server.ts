import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Batch, EachBatchPayload } from 'kafkajs';
import { missingMessage, unwrapResult, type BatchObserver, type BatchPosition, type IncomingBatch, type KafkaBatchServerOptions } from './batch-contract';
import { publishDeadLetters } from './dead-letters';
import { toIncomingMessage } from './incoming-message';
import { ManagedConsumer } from './managed-consumer';
import { permanentFailure } from './message-errors';
import { notify } from './notify-observer';
import { PartitionProgress } from './partition-progress';

export type { BatchObserver, BatchPosition, BatchResult, IncomingBatch, KafkaBatchServerOptions, RefusedMessage } from './batch-contract';

/**
 * A Nest transport that hands handlers whole batches, one per partition, partitions in parallel:
 * the handler groups, loads and writes a batch's effects at once, and resolves with the messages it
 * refuses. Then, in this order: the refused messages are dead-lettered (one send), the batch's
 * offsets are resolved and committed. So an offset is committed only after its effect is durable.
 *
 * A batch that throws anything but a permanent failure is retried in place (handlers are
 * idempotent), with backoff, heartbeating, without end: the consumer never skips and never
 * dies on a message. A partition that cannot move for `stuckAfterMs` shows in `stuckPartitions`
 * (readiness) and in the logs. A handler throwing a permanent failure for the whole batch is a
 * bug in the handler: it is retried as transient, and shows as stuck. A handler that stops early
 * (its batch went stale) must throw, not resolve: a resolved batch is committed. The consumer is
 * a `ManagedConsumer`: one that kafkajs will not bring back is replaced.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private readonly patternByTopic: Map<string, string>;
  private closing = false;
  readonly progress: PartitionProgress;
  private readonly consumer: ManagedConsumer;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.patternByTopic = new Map(Object.entries(options.subscriptions).map(([pattern, topic]) => [topic, pattern]));
    this.progress = new PartitionProgress(options.stuckAfterMs ?? 30_000);
    this.consumer = new ManagedConsumer({
      kafka: options.kafka,
      groupId: options.groupId,
      topics: [...this.patternByTopic.keys()],
      logger: options.logger,
      sessionTimeoutMs: options.sessionTimeoutMs,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      maxBytesPerPartition: options.maxBytesPerPartition,
      graceMs: options.stuckAfterMs,
      reviveAfterMs: options.reviveAfterMs,
      broker: options.broker,
      eachBatch: (payload) => this.handle(payload),
      onJoin: (assignment) => {
        this.progress.retain(assignment);
        this.options.onAssignment?.(assignment);
        this.observe((o) => o.assigned?.(assignment));
      },
    });
  }

  /** False before the consumer runs, while it is replaced, and after it crashed for good. */
  get healthy(): boolean {
    return this.consumer.running;
  }

  /** Why kafkajs stopped the consumer for good, or null (it is replaced within seconds). */
  get fatalCrash(): string | null {
    return this.consumer.fatalCrash;
  }

  /** Why the consumer is out of its group for longer than `stuckAfterMs` (rebalancing, restarting), or null. */
  outOfGroup(now = Date.now()): string | null {
    return this.consumer.outOfGroup(now);
  }

  /** `topic/partition` of every partition retrying one batch for too long. */
  stuckPartitions(now = Date.now()): string[] {
    return this.progress.stuck(now);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.checkSubscriptions();
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.consumer.stop();
  }

  on(): never {
    throw new Error('KafkaBatchServer does not expose events');
  }

  unwrap<T>(): T {
    return this.consumer.current as T;
  }

  private checkSubscriptions(): void {
    const patterns = Object.keys(this.options.subscriptions);
    const missing = patterns.filter((p) => this.getHandlerByPattern(p) === null);
    if (missing.length > 0) throw new Error(`no @EventPattern handler for subscription(s) ${missing.join(', ')}`);
    if (this.patternByTopic.size !== patterns.length) throw new Error('two subscriptions name the same topic');
  }

  private async handle(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    const pattern = this.patternByTopic.get(batch.topic);
    const handler = pattern === undefined ? null : this.getHandlerByPattern(pattern);
    if (handler === null || batch.messages.length === 0) return;
    const raw = new Map(batch.messages.map((m) => [m.offset, m]));
    const incoming: IncomingBatch = {
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages.map((m) => toIncomingMessage(batch.topic, batch.partition, m)),
      heartbeat,
      isStale: () => isStale() || !isRunning(),
    };
    const where = { topic: batch.topic, partition: batch.partition, offsets: `${batch.firstOffset()}..${batch.lastOffset()}` };
    const waiting = positionOf(batch, 'first');
    this.observe((o) => o.fetched?.(waiting, incoming.messages));
    for (let attempt = 0; ; attempt++) {
      if (this.closing || incoming.isStale()) return; // uncommitted: redelivered to the next owner
      try {
        const result = await unwrapResult(handler(incoming));
        // Only a partition given away makes a finished batch stale: a consumer that is stopping
        // still commits what it resolved, so a graceful stop repeats nothing.
        if (isStale()) return;
        await publishDeadLetters(
          this.options.publisher,
          result.refused.map((r) => ({
            service: this.options.service,
            topic: batch.topic,
            partition: batch.partition,
            message: raw.get(r.offset) ?? missingMessage(r.offset),
            reason: r.code,
            detail: r.detail,
            now: this.options.now?.() ?? new Date(),
          })),
        );
        for (const r of result.refused) this.options.logger.warn({ ...where, offset: r.offset, reason: r.code }, `dead-lettered: ${r.detail}`);
        payload.resolveOffset(batch.lastOffset());
        await payload.commitOffsetsIfNecessary();
        this.progress.moved(batch.topic, batch.partition);
        this.observe((o) => o.committed?.(positionOf(batch, 'last'), incoming.messages, result.refused));
        return;
      } catch (error) {
        const failedFor = this.progress.failed(batch.topic, batch.partition, Date.now());
        this.observe((o) => o.failed?.(waiting, error));
        const permanent = permanentFailure(error);
        const err = { message: String((error as Error)?.message ?? error), code: (error as { code?: unknown })?.code, permanent: permanent !== null };
        const stuck = failedFor >= (this.options.stuckAfterMs ?? 30_000);
        this.options.logger[stuck ? 'error' : 'warn']({ ...where, attempt, failedForMs: failedFor, err }, stuck ? 'partition stuck: retrying the batch' : 'batch failed, retrying');
        await this.pause(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private observe(call: (observer: BatchObserver) => void): void {
    notify(this.options.observer, call, (error) => this.options.logger.warn({ err: { message: (error as Error)?.message } }, 'batch observer failed'));
  }

  /** A backoff that a close cuts short. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && !this.closing) await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
  }
}

/** Messages after the batch's first offset (`first`: the batch included) or after its last. */
function positionOf(batch: Batch, from: 'first' | 'last'): BatchPosition {
  const next = from === 'first' ? Number(batch.firstOffset() ?? batch.highWatermark) : Number(batch.lastOffset()) + 1;
  return { topic: batch.topic, partition: batch.partition, lag: Math.max(0, Number(batch.highWatermark) - next) };
}
