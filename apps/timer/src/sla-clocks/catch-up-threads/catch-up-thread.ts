import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createKafka, EventPublisher, type AdapterLogger } from '@stageplus/kafka';
import { createRedis } from '@stageplus/redis';
import { historyFromPortable, type PolicyHistory } from '@stageplus/sla-policy';
import { clockStoreOn } from '../cluster/on-redis-cluster';
import { KafkaSlaOutbox } from '../kafka/kafka-sla-outbox';
import { ClockKeeper } from '../keeper/clock-keeper';
import type { ChangelogEntry, SlaOutbox, SlaPublication, TicketTimers, TimerArm } from '../keeper/ports';
import { governedPause } from '../ticket-record/paused-since';
import type { CatchUpThreadSettings, FiredForMetrics, FromCatchUpThread, ToCatchUpThread } from './catch-up-messages';

/** Whether this thread was started as a catch-up thread (the timer's `main` asks). */
export const isCatchUpThread = (): boolean => parentPort !== null && (workerData as Partial<CatchUpThreadSettings> | null)?.catchUpThread === true;

/**
 * A catch-up thread: the same `ClockKeeper.catchUp` as the main thread, on a partition the main
 * thread has taken and not yet opened (no batch of events, wake-up or correction touches it
 * meanwhile), with a Redis connection and a Kafka producer of its own. Its commits are fenced by
 * the main thread's token, like the main thread's own. It reports what fired (for the metrics) and
 * the earliest timer it armed: the main thread adds the wake-up.
 */
export function runCatchUpThread(): void {
  const port = parentPort as MessagePort;
  const settings = workerData as CatchUpThreadSettings;
  const send = (message: FromCatchUpThread): void => port.postMessage(message);
  const logger: AdapterLogger = {
    info: (obj, msg) => send({ kind: 'log', level: 'info', obj, msg }),
    warn: (obj, msg) => send({ kind: 'log', level: 'warn', obj, msg }),
    error: (obj, msg) => send({ kind: 'log', level: 'error', obj, msg }),
  };
  let history: { key: string; value: PolicyHistory } | null = null;
  const ctx = () => ({ history: (history as { value: PolicyHistory }).value });
  const redis = createRedis(settings.redis, { maxRetriesPerRequest: 20 });
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', thread: 'catch-up', err: error.message }, 'Redis connection error; reconnecting'));
  const store = clockStoreOn(redis, settings.redisPrefix, governedPause(ctx, Date.now));
  const publisher = new EventPublisher(createKafka({ brokers: settings.kafkaBrokers, clientId: 'sla-timer-catch-up', logger }));
  const connected = publisher.connect();
  connected.catch(() => undefined); // reported to the task that awaits it

  port.on('message', (message: ToCatchUpThread) => {
    if (message.kind === 'close') {
      void Promise.allSettled([publisher.disconnect(), redis.quit()]).then(() => send({ kind: 'closed' }));
      return;
    }
    const { id, partition, token } = message;
    if (history?.key !== message.historyKey) history = { key: message.historyKey, value: historyFromPortable(message.history) };
    const timers = new EarliestArm();
    const outbox = new FiredList(new KafkaSlaOutbox(publisher, settings.topics));
    const keeper = new ClockKeeper({ ctx, closedRetentionMs: settings.closedRetentionMs, clock: Date.now }, store, timers, outbox);
    connected
      .then(() => keeper.catchUp(partition, token, settings.batchSize))
      .then((fired) => send({ kind: 'done', id, fired, earliest: timers.earliest, published: outbox.fired }))
      .catch((error: Error & { code?: string }) => send({ kind: 'failed', id, message: error.message, ...(error.code ? { code: error.code } : {}) }));
  });
}

/** The timers a catch-up armed: only the earliest matters, the main thread wakes the partition by it. */
class EarliestArm implements TicketTimers {
  earliest: number | null = null;

  async arm(_partition: number, arms: readonly TimerArm[]): Promise<void> {
    for (const { at } of arms) if (this.earliest === null || at < this.earliest) this.earliest = at;
  }

  async cancel(): Promise<void> {}
}

/** The thresholds published, in the fields the main thread's metrics count. */
class FiredList implements SlaOutbox {
  readonly fired: FiredForMetrics[] = [];

  constructor(private readonly inner: SlaOutbox) {}

  async publish(partition: number, notifications: readonly SlaPublication[], changelog: readonly ChangelogEntry[]): Promise<void> {
    await this.inner.publish(partition, notifications, changelog);
    for (const n of notifications) {
      if (n.type !== 'sla.escalated' && n.type !== 'sla.breached') continue;
      this.fired.push({ type: n.type, tenantId: n.tenantId, clock: n.clock, level: n.level, late: n.late, firedAt: n.firedAt, thresholdAt: n.thresholdAt });
    }
  }
}
