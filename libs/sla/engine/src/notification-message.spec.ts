import { notificationMessage } from './notification-message';

const fired = {
  type: 'sla.escalated' as const,
  tenantId: 'chu-sainte-justine',
  ticketId: 'T-7',
  clock: 'response' as const,
  percent: 75,
  level: 2,
  priority: 'P2' as const,
  thresholdAt: '2026-06-16T14:30:00.000Z',
  firedAt: '2026-06-16T14:30:00.000Z',
  late: false,
};

describe('the bilingual message of a fired threshold', () => {
  it('names the ticket, level, percent and deadline in French and English', () => {
    expect(notificationMessage(fired, '2026-06-16T15:00:00.000Z')).toEqual({
      fr: 'Billet T-7 (chu-sainte-justine, P2) : escalade niveau 2 (à risque), 75 % du délai de réponse initiale écoulé, échéance 2026-06-16T15:00:00.000Z.',
      en: 'Ticket T-7 (chu-sainte-justine, P2): escalation level 2 (at risk), 75% of the initial response target elapsed, due 2026-06-16T15:00:00.000Z.',
    });
  });

  it('says a breach was reported late when it was', () => {
    const breach = { ...fired, type: 'sla.breached' as const, percent: 100, level: null, late: true, firedAt: '2026-06-16T15:20:00.000Z' };
    const message = notificationMessage(breach, '2026-06-16T15:00:00.000Z');
    expect(message.fr).toContain('dépassé');
    expect(message.fr).toContain('signalé en retard');
    expect(message.en).toContain('breached');
    expect(message.en).toContain('reported late');
  });
});
