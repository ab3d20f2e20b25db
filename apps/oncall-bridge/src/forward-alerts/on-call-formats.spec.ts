import { slaEvents } from '@stageplus/testing';
import { alertFingerprint, alertmanagerPayload } from './alertmanager-payload';
import { alertOrder, forwardDecision } from './on-call-alert';
import { pagerDutyEvent } from './pagerduty-event';

const t = slaEvents('chu-sainte-justine', 'T-7');
const escalated = t.escalated(75, 2, '2026-06-16T14:15:00.000Z');
const cleared = t.cleared([{ percent: 50, type: 'sla.escalated', level: 1 }, { percent: 75, type: 'sla.escalated', level: 2 }], '2026-06-16T14:20:00.000Z');
const am = { receiver: 'stageplus-sla', externalUrl: 'http://sla.example' };
const pd = { routingKey: 'R0UT1NGKEY', externalUrl: 'http://sla.example' };

describe('the Alertmanager webhook payload (golden)', () => {
  it('fires an escalation as one alert labelled with its tenant, ticket, clock, priority, severity and level', () => {
    expect(alertmanagerPayload(escalated, am)).toEqual({
      version: '4',
      groupKey: '{}:{alertKey="chu-sainte-justine:T-7:response"}',
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'stageplus-sla',
      groupLabels: { tenant: 'chu-sainte-justine', ticket: 'T-7', clock: 'response' },
      commonLabels: {
        alertname: 'SlaResponseAtRisk',
        tenant: 'chu-sainte-justine',
        ticket: 'T-7',
        clock: 'response',
        priority: 'P2',
        severity: 'warning',
        level: '2',
      },
      commonAnnotations: {
        summary: escalated.message.fr,
        summary_en: escalated.message.en,
        description:
          'chu-sainte-justine ticket T-7 (P2, PLUS): the response clock escalated to level 2 at 75 % (threshold 2026-06-16T14:15:00.000Z, due 2026-06-16T15:00:00.000Z).',
      },
      externalURL: 'http://sla.example',
      alerts: [
        {
          status: 'firing',
          labels: expect.objectContaining({ alertname: 'SlaResponseAtRisk', severity: 'warning', level: '2' }),
          annotations: expect.objectContaining({ summary: escalated.message.fr }),
          startsAt: '2026-06-16T14:15:00.000Z',
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://sla.example/v1/tenants/chu-sainte-justine/tickets/T-7/sla',
          fingerprint: alertFingerprint('chu-sainte-justine:T-7:response'),
        },
      ],
    });
  });

  it('resolves the same fingerprint when the clock clears, with the severity it had reached', () => {
    const payload = alertmanagerPayload(cleared, am);
    expect(payload.status).toBe('resolved');
    expect(payload.alerts).toEqual([
      {
        status: 'resolved',
        labels: { alertname: 'SlaResponseAtRisk', tenant: 'chu-sainte-justine', ticket: 'T-7', clock: 'response', priority: 'P2', severity: 'warning', level: '2' },
        annotations: {
          summary: cleared.message.fr,
          summary_en: cleared.message.en,
          description: 'chu-sainte-justine ticket T-7 (P2, PLUS): the response clock cleared (responded) at 2026-06-16T14:20:00.000Z.',
        },
        startsAt: '0001-01-01T00:00:00Z',
        endsAt: '2026-06-16T14:20:00.000Z',
        generatorURL: 'http://sla.example/v1/tenants/chu-sainte-justine/tickets/T-7/sla',
        fingerprint: alertmanagerPayload(escalated, am).alerts[0].fingerprint,
      },
    ]);
  });

  it('labels a breach critical, with level "breach"', () => {
    const labels = alertmanagerPayload(t.breached('2026-06-16T15:00:00.000Z'), am).commonLabels;
    expect(labels).toMatchObject({ severity: 'critical', level: 'breach' });
  });

  it('gives every clock of every ticket its own stable 16-digit fingerprint', () => {
    expect(alertFingerprint('a:T-1:response')).toMatch(/^[0-9a-f]{16}$/);
    expect(alertFingerprint('a:T-1:response')).toBe(alertFingerprint('a:T-1:response'));
    expect(alertFingerprint('a:T-1:response')).not.toBe(alertFingerprint('a:T-1:resolution'));
  });
});

