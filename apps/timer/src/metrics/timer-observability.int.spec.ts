import { hashApiKey } from '@stageplus/http';
import { DEFAULT_PARTITIONS } from '@stageplus/kafka';
import { sampleValue, scrapeMetrics, ticketEvents, waitUntil } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { TimerHarness } from '../testing/timer-harness';

jest.setTimeout(60_000);

const TENANT_KEY = 'timer-tenant-a-key-0123456789';

/** Health, `/metrics` and the queue board of a running timer (test policy: BASE P1 response 2 s, 24x7). */
describe('the timer observed: health, metrics and the queue board', () => {
  const timer = new TimerHarness({
    API_KEYS: JSON.stringify([{ id: 'ticketing-a', sha256: hashApiKey(TENANT_KEY), tenants: ['tenant-a'] }]),
  });
  beforeAll(() => timer.start());
  afterAll(async () => {
    await timer.stop();
    const redis = new Redis(timer.config.redis.url);
    const keys = await redis.keys(`${timer.config.redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('is ready in the shared shape once it owns its partitions, listing them', async () => {
    const body = await waitUntil(async () => {
      const answer = await fetch(`${timer.url}/health/ready`);
      const json = (await answer.json()) as { partitions: number[] };
      return answer.status === 200 && json.partitions.length === DEFAULT_PARTITIONS ? json : undefined;
    }, 30_000, 'the timer ready with all its partitions');
    expect(body).toEqual({
      status: 'ready',
      service: 'timer',
      checks: { broker: { status: 'up' }, consumer: { status: 'up' }, producer: { status: 'up' }, redis: { status: 'up' }, timers: { status: 'up' }, state: { status: 'up' }, policy: { status: 'up', detail: 'version test-fast-24x7 in force, history of 1 version' } },
      partitions: [0, 1, 2, 3, 4, 5],
    });
    expect(await (await fetch(`${timer.url}/health/live`)).json()).toEqual({ status: 'live', service: 'timer' });
  });

  it('counts the events it consumed, the thresholds it fired and how late, and the tickets it watches', async () => {
    const { ticketId, event } = ticketEvents('tenant-a');
    const before = await scrapeMetrics(timer.url);
    const delta = (text: string, name: string, labels: Record<string, string>) => (sampleValue(text, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    const sum = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`)).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    await timer.send(event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    const consumed = { source: timer.config.topics.ticketsPrioritized, type: 'ticket.prioritized', outcome: 'applied' };
    // The event is counted once its batch is committed, a moment after its ticket is written.
    const watching = await waitUntil(async () => {
      const text = await scrapeMetrics(timer.url);
      return sum(text, 'sla_timer_open_tickets') > sum(before, 'sla_timer_open_tickets') && delta(text, 'sla_events_in_total', consumed) > 0 ? text : undefined;
    }, 10_000, 'the open ticket and its event counted');
    expect(sum(watching, 'sla_timer_pending_thresholds')).toBeGreaterThan(0);
    expect(delta(watching, 'sla_events_in_total', consumed)).toBe(1);

    await timer.recorder.waitFor(() => timer.fired(ticketId).some((m) => m.value.clock === 'response' && m.value.percent === 100), 15_000);
    const after = await scrapeMetrics(timer.url);
    const labels = { type: 'sla.breached', clock: 'response', level: 'breach', late: 'false' };
    expect(delta(after, 'sla_fired_total', labels)).toBe(1);
    expect(delta(after, 'sla_fired_total', { type: 'sla.escalated', clock: 'response', level: '1', late: 'false' })).toBe(1);
    expect(delta(after, 'sla_firing_lateness_seconds_count', { type: 'sla.breached', late: 'false' })).toBe(1);
    // Fired within a second of its instant (the timer tests hold it to that too).
    expect(delta(after, 'sla_firing_lateness_seconds_bucket', { type: 'sla.breached', late: 'false', le: '1' })).toBe(1);
    expect(delta(after, 'sla_events_out_total', { topic: timer.config.topics.slaBreaches, type: 'sla.breached' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'sla_consumer_lag', { topic: timer.config.topics.ticketsPrioritized })).toBe(0);
    expect(delta(after, 'http_request_duration_seconds_count', { route: '/metrics', status: '200' })).toBeGreaterThan(0);
  });

  it('shows its queues in bull-board to a key valid for every tenant, behind HTTP Basic authentication', async () => {
    const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`ops:${key}`).toString('base64')}` });
    const none = await fetch(`${timer.url}/admin/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await fetch(`${timer.url}/admin/queues`, { headers: basic('not-a-key-at-all') })).status).toBe(401);
    const tenant = await fetch(`${timer.url}/admin/queues/api/queues`, { headers: basic(TENANT_KEY) });
    expect(tenant.status).toBe(403);
    expect(tenant.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const page = await fetch(`${timer.url}/admin/queues`, { headers: basic(TimerHarness.apiKey) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${timer.url}/admin/queues/api/queues`, { headers: basic(TimerHarness.apiKey) });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string; displayName?: string; readOnlyMode: boolean }[] };
    expect(queues.map((q) => q.name).sort()).toEqual([0, 1, 2, 3, 4, 5].map((p) => `p${p}-${timer.config.queue}`));
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
  });
});
