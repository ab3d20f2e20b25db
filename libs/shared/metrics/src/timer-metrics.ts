import { Counter, Gauge, Histogram } from 'prom-client';
import type { ServiceMetrics } from './service-metrics';

/** Lateness buckets (s): 1 ms to 60 s, the range between a precise firing and a catch-up after an outage. */
const LATENESS_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60];

/** The timer's counts, read when Prometheus scrapes, per partition this member owns. */
export interface TimerCounts {
  /** Open tickets the timer watches: with a threshold ahead or a paused clock (see the docs). */
  readonly openTickets: ReadonlyMap<number, number>;
  /** Tickets whose next threshold is scheduled (each has exactly one timer): the due index. */
  readonly pendingThresholds: ReadonlyMap<number, number>;
  /** Tickets whose resolution clock is paused: the paused index. */
  readonly pausedTickets: ReadonlyMap<number, number>;
}

/** Where an owned partition stands: fencing and catching up, its state rebuilt from the changelog, or serving. */
export type OwnedPartitionState = 'taking' | 'rebuilding' | 'ready';

/**
 * The partitions of the timer's input topic and those this member owns, read at scrape time from
 * memory (no Redis): an alert can then tell a partition no timer owns from one still rebuilding.
 */
export interface TimerPartitions {
  /** Partitions of the input topic (`tickets.prioritized`); 0 until the timer has read its metadata. */
  readonly total: number;
  /** Each partition this member owns, with its state. */
  readonly owned: ReadonlyMap<number, OwnedPartitionState>;
}

/** What the metrics read of an SLA event the timer published (any `SlaPublication` fits). */
export interface PublishedSlaEvent {
  readonly type: string;
  readonly tenantId?: string;
  readonly clock?: string;
  readonly level?: number | null;
  readonly late?: boolean;
  readonly firedAt?: string;
  readonly thresholdAt?: string;
}

/**
 * The timer's own metrics, beside the `ServiceMetrics` every service has: thresholds fired, how
 * late, and the gauges of open, paused tickets and pending thresholds, which are read from Redis at scrape
 * time by `counts` (cheap: a few `ZCARD`/`SCARD` per owned partition), so they are never stale.
 */
export class TimerMetrics {
  /**
   * `sla_fired_total{tenant, type, clock, level, late}`: thresholds fired; `level` is `breach` for
   * breaches. `tenant` is bounded by the policy's establishments (priority dead-letters the others).
   */
  readonly fired: Counter<'tenant' | 'type' | 'clock' | 'level' | 'late'>;
  /** `sla_firing_lateness_seconds{type, late}`: `firedAt − thresholdAt` of each fired threshold. */
  readonly lateness: Histogram<'type' | 'late'>;

  constructor(metrics: ServiceMetrics, counts: () => Promise<TimerCounts>, partitions: () => TimerPartitions) {
    const registers = [metrics.registry];
    this.fired = new Counter({
      name: 'sla_fired_total',
      help: 'SLA thresholds fired, by tenant, event type, clock, escalation level (breach for a breach) and whether the engine learnt of it late',
      labelNames: ['tenant', 'type', 'clock', 'level', 'late'],
      registers,
    });
    this.lateness = new Histogram({
      name: 'sla_firing_lateness_seconds',
      help: 'firedAt - thresholdAt of each fired threshold (s); late="true" when the event that made it due arrived after its instant',
      labelNames: ['type', 'late'],
      buckets: LATENESS_BUCKETS,
      registers,
    });
    let reading: Promise<TimerCounts | null> | null = null;
    // Both gauges come from one read per scrape; a failed read leaves them empty, not stale.
    const read = () => (reading ??= counts().catch(() => null).finally(() => setImmediate(() => (reading = null))));
    new Gauge({
      name: 'sla_timer_open_tickets',
      help: 'Open tickets of each partition this timer owns',
      labelNames: ['partition'],
      registers,
      async collect() {
        fill(this, (await read())?.openTickets);
      },
    });
    new Gauge({
      name: 'sla_timer_paused_tickets',
      help: 'Tickets whose resolution clock is paused, per partition this timer owns',
      labelNames: ['partition'],
      registers,
      async collect() {
        fill(this, (await read())?.pausedTickets);
      },
    });
    new Gauge({
      name: 'sla_timer_pending_thresholds',
      help: 'Tickets with a scheduled next threshold (one timer each), per partition this timer owns',
      labelNames: ['partition'],
      registers,
      async collect() {
        fill(this, (await read())?.pendingThresholds);
      },
    });
    new Gauge({
      name: 'sla_timer_input_partitions',
      help: 'Partitions of the input topic, which the timers of the group share (0 until known)',
      registers,
      collect() {
        this.set(partitions().total);
      },
    });
    new Gauge({
      name: 'sla_timer_owned_partitions',
      help: 'Partitions this timer owns, 1 each, by state: taking (fencing, catching up), rebuilding (from the changelog) or ready',
      labelNames: ['partition', 'state'],
      registers,
      collect() {
        this.reset();
        for (const [partition, state] of partitions().owned) this.set({ partition: String(partition), state }, 1);
      },
    });
  }

  /** Counts what the outbox published; only fired thresholds (escalations and breaches) count. */
  published(events: readonly PublishedSlaEvent[]): void {
    // One `inc` per label set of the batch, not per event: a catch-up publishes thousands at once,
    // and prom-client hashes the labels at each call.
    const counts = new Map<string, { labels: Record<'tenant' | 'type' | 'clock' | 'level' | 'late', string>; n: number }>();
    for (const e of events) {
      if (e.type !== 'sla.escalated' && e.type !== 'sla.breached') continue;
      const late = String(e.late === true);
      const labels = { tenant: e.tenantId ?? 'unknown', type: e.type, clock: e.clock ?? 'unknown', level: e.level == null ? 'breach' : String(e.level), late };
      const key = `${labels.tenant}\u0000${labels.type}\u0000${labels.clock}\u0000${labels.level}\u0000${late}`;
      const count = counts.get(key);
      if (count === undefined) counts.set(key, { labels, n: 1 });
      else count.n++;
      const lateMs = Date.parse(e.firedAt ?? '') - Date.parse(e.thresholdAt ?? '');
      if (Number.isFinite(lateMs)) this.lateness.observe({ type: e.type, late }, Math.max(0, lateMs) / 1000);
    }
    for (const { labels, n } of counts.values()) this.fired.inc(labels, n);
  }
}

function fill(gauge: Gauge<'partition'>, values: ReadonlyMap<number, number> | undefined): void {
  gauge.reset();
  for (const [partition, value] of values ?? []) gauge.set({ partition: String(partition) }, value);
}
