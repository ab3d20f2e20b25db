import { CustomTransportStrategy, KafkaContext, Server } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { publishDeadLetter } from './dead-letters';
import type { EventPublisher } from './event-publisher';
import { toIncomingMessage } from './incoming-message';
import type { AdapterLogger } from './kafka-client';
import { permanentFailure } from './message-errors';

export interface KafkaEventServerOptions {
  readonly kafka: Kafka;
  readonly service: string;
  readonly groupId: string;
  /** Handler pattern (`@EventPattern(name)`) → topic, so topic names stay configuration. */
  readonly subscriptions: Readonly<Record<string, string>>;
  /** Publishes dead letters. */
  readonly publisher: EventPublisher;
  readonly logger: AdapterLogger;
  /**
   * How long the group waits for a silent member before rebalancing its partitions (ms); a
   * restarted service waits up to this long for the partitions of its dead predecessor.
   */
  readonly sessionTimeoutMs?: number;
  /** Transient failures are retried this many times in place before the consumer restarts. */
  readonly retries?: number;
  readonly now?: () => Date;
}

/**
 * A Nest microservice transport over a kafkajs consumer that designs out the known traps:
 * - a handler failure never escapes into kafkajs (nestjs/nest #10972: a throwing `@EventPattern`
 *   handler makes kafkajs restart at the same offset forever): permanent failures are
 *   dead-lettered with their reason and consumption goes on;
 * - transient failures (broker, Redis) are retried in place, heartbeating, so that nothing is
 *   skipped; past `retries` the consumer restarts from the last committed offset;
 * - an offset is committed only after its handler resolved, i.e. after the effect is durable.
 * `close()` disconnects the consumer, which waits for the message in flight (graceful drain);
 * a retry loop in progress stops at once, leaving its message uncommitted.
 *
 * Nest closes microservices after `onModuleDestroy`/`beforeApplicationShutdown` and before
 * `onApplicationShutdown`: apps close their producer and Redis in `onApplicationShutdown`, so the
 * message in flight finishes against live connections. Put `@UseFilters(new RethrowRpcErrorsFilter())` on
 * the handlers so that their errors reach this transport as thrown (a microservice connected to
 * an HTTP app takes no global filters).
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer: Consumer | null = null;
  private readonly patternByTopic: Map<string, string>;
  private closing = false;
  private crashed: string | null = null;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.patternByTopic = new Map(Object.entries(options.subscriptions).map(([pattern, topic]) => [topic, pattern]));
  }

  /** False once the consumer crashed for good (kafkajs gave up restarting it): readiness says so. */
  get healthy(): boolean {
    return this.consumer !== null && this.crashed === null;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.checkSubscriptions();
      this.consumer = this.options.kafka.consumer({
        groupId: this.options.groupId,
        sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
        heartbeatInterval: Math.min(3_000, Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 3)),
        retry: { retries: 10 },
        // Short fetch long-polls: an idle consumer closes in about a second, not five.
        maxWaitTimeInMs: 1_000,
      });
      this.consumer.on(this.consumer.events.CRASH, (event) => {
        if (!event.payload.restart) this.crashed = String(event.payload.error?.message ?? 'crashed');
        this.options.logger.error({ err: event.payload.error?.message, restart: event.payload.restart }, 'consumer crashed');
      });
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [...this.patternByTopic.keys()], fromBeginning: true });
      await this.consumer.run({ autoCommit: true, eachMessage: (payload) => this.handle(payload) });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  /** Every subscription has its handler, and no two share a topic: a typo must not drop messages. */
  private checkSubscriptions(): void {
    const patterns = Object.keys(this.options.subscriptions);
    const missing = patterns.filter((p) => this.getHandlerByPattern(p) === null);
    if (missing.length > 0) throw new Error(`no @EventPattern handler for subscription(s) ${missing.join(', ')}`);
    if (this.patternByTopic.size !== patterns.length) throw new Error('two subscriptions name the same topic');
  }

  on(): never {
    throw new Error('KafkaEventServer does not expose events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handle(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message, heartbeat } = payload;
    const pattern = this.patternByTopic.get(topic);
    const handler = pattern === undefined ? null : this.getHandlerByPattern(pattern);
    if (handler === null) return;
    const incoming = toIncomingMessage(topic, partition, message);
    const context = new KafkaContext([message, partition, topic, this.consumer as Consumer, heartbeat, undefined as never]);
    const retries = this.options.retries ?? 20;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await handler(incoming, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        return;
      } catch (error) {
        const permanent = permanentFailure(error);
        if (permanent !== null) return this.deadLetter(payload, permanent);
        const where = { topic, partition, offset: message.offset, attempt };
        if (attempt >= retries || this.closing) {
          this.options.logger.error({ ...where, err: describe(error) }, 'giving up in place; the consumer restarts from the last commit');
          throw error;
        }
        this.options.logger.warn({ ...where, err: describe(error) }, 'transient failure, retrying');
        await this.pause(Math.min(5_000, 100 * 2 ** attempt));
        await heartbeat();
      }
    }
  }

  /** A backoff that a close cuts short: the message is not committed and will be redelivered. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && !this.closing) await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
  }

  private async deadLetter(payload: EachMessagePayload, failure: { code: string; message: string }): Promise<void> {
    const { topic, partition, message } = payload;
    this.options.logger.warn({ topic, partition, offset: message.offset, reason: failure.code }, `dead-lettered: ${failure.message}`);
    await publishDeadLetter(this.options.publisher, {
      service: this.options.service,
      topic,
      partition,
      message,
      reason: failure.code,
      detail: failure.message,
      now: this.options.now?.() ?? new Date(),
    });
  }
}

function describe(error: unknown): { message: string; code?: unknown } {
  const e = error as { message?: unknown; code?: unknown };
  return { message: String(e?.message ?? error), code: e?.code };
}
