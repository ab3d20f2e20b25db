/**
 * Runs work that touches a set of keys after every earlier work on any of those keys: within one
 * process, the Kafka batch and the timer jobs of a ticket never interleave. Across processes the
 * partition's fence does that job.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly watches = new Set<Set<string>>();
  /** Per key, the firings running or waiting on it. */
  private readonly firings = new Map<string, number>();

  /**
   * Starts noting the keys whose work starts from now on, until `end`: what a read made outside
   * the serializer must no longer trust (that work may have written them since the read).
   */
  watch(): { readonly started: ReadonlySet<string>; end(): void } {
    const started = new Set<string>();
    this.watches.add(started);
    return { started, end: () => this.watches.delete(started) };
  }

  /** Whether work on `key` is running or waiting. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Whether a firing (`run` with `firing`) on `key` is running or waiting. */
  firing(key: string): boolean {
    return this.firings.has(key);
  }

  /** Runs `work` once every earlier work on its keys has ended; `firing` marks it as such for {@link firing}. */
  run<T>(keys: readonly string[], work: () => Promise<T>, firing = false): Promise<T> {
    for (const started of this.watches) for (const key of keys) started.add(key);
    const before = keys.map((k) => this.tails.get(k)).filter((p): p is Promise<unknown> => p !== undefined);
    const result = (before.length === 0 ? work() : Promise.allSettled(before).then(work));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) this.tails.set(key, tail);
    if (firing) for (const key of keys) this.firings.set(key, (this.firings.get(key) ?? 0) + 1);
    void tail.then(() => {
      for (const key of keys) if (this.tails.get(key) === tail) this.tails.delete(key);
      if (firing) for (const key of keys) this.unmark(key);
    });
    return result;
  }

  private unmark(key: string): void {
    const left = (this.firings.get(key) ?? 1) - 1;
    if (left === 0) this.firings.delete(key);
    else this.firings.set(key, left);
  }
}
