import { z } from 'zod';
import { slaEvents } from '@stageplus/testing';
import { alertTransition, type ActiveAlert } from './postable-alerts';

/**
 * `postableAlerts` as Alertmanager's OpenAPI spec (api/v2/openapi.yaml) defines it: an array of
 * `alert` (`labels` required, a labelSet of strings; `generatorURL` a URI) with optional
 * `annotations` (a labelSet), `startsAt` and `endsAt` (date-time). Strict: a field the API does
 * not know (`status`, `fingerprint`, the webhook's) is what made Alertmanager answer 400.
 */
const labelSet = z.record(z.string(), z.string());
const postableAlerts = z.array(
  z.strictObject({ labels: labelSet, annotations: labelSet.optional(), startsAt: z.iso.datetime().optional(), endsAt: z.iso.datetime().optional(), generatorURL: z.url().optional() }),
);

const URL_BASE = { sla: 'http://sla.example', console: 'https://console.example' };
const t = slaEvents('chu-sainte-justine', 'T-7');
const level1 = t.escalated(50, 1, '2026-06-16T14:10:00.000Z');
const level2 = t.escalated(75, 2, '2026-06-16T14:15:00.000Z');
const clear = t.cleared([{ percent: 50, type: 'sla.escalated', level: 1 }, { percent: 75, type: 'sla.escalated', level: 2 }], '2026-06-16T14:20:00.000Z');

describe('the alerts the bridge posts to Alertmanager API v2', () => {
  it('fires one alert per ticket, clock and level, labelled for routing, annotated in French and English with the ticket links (SLA and console)', () => {
    const { alerts, next } = alertTransition(level1, null, URL_BASE);
    expect(postableAlerts.safeParse(alerts).success).toBe(true);
    expect(alerts).toEqual([
      {
        labels: { alertname: 'SlaResponseAtRisk', tenant: 'chu-sainte-justine', ticket: 'T-7', clock: 'response', severity: 'info', level: '1', priority: 'P2', plan: 'PLUS' },
        annotations: {
          summary: level1.message.fr,
          summary_en: level1.message.en,
          description: 'chu-sainte-justine ticket T-7 (P2, PLUS): the response clock escalated to level 1 at 50 % (threshold 2026-06-16T14:10:00.000Z, due 2026-06-16T15:00:00.000Z).',
          sla: 'http://sla.example/v1/tenants/chu-sainte-justine/tickets/T-7/sla',
          console: 'https://console.example/#/ticket/chu-sainte-justine/T-7',
        },
        startsAt: '2026-06-16T14:10:00.000Z',
        generatorURL: 'http://sla.example/v1/tenants/chu-sainte-justine/tickets/T-7/sla',
      },
    ]);
    expect(next).toEqual(alerts[0]);
  });

  it('ends the previous level explicitly when the level rises, and keeps when the clock first alerted', () => {
    const first = alertTransition(level1, null, URL_BASE).next as ActiveAlert;
    const { alerts, next } = alertTransition(level2, first, URL_BASE);
    expect(postableAlerts.safeParse(alerts).success).toBe(true);
    expect(alerts.map((a) => [a.labels.level, a.labels.severity, a.startsAt, a.endsAt])).toEqual([
      ['1', 'info', '2026-06-16T14:10:00.000Z', '2026-06-16T14:15:00.000Z'],
      ['2', 'warning', '2026-06-16T14:10:00.000Z', undefined],
    ]);
    expect(next?.labels.level).toBe('2');
  });

  it('posts the same alert again, not a second one, for a threshold of the same level', () => {
    const first = alertTransition(level2, null, URL_BASE).next as ActiveAlert;
    expect(alertTransition(level2, first, URL_BASE).alerts).toHaveLength(1);
  });

  it('ends the firing label set at the clear, and leaves nothing to re-send', () => {
    const firing = alertTransition(level2, alertTransition(level1, null, URL_BASE).next, URL_BASE).next as ActiveAlert;
    const { alerts, next } = alertTransition(clear, firing, URL_BASE);
    expect(postableAlerts.safeParse(alerts).success).toBe(true);
    expect(alerts).toEqual([expect.objectContaining({ labels: firing.labels, startsAt: '2026-06-16T14:10:00.000Z', endsAt: '2026-06-16T14:20:00.000Z' })]);
    expect(alerts[0].annotations.summary).toBe(clear.message.fr);
    expect(next).toBeNull();
  });

  it('never ends an alert before it started, when the clear was learnt after a threshold it precedes', () => {
    const firing = alertTransition(level2, null, URL_BASE).next as ActiveAlert;
    const lateClear = { ...clear, since: '2026-06-16T14:12:00.000Z' };
    expect(alertTransition(lateClear, firing, URL_BASE).alerts[0].endsAt).toBe('2026-06-16T14:15:00.000Z');
  });

  it('ends the loudest level the clear lists when the bridge has no record of the alert', () => {
    const { alerts } = alertTransition(clear, null, URL_BASE);
    expect(alerts).toEqual([expect.objectContaining({ endsAt: '2026-06-16T14:20:00.000Z', labels: expect.objectContaining({ level: '2', severity: 'warning' }) })]);
    expect(alerts[0].startsAt).toBeUndefined();
  });

  it('labels a breach critical, with level "breach"', () => {
    expect(alertTransition(t.breached('2026-06-16T15:00:00.000Z'), null, URL_BASE).alerts[0].labels).toMatchObject({ severity: 'critical', level: 'breach' });
  });
});
