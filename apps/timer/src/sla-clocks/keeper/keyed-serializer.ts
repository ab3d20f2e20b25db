/**
 * Runs work that touches a set of keys after every earlier work on any of those keys: within one
 * process, the Kafka batch and the timer jobs of a ticket never interleave. Across processes the
 * partition's fence does that job.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Whether work on `key` is running or waiting. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = keys.map((k) => this.tails.get(k)).filter((p): p is Promise<unknown> => p !== undefined);
    const result = (before.length === 0 ? work() : Promise.allSettled(before).then(work));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of keys) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
