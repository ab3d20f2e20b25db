/**
 * Firings before events: while a wake-up is in flight, the parts of event batches wait before
 * deciding, so that the few round trips a wake-up waits on are not answered behind a flood's
 * decisions and writes (a tenant's burst of updates to long-lived tickets kept the event loop busy
 * for hundreds of milliseconds; docs/benchmarks.md, "Tenth session"). Bounded: a part waits at
 * most `maxWaitMs` at a time, so a steady stream of wake-ups slows events down, never stops them.
 */
export class FiringsFirst {
  private inFlight = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly maxWaitMs = 25) {}

  /** Runs a firing's work, holding events back meanwhile. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      if (--this.inFlight === 0) this.release();
    }
  }

  /** Resolves once no firing is in flight, or after `maxWaitMs`; undefined when none is. */
  clear(): Promise<void> | undefined {
    if (this.inFlight === 0) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done); // a wait that timed out is not kept until the firings end
        resolve();
      };
      const timer = setTimeout(done, this.maxWaitMs);
      this.waiters.add(done);
    });
  }

  private release(): void {
    for (const done of [...this.waiters]) done();
  }
}
