import { clearedMessage } from './cleared-message';
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
  it('names the ticket, level, percent and deadline in local time, in French and English', () => {
    expect(notificationMessage(fired, '2026-06-16T15:00:00.000Z', 'America/Toronto')).toEqual({
      fr: 'Billet T-7 (chu-sainte-justine, P2) : escalade niveau 2 (à risque), 75 % du délai de réponse initiale écoulé, échéance 16 juin 2026 à 11 h 00 HAE.',
      en: 'Ticket T-7 (chu-sainte-justine, P2): escalation level 2 (at risk), 75% of the initial response target elapsed, due Jun 16, 2026, 11:00 AM EDT.',
    });
  });

  it('says a breach was reported late, and when the threshold was reached, in local time', () => {
    const breach = { ...fired, type: 'sla.breached' as const, percent: 100, level: null, late: true, thresholdAt: '2026-06-16T15:00:00.000Z', firedAt: '2026-06-16T15:20:00.000Z' };
    const message = notificationMessage(breach, '2026-06-16T15:00:00.000Z', 'America/Toronto');
    expect(message.fr).toBe(
      'Billet T-7 (chu-sainte-justine, P2) : délai de réponse initiale dépassé, échéance 16 juin 2026 à 11 h 00 HAE (signalé en retard, seuil atteint le 16 juin 2026 à 11 h 00 HAE).',
    );
    expect(message.en).toBe(
      'Ticket T-7 (chu-sainte-justine, P2): initial response target breached, due Jun 16, 2026, 11:00 AM EDT (reported late, threshold reached Jun 16, 2026, 11:00 AM EDT).',
    );
  });

  it('gives no UTC ISO instant to people', () => {
    const message = notificationMessage(fired, '2026-11-29T03:37:52.000Z', 'America/Toronto');
    expect(message.fr).toContain('échéance 28 nov. 2026 à 22 h 37 HNE');
    expect(`${message.fr} ${message.en}`).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });
});

describe('the bilingual message of a cleared alert', () => {
  it('says which alert cleared, why, and since when in local time', () => {
    const cleared = { tenantId: 'chu-sainte-justine', ticketId: 'T-7', priority: 'P2' as const, clock: 'resolution' as const, reason: 'resolved' as const, since: '2026-11-29T03:37:52.000Z', breached: true };
    expect(clearedMessage(cleared, 'America/Toronto')).toEqual({
      fr: 'Billet T-7 (chu-sainte-justine, P2) : dépassement du délai de résolution levé, le billet est résolu (28 nov. 2026 à 22 h 37 HNE).',
      en: 'Ticket T-7 (chu-sainte-justine, P2): resolution breach cleared, the ticket was resolved (Nov 28, 2026, 10:37 PM EST).',
    });
  });
});
