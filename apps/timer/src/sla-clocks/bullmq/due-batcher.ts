/**
 * Gathers the timers that go off together into one batch per flush: while a flush runs, the
 * next ones wait and go in the following one. A lone timer goes at once (no added latency); a
 * catch-up after an outage, thousands due at the same time, goes in large batches.
 */
export class DueBatcher<T, R> {
  private waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly maxBatch = 2_000,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.slice(0, this.maxBatch);
        this.waiting = this.waiting.slice(batch.length);
        try {
          const results = await this.flush(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve(results[i]));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
