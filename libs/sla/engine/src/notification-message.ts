import type { SlaThresholdFired } from '@stageplus/contracts';

const CLOCK_FR = { response: 'réponse initiale', resolution: 'résolution' } as const;
const CLOCK_EN = { response: 'initial response', resolution: 'resolution' } as const;
const LEVEL_FR: Record<number, string> = { 1: 'avertissement', 2: 'à risque', 3: 'en retard, gestion' };
const LEVEL_EN: Record<number, string> = { 1: 'warning', 2: 'at risk', 3: 'overdue, management' };

/**
 * The bilingual message of a fired threshold (the contract's support is in French and English).
 * Instants are given in UTC ISO form; consumers localise them.
 */
export function notificationMessage(f: SlaThresholdFired, dueAt: string | null): { fr: string; en: string } {
  const ticket = `${f.ticketId} (${f.tenantId}, ${f.priority})`;
  const due = dueAt ?? f.thresholdAt;
  const lateFr = f.late ? ` (signalé en retard, seuil atteint à ${f.thresholdAt})` : '';
  const lateEn = f.late ? ` (reported late, threshold reached at ${f.thresholdAt})` : '';
  if (f.type === 'sla.breached') {
    return {
      fr: `Billet ${ticket} : délai de ${CLOCK_FR[f.clock]} dépassé, échéance ${due}${lateFr}.`,
      en: `Ticket ${ticket}: ${CLOCK_EN[f.clock]} target breached, due ${due}${lateEn}.`,
    };
  }
  const level = f.level ?? 0;
  return {
    fr: `Billet ${ticket} : escalade niveau ${level} (${LEVEL_FR[level] ?? 'escalade'}), ${f.percent} % du délai de ${CLOCK_FR[f.clock]} écoulé, échéance ${due}${lateFr}.`,
    en: `Ticket ${ticket}: escalation level ${level} (${LEVEL_EN[level] ?? 'escalation'}), ${f.percent}% of the ${CLOCK_EN[f.clock]} target elapsed, due ${due}${lateEn}.`,
  };
}
