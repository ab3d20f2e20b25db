import type { INestApplication } from '@nestjs/common';
import { ticketKey } from '@stageplus/contracts';
import { ticketEvents } from '@stageplus/testing';
import { PriorityTestBed } from './testing/priority-test-bed';

jest.setTimeout(60_000);

const TENANT = 'chu-sainte-justine';
const at = (iso: string) => Date.parse(iso);

describe('what the priority service refuses: records keyed otherwise than their ticket, unknown routes', () => {
  let bed: PriorityTestBed;
  let app: INestApplication;

  beforeAll(async () => {
    bed = await PriorityTestBed.create();
    app = await bed.startApp();
  });

  afterAll(async () => {
    await bed?.cleanup();
  });

  it('dead-letters a tickets.events record keyed otherwise as MESSAGE.KEY_MISMATCH, not re-keyed, and applies the next good one', async () => {
    const t = ticketEvents(TENANT);
    const stray = t.event('ticket.opened', at('2026-06-23T10:00:00Z'), { impact: 1, urgency: 1 });
    const good = t.event('ticket.opened', at('2026-06-23T10:01:00Z'), { impact: 2, urgency: 2 });
    const wrongKey = ticketKey('ciusss-capitale-nationale', t.ticketId);

    await bed.sendRaw({ key: wrongKey, value: JSON.stringify(stray) }, { key: ticketKey(TENANT, t.ticketId), value: JSON.stringify(good) });

    const [enriched] = await bed.waitForPrioritized(good.eventId);
    expect(enriched.priority).toBe('P2');
    const [letter] = await bed.waitForDeadLetters(1);
    expect(letter.key).toBe(wrongKey);
    expect(letter.value).toMatchObject({ reason: 'MESSAGE.KEY_MISMATCH', key: wrongKey, source: { topic: bed.eventsTopic, offset: '0' } });
    expect(letter.value.message).toContain(`not "${ticketKey(TENANT, t.ticketId)}"`);
    expect(bed.prioritized().map((m) => m.value.event.eventId)).not.toContain(stray.eventId);
    await bed.waitForCommitted(2);
  });

  it('answers an unknown route with 404 problem+json, echoing a bounded, printable path', async () => {
    const answer = await fetch(`${await app.getUrl()}/v1/tenants/x/tickets/a%00b${'a'.repeat(5_000)}/sla`);

    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const body = (await answer.json()) as Record<string, string>;
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(Array.from(body.instance)).toHaveLength(256);
    expect(Array.from(body.detail).length).toBeLessThanOrEqual(256);
  });
});