describe('the PagerDuty Events API v2 event (golden)', () => {
  it('triggers on the alertKey with the escalation level as severity', () => {
    expect(pagerDutyEvent(escalated, pd)).toEqual({
      routing_key: 'R0UT1NGKEY',
      event_action: 'trigger',
      dedup_key: 'chu-sainte-justine:T-7:response',
      client: 'STAGE+ SLA monitor',
      client_url: 'http://sla.example/v1/tenants/chu-sainte-justine/tickets/T-7/sla',
      payload: {
        summary: escalated.message.fr,
        source: 'stageplus-sla/chu-sainte-justine',
        severity: 'warning',
        timestamp: '2026-06-16T14:15:00.000Z',
        component: 'response clock',
        group: 'chu-sainte-justine',
        class: 'sla.escalated',
        custom_details: {
          ticket: 'T-7',
          tenant: 'chu-sainte-justine',
          clock: 'response',
          priority: 'P2',
          plan: 'PLUS',
          percent: 75,
          level: 2,
          thresholdAt: '2026-06-16T14:15:00.000Z',
          dueAt: '2026-06-16T15:00:00.000Z',
          late: false,
          eventId: 'sla:chu-sainte-justine:T-7:response:75',
          summary_en: escalated.message.en,
          sla: 'http://sla.example/v1/tenants/chu-sainte-justine/tickets/T-7/sla',
        },
      },
    });
  });

  it('resolves the same dedup_key when the clock clears', () => {
    expect(pagerDutyEvent(cleared, pd)).toEqual({ routing_key: 'R0UT1NGKEY', event_action: 'resolve', dedup_key: 'chu-sainte-justine:T-7:response' });
  });

  it.each([
    [t.escalated(50, 1, '2026-06-16T14:00:00.000Z'), 'info'],
    [t.escalated(75, 2, '2026-06-16T14:00:00.000Z'), 'warning'],
    [t.escalated(150, 3, '2026-06-16T14:00:00.000Z'), 'error'],
    [t.breached('2026-06-16T14:00:00.000Z'), 'critical'],
  ])('maps %#: level 1 info, 2 warning, 3 error, a breach critical', (event, severity) => {
    const out = pagerDutyEvent(event, pd);
    expect(out.event_action === 'trigger' && out.payload.severity).toBe(severity);
  });
});

describe('which events go out, and in which order', () => {
  const all = { tenants: null, minLevel: 1 };
  const breachedClear = t.cleared([{ percent: 100, type: 'sla.breached', level: null }], '2026-06-16T15:10:00.000Z');

  it('forwards a clear from one copy only: sla.breaches when the clock breached, else sla.escalations', () => {
    expect(forwardDecision(cleared, 'escalations', all).forward).toBe(true);
    expect(forwardDecision(cleared, 'breaches', all).forward).toBe(false);
    expect(forwardDecision(breachedClear, 'breaches', all).forward).toBe(true);
    expect(forwardDecision(breachedClear, 'escalations', all).forward).toBe(false);
  });

  it('keeps escalations below the minimum level, other tenants, and clears of nothing forwarded, quiet; breaches always go', () => {
    const level2 = { tenants: null, minLevel: 2 };
    expect(forwardDecision(t.escalated(50, 1, '2026-06-16T14:00:00.000Z'), 'escalations', level2).forward).toBe(false);
    expect(forwardDecision(t.breached('2026-06-16T14:00:00.000Z'), 'breaches', { tenants: null, minLevel: 3 }).forward).toBe(true);
    expect(forwardDecision(t.cleared([{ percent: 50, type: 'sla.escalated', level: 1 }], '2026-06-16T14:20:00.000Z'), 'escalations', level2).forward).toBe(false);
    expect(forwardDecision(escalated, 'escalations', { tenants: ['cisss-laval'], minLevel: 1 }).forward).toBe(false);
  });

  it('orders an alert by decision time, then percent, a clear after the thresholds it lists and before any later one', () => {
    const at = '2026-06-16T14:00:00.000Z';
    const sameRound = [t.escalated(50, 1, at), t.escalated(75, 2, at), t.cleared([{ percent: 75, type: 'sla.escalated', level: 2 }], at), t.breached(at)];
    const sorted = [...sameRound].sort((a, b) => (alertOrder(a) < alertOrder(b) ? -1 : 1));
    expect(sorted.map((e) => e.type)).toEqual(['sla.escalated', 'sla.escalated', 'sla.cleared', 'sla.breached']);
    expect(alertOrder(t.escalated(150, 3, '2026-06-16T13:00:00.000Z')) < alertOrder(t.escalated(50, 1, at))).toBe(true);
  });
});
