import type { INestApplication } from '@nestjs/common';
import { ticketKey, type TicketEvent } from '@stageplus/contracts';
import { sampleValue, scrapeMetrics, uniqueName, waitUntil } from '@stageplus/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PriorityTestBed } from '../../testing/priority-test-bed';
import { strictPolicyText } from '../../testing/strict-policy';

jest.setTimeout(45_000);

const PLUS_TENANT = 'chu-sainte-justine';

/** Events of one ticket of its own, so that the tests sharing the service do not meet. */
function ticket(tenantId = PLUS_TENANT) {
  const ticketId = uniqueName('T');
  let n = 0;
  return (type: TicketEvent['type'], occurredAt: string, fields: Partial<TicketEvent> = {}): TicketEvent => ({
    eventId: `${ticketId}-${++n}`,
    type,
    tenantId,
    ticketId,
    occurredAt,
    ...fields,
  });
}

describe('prioritizing ticket events from Kafka', () => {
  let bed: PriorityTestBed;
  let app: INestApplication;
  let policyDir: string;

  beforeAll(async () => {
    // Tenants missing from the registry are refused, so that the dead letter of one can be seen.
    policyDir = mkdtempSync(join(tmpdir(), 'priority-policy-'));
    const policyFile = join(policyDir, 'strict-policy.yaml');
    writeFileSync(policyFile, strictPolicyText());
    bed = await PriorityTestBed.create({ POLICY_FILE: policyFile });
    app = await bed.startApp();
  });

  afterAll(async () => {
    await bed?.cleanup();
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('publishes an opened ticket with its priority, plan and targets, keyed by ticket, with the contract headers', async () => {
    const event = ticket()('ticket.opened', '2026-03-08T00:30:00-05:00', { impact: 1, urgency: 1 });
    await bed.send(event);
    const [prioritized] = await bed.waitForPrioritized(event.eventId);
    expect(prioritized).toMatchObject({
      type: 'ticket.prioritized',
      schemaVersion: 1,
      event,
      impact: 1,
      urgency: 1,
      priority: 'P1',
      plan: 'PLUS',
      targets: {
        response: { minutes: 30, text: '30min', calendar: '24x7' },
        resolution: { minutes: 240, text: '4h', calendar: '24x7' },
      },
      policyVersion: 'stageplus-2023-12-08',
    });
    expect(Date.parse(prioritized.prioritizedAt)).not.toBeNaN();
    const [message] = bed.prioritized(event.eventId);
    expect(message.key).toBe(`${PLUS_TENANT}:${event.ticketId}`);
    expect(message.headers).toEqual({ 'event-type': 'ticket.prioritized', 'schema-version': '1', producer: 'priority' });
  });

  it('gives a later event without impact and urgency the priority the ticket has in Redis', async () => {
    const at = ticket('ciusss-capitale-nationale');
    const opened = at('ticket.opened', '2026-06-23T15:10:00-04:00', { impact: 2, urgency: 3 });
    const responded = at('ticket.responded', '2026-06-23T16:00:00-04:00', { actor: 'agent-7' });
    await bed.send(opened, responded);
    const [, enriched] = await bed.waitForPrioritized(opened.eventId, responded.eventId);
    expect(enriched).toMatchObject({ event: responded, impact: 2, urgency: 3, priority: 'P3', plan: 'BASE' });
    expect(enriched.targets?.resolution).toEqual({ minutes: 1920, text: '4j', calendar: 'business' });
  });

  it('re-prioritizes on an update with a new impact and urgency, and keeps the new priority', async () => {
    const at = ticket();
    const opened = at('ticket.opened', '2026-06-23T10:00:00Z', { impact: 3, urgency: 3 });
    const updated = at('ticket.updated', '2026-06-23T11:00:00Z', { impact: 1, urgency: 2 });
    const resolved = at('ticket.resolved', '2026-06-23T12:00:00Z');
    await bed.send(opened, updated, resolved);
    const priorities = (await bed.waitForPrioritized(opened.eventId, updated.eventId, resolved.eventId)).map((p) => p.priority);
    expect(priorities).toEqual(['P4', 'P2', 'P2']);
  });

  it('does not let an older update delivered after a newer one override it', async () => {
    const at = ticket();
    const opened = at('ticket.opened', '2026-06-23T10:00:00Z', { impact: 3, urgency: 3 });
    const newer = at('ticket.updated', '2026-06-23T12:00:00Z', { impact: 1, urgency: 1 });
    const older = at('ticket.updated', '2026-06-23T11:00:00Z', { impact: 4, urgency: 4 });
    const responded = at('ticket.responded', '2026-06-23T12:30:00Z');
    await bed.send(opened, newer, older, responded);
    const enriched = await bed.waitForPrioritized(opened.eventId, newer.eventId, older.eventId, responded.eventId);
    expect(enriched.map((p) => p.priority)).toEqual(['P4', 'P1', 'P1', 'P1']);
    expect(enriched[2]).toMatchObject({ event: older, impact: 1, urgency: 1 });
    const stored = await bed.withRedis((redis) => redis.hgetall(`${bed.config.redisPrefix}${PLUS_TENANT}:${opened.ticketId}`));
    expect(stored).toEqual({ impact: '1', urgency: '1', occurredAt: String(Date.parse(newer.occurredAt)), eventId: newer.eventId });
  });

  it('publishes an event that arrives before its ticket.opened with a null priority and the plan of the tenant', async () => {
    const at = ticket();
    const responded = at('ticket.responded', '2026-06-23T10:05:00Z');
    await bed.send(responded);
    const [enriched] = await bed.waitForPrioritized(responded.eventId);
    expect(enriched).toMatchObject({ event: responded, impact: null, urgency: null, priority: null, targets: null, plan: 'PLUS' });
  });

  it('publishes a repeated eventId again with the same enrichment: the timer dedupes by eventId', async () => {
    const opened = ticket()('ticket.opened', '2026-06-23T10:00:00Z', { impact: 2, urgency: 2 });
    await bed.send(opened, opened);
    await bed.waitUntil(() => bed.prioritized(opened.eventId).length === 2);
    const [first, second] = bed.prioritized(opened.eventId).map(({ value: { prioritizedAt: _, ...rest } }) => rest);
    expect(second).toEqual(first);
  });

  it('dead-letters a message that is not JSON and an invalid event with their reasons and values, then goes on', async () => {
    const at = ticket();
    const notJson = '{"eventId": "broken';
    const invalid = JSON.stringify(at('ticket.opened', '2026-06-23 10:00', { impact: 7 as never, urgency: 2 }));
    const next = at('ticket.opened', '2026-06-23T10:00:00Z', { impact: 4, urgency: 4 });
    const key = ticketKey(next.tenantId, next.ticketId);
    const before = bed.deadLetters().length;
    await bed.sendRaw({ key, value: notJson }, { key, value: invalid }, { key, value: JSON.stringify(next) });
    const letters = (await bed.waitForDeadLetters(before + 2)).slice(before).map((m) => m.value);
    expect(letters).toEqual([
      expect.objectContaining({ type: 'dead-letter', reason: 'MESSAGE.NOT_JSON', value: notJson, key, service: 'priority' }),
      expect.objectContaining({ reason: 'EVENT.INVALID', value: invalid, key, source: expect.objectContaining({ topic: bed.eventsTopic }) }),
    ]);
    expect(letters[1].message).toBe(
      'occurredAt: must be an ISO-8601 date-time with an offset, e.g. 2026-06-23T15:10:00-04:00; impact: must be an integer from 1 to 4',
    );
    const [enriched] = await bed.waitForPrioritized(next.eventId);
    expect(enriched.priority).toBe('P4');
  });

  it('dead-letters the event of a tenant the policy does not know, and records nothing for it', async () => {
    const opened = ticket('cisss-unknown')('ticket.opened', '2026-06-23T10:00:00Z', { impact: 1, urgency: 1 });
    const before = bed.deadLetters().length;
    await bed.send(opened);
    const [letter] = (await bed.waitForDeadLetters(before + 1)).slice(before);
    expect(letter.value).toMatchObject({ reason: 'POLICY.UNKNOWN_TENANT', value: JSON.stringify(opened) });
    expect(letter.value.message).toContain('"cisss-unknown"');
    const stored = await bed.withRedis((redis) => redis.exists(`${bed.config.redisPrefix}cisss-unknown:${opened.ticketId}`));
    expect(stored).toBe(0);
  });

  it('answers the health probes', async () => {
    const url = await app.getUrl();
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      service: 'priority',
      checks: {
        broker: { status: 'up' },
        consumer: { status: 'up' },
        producer: { status: 'up' },
        redis: { status: 'up' },
        policy: { status: 'up', detail: 'version stageplus-2023-12-08 in force, history of 1 version' },
      },
    });
  });

  it('counts what it consumed, enriched and dead-lettered on GET /metrics, and the lag it has left', async () => {
    const url = await app.getUrl();
    const before = await scrapeMetrics(url);
    const opened = ticket()('ticket.opened', '2026-06-23T10:00:00Z', { impact: 2, urgency: 2 });
    const stranger = ticket('cisss-unknown')('ticket.opened', '2026-06-23T10:00:00Z', { impact: 1, urgency: 1 });
    const letters = bed.deadLetters().length;
    await bed.send(opened, stranger);
    await bed.waitForPrioritized(opened.eventId);
    await bed.waitForDeadLetters(letters + 1);
    const delta = (text: string, name: string, labels: Record<string, string>) => (sampleValue(text, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    const after = await waitUntil(async () => {
      const text = await scrapeMetrics(url);
      return delta(text, 'sla_dead_letters_total', { topic: bed.eventsTopic, reason: 'POLICY.UNKNOWN_TENANT' }) === 1 ? text : undefined;
    }, 10_000, 'the dead letter counted');
    expect(delta(after, 'sla_events_in_total', { source: bed.eventsTopic, type: 'ticket.opened', outcome: 'applied' })).toBe(1);
    expect(delta(after, 'sla_events_in_total', { source: bed.eventsTopic, type: 'ticket.opened', outcome: 'dead-lettered' })).toBe(1);
    expect(delta(after, 'sla_events_out_total', { topic: bed.prioritizedTopic, type: 'ticket.prioritized', service: 'priority' })).toBe(1);
    expect(delta(after, 'sla_events_out_total', { topic: bed.deadLetterTopic, type: 'dead-letter' })).toBe(1);
    expect(sampleValue(after, 'sla_consumer_lag', { topic: bed.eventsTopic, partition: '0' })).toBe(0);
  });
});
