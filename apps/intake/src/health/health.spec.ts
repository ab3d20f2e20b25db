import { sampleValue, scrapeMetrics } from '@stageplus/testing';
import { startIntake, ticketEvent, KEYS, type IntakeUnderTest } from '../testing/intake-under-test';

describe('health and metrics with Kafka up', () => {
  let intake: IntakeUnderTest;
  beforeAll(async () => {
    intake = await startIntake({ record: false });
  });
  afterAll(() => intake.close());

  it('is live, and ready once the producer is connected and the policy history read, in the shape every service answers', async () => {
    expect(await intake.get('/health/live')).toMatchObject({ status: 200, body: { status: 'live', service: 'intake' } });
    expect(await intake.get('/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', service: 'intake', checks: { producer: { status: 'up' }, policy: { status: 'up', detail: 'version stageplus-2023-12-08 in force, history of 1 version' } } },
    });
  });

  it('asks for no API key', async () => {
    const answer = await fetch(`${intake.url}/health/live`, { headers: { authorization: 'Bearer nonsense' } });
    expect(answer.status).toBe(200);
  });

  it('counts events accepted and refused by type and outcome, what Kafka acknowledged, and the requests by route', async () => {
    const series = (text: string, name: string, labels: Record<string, string>) => sampleValue(text, name, labels) ?? 0;
    const before = await scrapeMetrics(intake.url);
    expect((await intake.post([ticketEvent(), ticketEvent({ type: 'ticket.opened' })])).status).toBe(202);
    expect((await intake.post(ticketEvent({ tenantId: 'cusm' }))).status).toBe(403);
    expect((await intake.post({ type: 'nonsense' })).status).toBe(400);
    expect((await intake.post(ticketEvent(), { apiKey: KEYS.cusm })).status).toBe(403);
    expect((await intake.post(ticketEvent(), { apiKey: null })).status).toBe(401); // refused before routing
    const after = await scrapeMetrics(intake.url);
    const delta = (name: string, labels: Record<string, string>) => series(after, name, labels) - series(before, name, labels);
    expect(delta('sla_events_in_total', { source: 'http', type: 'ticket.opened', outcome: 'accepted' })).toBe(2);
    expect(delta('sla_events_in_total', { source: 'http', type: 'ticket.opened', outcome: 'forbidden' })).toBe(2);
    expect(delta('sla_events_in_total', { source: 'http', type: 'unknown', outcome: 'invalid' })).toBe(1);
    expect(delta('sla_events_out_total', { topic: intake.topic, type: 'ticket.opened', service: 'intake' })).toBe(2);
    expect(delta('http_request_duration_seconds_count', { method: 'POST', route: '/v1/events', status: '202' })).toBe(1);
    expect(delta('http_request_duration_seconds_count', { method: 'POST', route: '/v1/events', status: '403' })).toBe(2);
    expect(delta('http_request_duration_seconds_count', { method: 'POST', route: 'unmatched', status: '401' })).toBe(1);
    expect(sampleValue(after, 'process_resident_memory_bytes', { service: 'intake' })).toBeGreaterThan(0);
  });
});
