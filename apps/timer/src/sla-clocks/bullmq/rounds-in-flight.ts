/**
 * The rounds of one wake-up still publishing and committing while it goes on to its partition's
 * next instant. A round's publish (acks=all) and commit took 27-107 ms at p99 under a noisy
 * neighbour; waiting for them put the next instant behind, fired that much late (docs/benchmarks.md,
 * "Twelfth session"). At most `max` run at once; the first failure is kept and thrown, so the
 * wake-up fails and its job runs again, as a round failing in line did.
 */
export class RoundsInFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | null = null;

  constructor(private readonly max: number) {}

  /** Counts `round` in; its failure is kept for {@link check}, never left unhandled. */
  add(round: Promise<unknown>): void {
    const tracked: Promise<void> = round.then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    this.running.add(tracked);
    void tracked.then(() => this.running.delete(tracked));
  }

  /** Resolves once fewer than `max` rounds run; throws the first failure. */
  async room(): Promise<void> {
    while (this.running.size >= this.max) await Promise.race(this.running);
    this.check();
  }

  /** Throws the first failure of a round, if one failed. */
  check(): void {
    if (this.failure !== null) throw this.failure.error;
  }

  /** Resolves once every round has ended, failed or not. */
  async ended(): Promise<void> {
    await Promise.all(this.running);
  }
}
