import { slaEvents } from '@stageplus/testing';

/** SLA topic events as the timer publishes them, for the specs of `sla watch`: one ticket's response clock. */
const t7 = slaEvents('chu-sainte-justine', 'T-7');

export const escalated = t7.escalated(75, 2, '2026-11-29T03:30:00.012Z', { thresholdAt: '2026-11-29T03:30:00.000Z', dueAt: '2026-11-29T04:00:00.000Z' });

export const breached = t7.breached('2026-11-29T04:20:05.000Z', { thresholdAt: '2026-11-29T04:00:00.000Z', dueAt: '2026-11-29T04:00:00.000Z', late: true });

export const cleared = t7.cleared(
  [
    { percent: 50, type: 'sla.escalated', level: 1 },
    { percent: 75, type: 'sla.escalated', level: 2 },
    { percent: 100, type: 'sla.breached', level: null },
  ],
  '2026-11-29T04:25:01.000Z',
  'responded',
  { since: '2026-11-29T04:25:00.000Z' },
);
