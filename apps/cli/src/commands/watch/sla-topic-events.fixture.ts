import type { SlaCleared, SlaNotification } from '@stageplus/contracts';

/** SLA topic events as the timer publishes them, for the specs of `sla watch`. */
export const escalated: SlaNotification = {
  type: 'sla.escalated',
  eventId: 'sla:chu-sainte-justine:T-7:response:75',
  schemaVersion: 1,
  tenantId: 'chu-sainte-justine',
  ticketId: 'T-7',
  clock: 'response',
  percent: 75,
  level: 2,
  priority: 'P2',
  plan: 'BASE',
  thresholdAt: '2026-11-29T03:30:00.000Z',
  firedAt: '2026-11-29T03:30:00.012Z',
  dueAt: '2026-11-29T04:00:00.000Z',
  late: false,
  policyVersion: 'v1',
  alertKey: 'chu-sainte-justine:T-7:response',
  message: { fr: '', en: '' },
};

export const breached: SlaNotification = { ...escalated, type: 'sla.breached', eventId: 'sla:chu-sainte-justine:T-7:response:100', percent: 100, level: null, thresholdAt: '2026-11-29T04:00:00.000Z', firedAt: '2026-11-29T04:20:05.000Z', late: true };

export const cleared: SlaCleared = {
  type: 'sla.cleared',
  eventId: 'sla:chu-sainte-justine:T-7:response:cleared:3',
  schemaVersion: 1,
  tenantId: 'chu-sainte-justine',
  ticketId: 'T-7',
  clock: 'response',
  alertKey: 'chu-sainte-justine:T-7:response',
  reason: 'responded',
  priority: 'P2',
  plan: 'BASE',
  since: '2026-11-29T04:25:00.000Z',
  clearedAt: '2026-11-29T04:25:01.000Z',
  alerts: [
    { percent: 50, type: 'sla.escalated', level: 1 },
    { percent: 75, type: 'sla.escalated', level: 2 },
    { percent: 100, type: 'sla.breached', level: null },
  ],
  breached: true,
  policyVersion: 'v1',
  message: { fr: '', en: '' },
};
