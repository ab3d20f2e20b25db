import type { AdapterLogger } from '@stageplus/kafka';

/** What a connection keeps connected: the `EventPublisher`, the policy follower (`policyFollowing`). */
export interface Connectable {
  readonly isConnected: boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface RetryingConnectionOptions {
  /** Pause after the first failed attempt (ms), doubled after each one up to `maxDelayMs`. Default 1 000. */
  readonly initialDelayMs?: number;
  /** Longest pause between attempts (ms). Default 30 000. */
  readonly maxDelayMs?: number;
  /**
   * How long startup waits for the first attempt (ms), default 2 000: long enough that a service
   * next to a live broker starts ready, short enough that a dead broker does not hold startup.
   */
  readonly startupWaitMs?: number;
}

/**
 * Connects at startup and, while the broker is unreachable, keeps trying in the background with
 * bounded exponential backoff: intake starts anyway, and readiness reports `isConnected`. kafkajs
 * retries inside each attempt too (up to ~50 s with `createKafka`'s settings); this loop is what
 * outlasts a broker that stays down longer.
 *
 * A kafkajs `connect()` cannot be cancelled: one still running at shutdown is let finish and
 * disconnected if it succeeds.
 */
export class RetryingConnection {
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();

  /** `label` names the target in the log lines: `<label> connected`, `<label> could not connect; retrying`. */
  constructor(
    private readonly target: Connectable,
    private readonly label: string,
    private readonly logger: AdapterLogger,
    private readonly options: RetryingConnectionOptions = {},
  ) {}

  get isConnected(): boolean {
    return this.target.isConnected;
  }

  /** Starts connecting; resolves after the first attempt, or after the startup wait if that is sooner. */
  async start(): Promise<void> {
    let settled!: () => void;
    const firstAttempt = new Promise<void>((resolve) => (settled = resolve));
    this.loop = this.keepConnecting(settled).catch((error: Error) => {
      this.logger.error({ err: { message: error.message } }, `${this.label}: connection loop failed`);
    });
    let timer: NodeJS.Timeout | undefined;
    const startupWait = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.startupWaitMs ?? 2_000)));
    await Promise.race([firstAttempt, startupWait]);
    clearTimeout(timer);
  }

  /** Stops retrying and disconnects; an attempt in flight is let finish ({@link settled}). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    if (!this.target.isConnected) return;
    await this.target.disconnect();
    this.logger.info({}, `${this.label} disconnected`);
  }

  /**
   * Resolves once the background loop has ended after shutdown. Shutdown does not wait for it: an
   * attempt in flight runs to the end of kafkajs's own retries (seconds, up to ~50 s); tests that
   * must leave no timer behind wait here.
   */
  settled(): Promise<void> {
    return this.loop;
  }

  private async keepConnecting(firstAttemptSettled: () => void): Promise<void> {
    let delayMs = this.options.initialDelayMs ?? 1_000;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.target.connect();
        firstAttemptSettled();
        if (this.stopped) await this.target.disconnect();
        else this.logger.info({ attempt }, `${this.label} connected`);
        return;
      } catch (error) {
        firstAttemptSettled();
        if (this.stopped) return;
        this.logger.warn({ attempt, retryInMs: delayMs, err: { message: (error as Error).message } }, `${this.label} could not connect; retrying`);
      }
      await this.pause(delayMs);
      delayMs = Math.min(delayMs * 2, this.options.maxDelayMs ?? 30_000);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
