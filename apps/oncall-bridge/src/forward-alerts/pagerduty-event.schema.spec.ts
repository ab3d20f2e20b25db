import { z } from 'zod';
import { slaEvents } from '@stageplus/testing';
import { pagerDutyEvent } from './pagerduty-event';

/**
 * PagerDuty's published Events API v2 (PagerDuty/api-schema, reference/events-v2/openapiv3.json,
 * `POST /enqueue`): `routing_key` and `event_action` (trigger | acknowledge | resolve) required;
 * `dedup_key` required unless triggering; `payload` with `summary`, `source` and `severity`
 * (critical | error | warning | info) required, `timestamp` a date-time, `component`, `group`,
 * `class` strings, `custom_details` an object; `client`, `client_url`. The summary's 1024
 * characters are the limit of PagerDuty's event documentation. Strict, to catch a misspelt field
 * that PagerDuty would silently drop.
 */
const payload = z.strictObject({
  summary: z.string().min(1).max(1024),
  source: z.string().min(1),
  severity: z.enum(['critical', 'error', 'warning', 'info']),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  component: z.string().optional(),
  group: z.string().optional(),
  class: z.string().optional(),
  custom_details: z.record(z.string(), z.unknown()).optional(),
});
const enqueue = z
  .strictObject({
    routing_key: z.string().min(1),
    event_action: z.enum(['trigger', 'acknowledge', 'resolve']),
    dedup_key: z.string().min(1).max(255).optional(),
    client: z.string().optional(),
    client_url: z.url().optional(),
    payload: payload.optional(),
  })
  .refine((e) => e.event_action === 'trigger' || e.dedup_key !== undefined, 'dedup_key is required unless triggering')
  .refine((e) => e.event_action !== 'trigger' || e.payload !== undefined, 'payload is required to trigger');

const t = slaEvents('chu-sainte-justine', 'T-7');
const options = { routingKey: 'R0UT1NGKEY', externalUrl: 'http://sla.example' };
const issuesOf = (event: unknown) => enqueue.safeParse(event).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe("the PagerDuty events against PagerDuty's published Events API v2 schema", () => {
  it.each([
    ['an escalation', t.escalated(50, 1, '2026-06-16T14:10:00.000Z')],
    ['a level-3 escalation', t.escalated(150, 3, '2026-06-16T16:10:00.000Z')],
    ['a breach', t.breached('2026-06-16T15:00:00.000Z')],
    ['a clear', t.cleared([{ percent: 100, type: 'sla.breached', level: null }], '2026-06-16T15:20:00.000Z')],
  ])('%s is a valid enqueue request', (_what, event) => {
    expect(issuesOf(pagerDutyEvent(event, options))).toEqual([]);
  });

  it('keeps a summary of any length within the 1024 characters PagerDuty takes', () => {
    const long = { ...t.breached('2026-06-16T15:00:00.000Z'), message: { fr: 'é'.repeat(5_000), en: 'e' } };
    const out = pagerDutyEvent(long, options);
    expect(issuesOf(out)).toEqual([]);
    expect(out.event_action === 'trigger' && out.payload.summary).toHaveLength(1024);
  });

  it('keeps the dedup key within 255 characters for the longest tenant and ticket ids, one key per alert', () => {
    const long = slaEvents('t'.repeat(128), 'k'.repeat(128), 'resolution');
    const [trigger, resolve] = [pagerDutyEvent(long.breached('2026-06-16T15:00:00.000Z'), options), pagerDutyEvent(long.cleared([], '2026-06-16T15:20:00.000Z'), options)];
    expect([issuesOf(trigger), issuesOf(resolve)]).toEqual([[], []]);
    expect(trigger.dedup_key).toBe(resolve.dedup_key);
  });

  it('would catch a payload outside the schema: the check is not vacuous', () => {
    const trigger = pagerDutyEvent(t.breached('2026-06-16T15:00:00.000Z'), options);
    expect(issuesOf({ ...trigger, payload: { ...(trigger as { payload: object }).payload, severity: 'fatal' } })).toEqual([expect.stringContaining('payload.severity')]);
    expect(issuesOf({ routing_key: 'k', event_action: 'resolve' })).toEqual([': dedup_key is required unless triggering']);
  });
});
