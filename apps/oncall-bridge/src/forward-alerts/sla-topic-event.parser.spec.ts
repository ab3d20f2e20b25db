import { slaEvents } from '@stageplus/testing';
import { parseSlaTopicEvent } from './sla-topic-event.parser';

const t = slaEvents('chu-sainte-justine', 'T-7');
const alerts = [{ percent: 50, type: 'sla.escalated' as const, level: 1 }];

describe('reading an sla.cleared from the SLA topics', () => {
  it.each(['responded', 'paused', 'policy-corrected', 'a-reason-not-known-yet'])('given the reason %s, then it is a clear to forward (a clear resolves its alert whatever the reason)', (reason) => {
    const value = JSON.stringify({ ...t.cleared(alerts, '2026-06-16T14:20:00.000Z'), reason });
    expect(parseSlaTopicEvent(value)).toMatchObject({ kind: 'event', event: { type: 'sla.cleared', reason, alertKey: t.alertKey } });
  });

  it('given no reason, then it is refused', () => {
    const { reason: _reason, ...noReason } = t.cleared(alerts, '2026-06-16T14:20:00.000Z');
    expect(parseSlaTopicEvent(JSON.stringify(noReason))).toMatchObject({ kind: 'invalid', code: 'BRIDGE.INVALID_EVENT' });
  });
});
