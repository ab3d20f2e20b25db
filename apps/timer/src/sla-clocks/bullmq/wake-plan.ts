/**
 * Which wake-up jobs a partition needs, decided in one place. A partition's timers are its due
 * index; a wake-up job at instant `s`, once it starts, fires what the index holds due by `s` and
 * asks for a wake-up at the index's next instant. So a ticket committed at `at` is safe when a
 * wake-up no later than `at` has not started yet (it will read the index after the commit), or
 * when one is added for `at`.
 *
 * Only the member that owns a partition writes its index and runs its wake-ups, so this plan can
 * live in that member's memory: it is reset whenever the partition's worker (re)starts, which
 * derives its first wake-up from the index itself. Wake-ups left by an earlier owner still run and
 * find nothing due, or fire what is (firing is idempotent).
 */
export class WakePlan {
  /** Per partition, the instants of the wake-ups added and not started yet. */
  private readonly pending = new Map<number, Set<number>>();

  /**
   * A timer was committed at `at`: the instant of the wake-up job to add for it, recorded as
   * pending, or null when a pending wake-up comes no later (nothing to add).
   */
  need(partition: number, at: number): number | null {
    const pending = this.of(partition);
    for (const instant of pending) if (instant <= at) return null;
    pending.add(at);
    return at;
  }

  /** The wake-up at `at` starts: no longer pending. Call it before the wake-up reads the index. */
  begin(partition: number, at: number): void {
    this.pending.get(partition)?.delete(at);
  }

  /** The wake-up at `at` could not be added. */
  failed(partition: number, at: number): void {
    this.pending.get(partition)?.delete(at);
  }

  /** The partition's worker (re)starts or stops: what was pending is no longer known. */
  reset(partition: number): void {
    this.pending.delete(partition);
  }

  /** The earliest pending wake-up of the partition (null: none). */
  earliest(partition: number): number | null {
    const pending = this.pending.get(partition);
    return pending === undefined || pending.size === 0 ? null : Math.min(...pending);
  }

  private of(partition: number): Set<number> {
    let pending = this.pending.get(partition);
    if (pending === undefined) {
      pending = new Set();
      this.pending.set(partition, pending);
    }
    return pending;
  }
}
