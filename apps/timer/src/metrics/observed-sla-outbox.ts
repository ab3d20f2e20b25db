import type { TimerMetrics } from '@stageplus/metrics';
import type { ChangelogEntry, SlaOutbox, SlaPublication } from '../sla-clocks/keeper/ports';

/**
 * An outbox that counts what it published once the broker acknowledged it: thresholds fired by
 * type, clock, level and late, and their lateness. Wraps the Kafka outbox in the composition
 * root, so that the outbox and the keeper stay free of metrics.
 */
export class ObservedSlaOutbox implements SlaOutbox {
  constructor(
    private readonly inner: SlaOutbox,
    private readonly metrics: TimerMetrics,
  ) {}

  async publish(partition: number, notifications: readonly SlaPublication[], changelog: readonly ChangelogEntry[]): Promise<void> {
    await this.inner.publish(partition, notifications, changelog);
    this.metrics.published(notifications);
  }
}
