/**
 * Which partitions are failing to move, and since when: a batch retried in place for longer than
 * `stuckAfterMs` makes its partition stuck, which readiness reports. Reset when a batch commits,
 * and forgotten when the partition is assigned elsewhere.
 */
export class PartitionProgress {
  private readonly failingSince = new Map<string, number>();

  constructor(private readonly stuckAfterMs: number) {}

  /** Records a failed attempt; returns how long the partition has been failing (ms). */
  failed(topic: string, partition: number, now: number): number {
    const key = `${topic}/${partition}`;
    const since = this.failingSince.get(key) ?? now;
    this.failingSince.set(key, since);
    return now - since;
  }

  moved(topic: string, partition: number): void {
    this.failingSince.delete(`${topic}/${partition}`);
  }

  /** Keeps only the partitions still assigned to this member. */
  retain(assignment: Readonly<Record<string, readonly number[]>>): void {
    for (const key of [...this.failingSince.keys()]) {
      const [topic, partition] = splitKey(key);
      if (!(assignment[topic] ?? []).includes(partition)) this.failingSince.delete(key);
    }
  }

  stuck(now: number): string[] {
    return [...this.failingSince].filter(([, since]) => now - since >= this.stuckAfterMs).map(([key]) => key);
  }
}

function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf('/');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
