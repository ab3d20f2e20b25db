/** What became of earlier sends of some events, as far as this instance knows. */
export interface EarlierSends {
  /** Events an earlier send wrote after its request had been answered 503: already on the topic. */
  readonly landed: ReadonlySet<string>;
  /** An earlier send of some of the events is still running past the wait: sending again could write them twice. */
  readonly stillRunning: boolean;
}

export interface LateSendsOptions {
  /** How many landed events to remember, oldest forgotten first. Default 100 000 (~10 MB). */
  readonly maxRemembered?: number;
  /** How long to remember a landed event (ms): longer than clients keep retrying. Default 15 min. */
  readonly rememberMs?: number;
}

/**
 * Sends that outlived their request (intake answered 503 at the deadline; kafkajs cannot cancel
 * a send, so it may still land). A client resends the same events: waiting for the earlier send
 * instead of sending them again keeps them from being written twice. Events are known by a digest
 * of their content, so only the very same event counts (never another tenant's with the same id).
 * In memory, per instance: a retry that reaches another instance is not covered.
 */
export class LateSends {
  private readonly running = new Map<string, Promise<boolean>>();
  private readonly landed = new Map<string, number>();
  private readonly maxRemembered: number;
  private readonly rememberMs: number;

  constructor(
    private readonly now: () => number,
    options: LateSendsOptions = {},
  ) {
    this.maxRemembered = options.maxRemembered ?? 100_000;
    this.rememberMs = options.rememberMs ?? 15 * 60_000;
  }

  /** Follows a send that outlived its request until it settles. */
  track(keys: readonly string[], send: Promise<unknown>): void {
    const outcome = send.then(
      () => true,
      () => false,
    );
    for (const key of keys) this.running.set(key, outcome);
    void outcome.then((wrote) => {
      for (const key of keys) {
        if (this.running.get(key) === outcome) this.running.delete(key);
        if (wrote) this.remember(key);
      }
    });
  }

  /** Waits up to `timeoutMs` for the earlier sends of these events, and says which landed. */
  async earlier(keys: readonly string[], timeoutMs: number): Promise<EarlierSends> {
    const running = [...new Set(keys.map((k) => this.running.get(k)).filter((p) => p !== undefined))];
    if (running.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all(running), waited]).finally(() => clearTimeout(timer));
    }
    const now = this.now();
    const landed = new Set(keys.filter((k) => (this.landed.get(k) ?? 0) > now));
    return { landed, stillRunning: keys.some((k) => this.running.has(k)) };
  }

  private remember(key: string): void {
    this.landed.delete(key);
    this.landed.set(key, this.now() + this.rememberMs);
    while (this.landed.size > this.maxRemembered) this.landed.delete(this.landed.keys().next().value as string);
  }
}
