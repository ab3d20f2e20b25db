import { randomUUID } from 'node:crypto';
import type { DeliveryLedger } from './delivery-ledger';
import { retryDelayMs, type BackoffOptions } from './retry-policy';
import type { AttemptOutcome } from './retry-policy';

/** One event ready to go: what identifies it, where it stands in its alert, and the body to POST. */
export interface AlertDelivery {
  readonly alertKey: string;
  readonly eventId: string;
  readonly order: string;
  /**
   * The body, built once the alert is claimed and again for each attempt: Alertmanager's API
   * posts the alert's change from what was delivered before, which must be read under the claim.
   */
  body(): unknown;
  /** After the receiver's 2xx, before the ledger notes it; a crash between them sends the event again, so it must be idempotent. */
  afterDelivery?(): Promise<void>;
}

/** Posts one body to a destination, once, and says what came of it; never throws. */
export interface AlertPoster {
  /** `deliveryKey` is the same for every attempt at one event: a poster to several receivers remembers which took it. */
  post(body: unknown, deliveryKey: string): Promise<AttemptOutcome>;
}

/** What the batch it belongs to lets the forwarder do while it waits. */
export interface BatchContext {
  /** True once the partition was taken away or the consumer stops: give up without committing. */
  isStale(): boolean;
  heartbeat(): Promise<void>;
}

export type ForwardResult =
  | { readonly kind: 'delivered'; readonly attempts: number }
  | { readonly kind: 'skipped'; readonly why: 'duplicate' | 'superseded' }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Told of each delivery's progress: logs today, and the place where metrics plug in (`/metrics`). */
export interface DeliveryObserver {
  delivered?(delivery: AlertDelivery, attempts: number, elapsedMs: number): void;
  skipped?(delivery: AlertDelivery, why: string): void;
  retrying?(delivery: AlertDelivery, attempt: number, reason: string, delayMs: number): void;
  rejected?(delivery: AlertDelivery, reason: string): void;
}

/** Thrown when the batch went stale mid-delivery: the batch must not be committed. */
export class StaleBatchError extends Error {
  readonly code = 'BRIDGE.STALE_BATCH';
  constructor() {
    super('the partition was given away or the consumer is stopping: left uncommitted, redelivered to its next owner');
  }
}

export interface ForwarderOptions extends BackoffOptions {
  readonly random?: () => number;
  readonly now?: () => number;
}

/** How long a waiting delivery sleeps between two looks at its batch (ms): heartbeats stay well inside a session. */
const SLICE_MS = 1_000;

/**
 * Delivers one event to the webhook, at least once, and says it once to the ledger: claims the
 * alert (skipping an event already delivered or overtaken), POSTs, and on a network error, a 5xx
 * or a 429 waits (exponential backoff with jitter, `Retry-After` as a floor) and tries again for
 * as long as it takes: the partition waits with it (backpressure), so nothing behind it is
 * committed or overtakes it. Another 4xx is final: the caller dead-letters the event.
 */
export class AlertForwarder {
  private failingSince: number | null = null;
  private lastFailure: string | null = null;

  constructor(
    private readonly client: AlertPoster,
    private readonly ledger: DeliveryLedger,
    private readonly options: ForwarderOptions,
    private readonly observer: DeliveryObserver = {},
  ) {}

  /** Since when deliveries keep failing, and the last reason; null while the webhook answers. */
  failing(): { since: number; reason: string } | null {
    return this.failingSince === null ? null : { since: this.failingSince, reason: this.lastFailure ?? '' };
  }

  async forward(delivery: AlertDelivery, batch: BatchContext): Promise<ForwardResult> {
    const started = this.now();
    const token = randomUUID();
    for (let attempt = 0; ; ) {
      if (batch.isStale()) throw new StaleBatchError();
      const claim = await this.ledger.claim(delivery.alertKey, delivery.eventId, delivery.order, token, this.now());
      if (claim === 'duplicate' || claim === 'superseded') {
        this.observer.skipped?.(delivery, claim);
        return { kind: 'skipped', why: claim };
      }
      if (claim === 'busy') {
        await this.wait(50 + Math.floor(this.random() * 200), batch); // the other holder's attempt ends soon
        continue;
      }
      attempt++;
      const outcome = await this.attempt(delivery, token);
      if (outcome.kind === 'delivered') {
        await delivery.afterDelivery?.();
        await this.ledger.delivered(delivery.alertKey, delivery.eventId, delivery.order, token);
        this.failingSince = null;
        this.observer.delivered?.(delivery, attempt, this.now() - started);
        return { kind: 'delivered', attempts: attempt };
      }
      await this.ledger.release(delivery.alertKey, token);
      if (outcome.kind === 'rejected') {
        this.observer.rejected?.(delivery, outcome.reason);
        return { kind: 'rejected', reason: outcome.reason };
      }
      this.failingSince ??= this.now();
      this.lastFailure = outcome.reason;
      const delay = retryDelayMs(attempt - 1, outcome, this.options, this.random());
      this.observer.retrying?.(delivery, attempt, outcome.reason, delay);
      await this.wait(delay, batch);
    }
  }

  private async attempt(delivery: AlertDelivery, token: string): Promise<AttemptOutcome> {
    try {
      return await this.client.post(await delivery.body(), delivery.eventId);
    } catch (error) {
      await this.ledger.release(delivery.alertKey, token).catch(() => undefined);
      throw error; // Redis failed while building the body: the batch is retried
    }
  }

  private async wait(ms: number, batch: BatchContext): Promise<void> {
    const until = this.now() + ms;
    for (let left = ms; left > 0; left = until - this.now()) {
      if (batch.isStale()) throw new StaleBatchError();
      await new Promise((resolve) => setTimeout(resolve, Math.min(SLICE_MS, left)));
      await batch.heartbeat().catch(() => undefined);
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private random(): number {
    return this.options.random?.() ?? Math.random();
  }
}
