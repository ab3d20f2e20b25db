import type { SlaThresholdFired } from '@stageplus/contracts';
import { localTimes } from './messages/local-time';

const CLOCK_FR = { response: 'réponse initiale', resolution: 'résolution' } as const;
const CLOCK_EN = { response: 'initial response', resolution: 'resolution' } as const;
const LEVEL_FR: Record<number, string> = { 1: 'avertissement', 2: 'à risque', 3: 'en retard, gestion' };
const LEVEL_EN: Record<number, string> = { 1: 'warning', 2: 'at risk', 3: 'overdue, management' };

/**
 * The bilingual message of a fired threshold (the contract's support is in French and English),
 * for people: instants in the establishment's local time (`timeZone`, from `tenantTimeZone`),
 * with the zone's abbreviation. Machines read the event's ISO fields, not the message.
 */
export function notificationMessage(f: SlaThresholdFired, dueAt: string | null, timeZone: string): { fr: string; en: string } {
  const ticket = `${f.ticketId} (${f.tenantId}, ${f.priority})`;
  const due = localTimes(dueAt ?? f.thresholdAt, timeZone);
  const reached = f.late ? localTimes(f.thresholdAt, timeZone) : null;
  const lateFr = reached ? ` (signalé en retard, seuil atteint le ${reached.fr})` : '';
  const lateEn = reached ? ` (reported late, threshold reached ${reached.en})` : '';
  if (f.type === 'sla.breached') {
    return {
      fr: `Billet ${ticket} : délai de ${CLOCK_FR[f.clock]} dépassé, échéance ${due.fr}${lateFr}.`,
      en: `Ticket ${ticket}: ${CLOCK_EN[f.clock]} target breached, due ${due.en}${lateEn}.`,
    };
  }
  const level = f.level ?? 0;
  return {
    fr: `Billet ${ticket} : escalade niveau ${level} (${LEVEL_FR[level] ?? 'escalade'}), ${f.percent} % du délai de ${CLOCK_FR[f.clock]} écoulé, échéance ${due.fr}${lateFr}.`,
    en: `Ticket ${ticket}: escalation level ${level} (${LEVEL_EN[level] ?? 'escalation'}), ${f.percent}% of the ${CLOCK_EN[f.clock]} target elapsed, due ${due.en}${lateEn}.`,
  };
}
