import type { ClearReason, SlaCleared } from '@stageplus/contracts';
import { localTimes } from './messages/local-time';

const CLOCK_FR = { response: 'réponse initiale', resolution: 'résolution' } as const;
const CLOCK_EN = { response: 'initial response', resolution: 'resolution' } as const;
const REASON_FR: Record<ClearReason, string> = {
  responded: 'le billet a reçu sa réponse',
  resolved: 'le billet est résolu',
  closed: 'le billet est fermé',
  paused: 'le billet est en attente du client',
  'policy-corrected': 'une correction de la politique a reporté ses seuils',
};
const REASON_EN: Record<ClearReason, string> = {
  responded: 'the ticket was responded to',
  resolved: 'the ticket was resolved',
  closed: 'the ticket was closed',
  paused: 'the ticket is waiting on the customer',
  'policy-corrected': 'a correction of the policy moved its thresholds later',
};

/** The bilingual message of a cleared alert; `since` in the establishment's local time (`timeZone`). */
export function clearedMessage(
  c: Pick<SlaCleared, 'tenantId' | 'ticketId' | 'priority' | 'clock' | 'reason' | 'since' | 'breached'>,
  timeZone: string,
): { fr: string; en: string } {
  const since = localTimes(c.since, timeZone);
  const ticket = `${c.ticketId} (${c.tenantId}, ${c.priority})`;
  // French agrees the participle with the alert: « dépassement … levé », « escalade … levée ».
  const whatFr = c.breached ? 'dépassement' : 'escalade';
  const clearedFr = c.breached ? 'levé' : 'levée';
  const whatEn = c.breached ? 'breach' : 'escalation';
  return {
    fr: `Billet ${ticket} : ${whatFr} du délai de ${CLOCK_FR[c.clock]} ${clearedFr}, ${REASON_FR[c.reason]} (${since.fr}).`,
    en: `Ticket ${ticket}: ${CLOCK_EN[c.clock]} ${whatEn} cleared, ${REASON_EN[c.reason]} (${since.en}).`,
  };
}
