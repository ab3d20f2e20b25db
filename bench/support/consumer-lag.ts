import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { BenchServices } from './bench-services';
import { until } from './stats';

export interface GroupOnTopic {
  readonly groupId: string;
  readonly topic: string;
}

/**
 * Messages of a topic that a consumer group has not committed yet. The services commit only
 * after the effects (published downstream, or state and timers written), so a lag of 0 on both
 * hops means every accepted event has been applied by the timer.
 */
export class ConsumerLag {
  private readonly admin: Admin;
  private connected = false;

  constructor(brokers: readonly string[]) {
    this.admin = new Kafka({ clientId: 'bench-lag', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  }

  async of(targets: readonly GroupOnTopic[]): Promise<{ lag: number; produced: number }> {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    let lag = 0;
    let produced = 0;
    for (const { groupId, topic } of targets) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
      const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]));
      for (const end of ends) {
        const high = Number(end.high);
        const low = Number(end.low);
        produced += high - low;
        lag += high - Math.max(low, done.get(end.partition) ?? 0);
      }
    }
    return { lag, produced };
  }

  /**
   * Waits until the timer has applied `accepted` events: priority has consumed and forwarded all
   * of them and the timer has committed all it was given. Resolves with the time it took.
   */
  async waitApplied(services: BenchServices, accepted: number, timeoutMs: number): Promise<number> {
    const started = Date.now();
    let last = { events: 0, eventsLag: 0, prioritized: 0, prioritizedLag: 0 };
    await until(
      async () => {
        const events = await this.of([{ groupId: services.groups.priority, topic: services.topics.events }]);
        const prioritized = await this.of([{ groupId: services.groups.timer, topic: services.topics.prioritized }]);
        last = { events: events.produced, eventsLag: events.lag, prioritized: prioritized.produced, prioritizedLag: prioritized.lag };
        return events.produced >= accepted && events.lag === 0 && prioritized.produced >= accepted && prioritized.lag === 0;
      },
      timeoutMs,
      `the timer applying ${accepted} events`,
      {
        everyMs: 250,
        progress: () =>
          `events ${last.events} (priority lag ${last.eventsLag}), prioritized ${last.prioritized} (timer lag ${last.prioritizedLag})`,
      },
    );
    return Date.now() - started;
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
    this.connected = false;
  }
}
