import type { IncomingMessage } from '@stageplus/kafka';
import { ServiceMetrics } from './service-metrics';
import { TimerMetrics, type OwnedPartitionState } from './timer-metrics';

const message = (offset: string, type: string): IncomingMessage => ({
  topic: 't',
  partition: 0,
  offset,
  key: 'k',
  value: '{}',
  headers: { 'event-type': type },
  timestamp: '0',
});

const value = async (metrics: ServiceMetrics, name: string, labels: Record<string, string>): Promise<number | undefined> => {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
};

describe('service metrics', () => {
  it('counts a committed batch: applied and dead-lettered by type, dead letters by reason, and the lag left', async () => {
    const metrics = new ServiceMetrics('priority');
    const observer = metrics.consumerObserver();
    observer.fetched?.({ topic: 'tickets.events', partition: 2, lag: 10 }, []);
    expect(await value(metrics, 'sla_consumer_lag', { topic: 'tickets.events', partition: '2' })).toBe(10);
    observer.committed?.({ topic: 'tickets.events', partition: 2, lag: 7 }, [message('1', 'ticket.opened'), message('2', 'ticket.opened'), message('3', 'ticket.closed')], [
      { offset: '2', code: 'POLICY.UNKNOWN_TENANT', detail: 'x' },
    ]);
    expect(await value(metrics, 'sla_events_in_total', { source: 'tickets.events', type: 'ticket.opened', outcome: 'applied' })).toBe(1);
    expect(await value(metrics, 'sla_events_in_total', { source: 'tickets.events', type: 'ticket.opened', outcome: 'dead-lettered' })).toBe(1);
    expect(await value(metrics, 'sla_events_in_total', { source: 'tickets.events', type: 'ticket.closed', outcome: 'applied' })).toBe(1);
    expect(await value(metrics, 'sla_dead_letters_total', { topic: 'tickets.events', reason: 'POLICY.UNKNOWN_TENANT' })).toBe(1);
    expect(await value(metrics, 'sla_consumer_lag', { topic: 'tickets.events', partition: '2' })).toBe(7);
  });

  it('counts the events of an HTTP request by type, under its outcome', async () => {
    const metrics = new ServiceMetrics('intake');
    metrics.countHttpEvents(['ticket.opened', 'ticket.updated', 'ticket.opened', 'ticket.opened'], 'accepted');
    metrics.countHttpEvents(['ticket.opened'], 'over-quota');
    expect(await value(metrics, 'sla_events_in_total', { source: 'http', type: 'ticket.opened', outcome: 'accepted' })).toBe(3);
    expect(await value(metrics, 'sla_events_in_total', { source: 'http', type: 'ticket.updated', outcome: 'accepted' })).toBe(1);
    expect(await value(metrics, 'sla_events_in_total', { source: 'http', type: 'ticket.opened', outcome: 'over-quota' })).toBe(1);
  });

  it('forgets the lag of a partition given away in a rebalance', async () => {
    const metrics = new ServiceMetrics('timer');
    const observer = metrics.consumerObserver();
    observer.fetched?.({ topic: 'p', partition: 0, lag: 3 }, []);
    observer.fetched?.({ topic: 'p', partition: 1, lag: 4 }, []);
    observer.assigned?.({ p: [1] });
    expect(await value(metrics, 'sla_consumer_lag', { partition: '0' })).toBeUndefined();
    expect(await value(metrics, 'sla_consumer_lag', { partition: '1' })).toBe(4);
  });

  it('counts acknowledged messages by topic and event-type header, failed sends by topic, and resent partitions', async () => {
    const metrics = new ServiceMetrics('timer');
    const observer = metrics.publisherObserver();
    observer.published?.([
      { topic: 'sla.breaches', messages: [{ key: 'k', value: {}, headers: { 'event-type': 'sla.breached' } }] },
      { topic: 'sla.timer.state', messages: [{ key: 'k', value: {} }, { key: 'j', value: null }] },
    ]);
    observer.failed?.(['sla.breaches'], new Error('down'));
    observer.resent?.(['tickets.events/3', 'tickets.events/3']);
    expect(await value(metrics, 'sla_events_out_total', { topic: 'sla.breaches', type: 'sla.breached' })).toBe(1);
    expect(await value(metrics, 'sla_events_out_total', { topic: 'sla.timer.state', type: 'none' })).toBe(2);
    expect(await value(metrics, 'sla_publish_failures_total', { topic: 'sla.breaches' })).toBe(1);
    expect(await value(metrics, 'sla_publish_resends_total', { topic: 'tickets.events', partition: '3' })).toBe(2);
  });
});

