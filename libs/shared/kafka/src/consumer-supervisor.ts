import type { ReachabilitySource } from './broker-watch';

/** What the supervisor reads of the consumer it watches. */
export interface SupervisedConsumer {
  /** Why kafkajs stopped the consumer for good (it will not restart it), or null. */
  readonly fatalCrash: string | null;
  /** How long the consumer has been out of its group (ms), or null while it is a member. */
  outOfGroupForMs(now: number): number | null;
}

export interface ConsumerSupervisorOptions {
  /**
   * A consumer out of its group for longer than this (ms) is replaced. Longer than a rejoin can
   * take after an outage (kafkajs's backoff, then the group's session timeout): default 90 000.
   */
  readonly reviveAfterMs?: number;
  /** Longest pause between two replacements while the consumer does not come back (ms). Default 300 000. */
  readonly maxPauseMs?: number;
  /**
   * The service's broker watch: nothing is replaced while no broker answers (kafkajs keeps
   * restarting its consumer through an outage by itself), and a consumer out of its group is
   * given `rejoinMs` after the broker came back before it is replaced. Without it, time alone decides.
   */
  readonly broker?: ReachabilitySource;
  /** How long a consumer may take to rejoin once a broker answers again (ms): kafkajs's backoff, then the session timeout. Default 60 000. */
  readonly rejoinMs?: number;
}

/**
 * Replaces a consumer that will not come back by itself. kafkajs restarts its consumer after a
 * retriable crash, but not after any other (kafkajs#1441: a TypeError during a rebalance), and a
 * consumer can stay out of its group with nothing logged (kafkajs#659; our broker-outage suite
 * once saw the timer's consumer not rejoin 150 s after the broker returned). Readiness reports
 * both; this cures them without a restart of the process, once a broker answers: a fatal crash
 * at once, a consumer out of its group past `reviveAfterMs` (and `rejoinMs` after the broker
 * came back), then again after pauses that double while it stays out.
 */
export class ConsumerSupervisor {
  private readonly reviveAfterMs: number;
  private readonly maxPauseMs: number;
  private readonly rejoinMs: number;
  private pauseMs: number;
  private notBefore = 0;
  private busy = false;

  constructor(
    private readonly consumer: SupervisedConsumer,
    private readonly replace: (reason: string) => Promise<void>,
    private readonly options: ConsumerSupervisorOptions = {},
  ) {
    this.reviveAfterMs = options.reviveAfterMs ?? 90_000;
    this.maxPauseMs = options.maxPauseMs ?? 300_000;
    this.rejoinMs = options.rejoinMs ?? 60_000;
    this.pauseMs = this.reviveAfterMs;
  }

  /** Why the consumer needs replacing now, or null. */
  reason(now: number): string | null {
    if (this.consumer.fatalCrash !== null) return `kafkajs stopped it for good: ${this.consumer.fatalCrash}`;
    const out = this.consumer.outOfGroupForMs(now);
    return out !== null && out >= this.reviveAfterMs ? `out of its consumer group for ${Math.round(out / 1_000)} s` : null;
  }

  /** One look (every few seconds): replaces the consumer when it must. True when it did. */
  async check(now: number): Promise<boolean> {
    if (this.busy) return false;
    const reason = this.reason(now);
    if (reason === null) {
      this.pauseMs = this.reviveAfterMs;
      this.notBefore = 0;
      return false;
    }
    if (now < this.notBefore || !this.brokerAllows(now)) return false;
    this.busy = true;
    try {
      await this.replace(reason);
    } finally {
      this.busy = false;
      // The new consumer needs time to join (up to the session timeout) before it is judged again.
      this.notBefore = now + this.pauseMs;
      this.pauseMs = Math.min(this.maxPauseMs, this.pauseMs * 2);
    }
    return true;
  }

  /** A broker answers, and has for `rejoinMs` unless kafkajs gave the consumer up (then at once). */
  private brokerAllows(now: number): boolean {
    const reachability = this.options.broker?.reachability;
    if (reachability === undefined) return true;
    if (!reachability.reachable) return false;
    return this.consumer.fatalCrash !== null || now - reachability.since >= this.rejoinMs;
  }
}