describe('timer metrics', () => {
  const noCounts = async () => ({ openTickets: new Map(), pendingThresholds: new Map(), pausedTickets: new Map() });
  const noPartitions = () => ({ total: 0, owned: new Map() });
  const fired = { tenantId: 'tenant-a', clock: 'response', thresholdAt: '2026-06-23T10:00:00.000Z', firedAt: '2026-06-23T10:00:00.012Z' };

  it('counts fired thresholds by tenant, type, clock, level and late, and observes their lateness; clears and outcomes are not fired', async () => {
    const metrics = new ServiceMetrics('timer');
    const timer = new TimerMetrics(metrics, noCounts, noPartitions);
    timer.published([
      { type: 'sla.escalated', level: 2, late: false, ...fired },
      { type: 'sla.breached', level: null, late: true, ...fired, firedAt: '2026-06-23T11:00:00.000Z' },
      { type: 'sla.cleared' },
      { type: 'sla.outcome' },
    ]);
    expect(await value(metrics, 'sla_fired_total', { tenant: 'tenant-a', type: 'sla.escalated', clock: 'response', level: '2', late: 'false' })).toBe(1);
    expect(await value(metrics, 'sla_fired_total', { type: 'sla.breached', level: 'breach', late: 'true' })).toBe(1);
    const text = await metrics.scrape();
    expect(text).toContain('sla_firing_lateness_seconds_bucket{le="0.02",service="timer",type="sla.escalated",late="false"} 1');
    expect(text).toContain('sla_firing_lateness_seconds_bucket{le="0.01",service="timer",type="sla.escalated",late="false"} 0');
    expect(text).toContain('sla_firing_lateness_seconds_sum{service="timer",type="sla.breached",late="true"} 3600');
  });

  it('counts a batch of firings with the same labels as many, and different labels apart', async () => {
    const metrics = new ServiceMetrics('timer');
    const timer = new TimerMetrics(metrics, noCounts, noPartitions);
    const escalated = { type: 'sla.escalated', level: 1, late: false, ...fired };
    timer.published([escalated, escalated, { ...escalated, tenantId: 'tenant-b' }, escalated]);
    timer.published([escalated]);
    expect(await value(metrics, 'sla_fired_total', { tenant: 'tenant-a', type: 'sla.escalated', level: '1' })).toBe(4);
    expect(await value(metrics, 'sla_fired_total', { tenant: 'tenant-b', type: 'sla.escalated', level: '1' })).toBe(1);
    expect(await metrics.scrape()).toContain('sla_firing_lateness_seconds_count{service="timer",type="sla.escalated",late="false"} 5');
  });

  it('reads open tickets and pending thresholds once per scrape, per partition; a failed read leaves them empty', async () => {
    const metrics = new ServiceMetrics('timer');
    let reads = 0;
    let fail = false;
    new TimerMetrics(metrics, async () => {
      reads += 1;
      if (fail) throw new Error('Redis away');
      return { openTickets: new Map([[0, 5], [2, 1]]), pendingThresholds: new Map([[0, 4]]), pausedTickets: new Map([[0, 1]]) };
    }, noPartitions);
    const text = await metrics.scrape();
    expect(reads).toBe(1);
    expect(text).toContain('sla_timer_open_tickets{partition="0",service="timer"} 5');
    expect(text).toContain('sla_timer_open_tickets{partition="2",service="timer"} 1');
    expect(text).toContain('sla_timer_pending_thresholds{partition="0",service="timer"} 4');
    expect(text).toContain('sla_timer_paused_tickets{partition="0",service="timer"} 1');
    fail = true;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await metrics.scrape()).not.toContain('sla_timer_open_tickets{');
  });

  it("shows the input topic's partitions and each owned partition by its state at scrape time, so a partition no timer owns shows", async () => {
    const metrics = new ServiceMetrics('timer');
    let owned = new Map<number, OwnedPartitionState>([[0, 'ready'], [2, 'rebuilding']]);
    new TimerMetrics(metrics, noCounts, () => ({ total: 3, owned }));
    const text = await metrics.scrape();
    expect(text).toContain('sla_timer_input_partitions{service="timer"} 3');
    expect(text).toContain('sla_timer_owned_partitions{partition="0",state="ready",service="timer"} 1');
    expect(text).toContain('sla_timer_owned_partitions{partition="2",state="rebuilding",service="timer"} 1');
    expect(text).not.toContain('partition="1"');
    owned = new Map([[2, 'ready']]);
    const later = await metrics.scrape();
    expect(later).toContain('sla_timer_owned_partitions{partition="2",state="ready",service="timer"} 1');
    expect(later).not.toContain('state="rebuilding"');
    expect(later).not.toContain('sla_timer_owned_partitions{partition="0"');
  });
});
