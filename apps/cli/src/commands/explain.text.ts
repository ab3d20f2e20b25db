import type { ClockName } from '@stageplus/contracts';
import type { ClockStatus, ExplanationSegment, Language, StopCause } from '@stageplus/sla-engine';

/** Every word `sla explain` prints for a person, per language. */
export interface ExplainText {
  readonly ticket: (id: string, priority: string, impact: number, urgency: number, plan: string, policy: string) => string;
  readonly asOf: string;
  readonly clock: Record<ClockName, string>;
  readonly colon: string;
  readonly status: Record<ClockStatus, string>;
  readonly stoppedBy: (by: string, at: string) => string;
  readonly stop: Record<StopCause, string>;
  readonly pausedSince: (at: string) => string;
  readonly target: (duration: string, calendar: string, started: string) => string;
  readonly due: string;
  readonly dueWhenPauseEnds: string;
  readonly elapsed: (elapsed: string, remaining: string) => string;
  readonly thresholds: string;
  readonly percent: (n: number) => string;
  readonly level: (n: number | null) => string;
  readonly breach: string;
  readonly notReachedWhilePaused: string;
  readonly notReached: string;
  readonly segments: string;
  readonly segment: Record<ExplanationSegment['kind'], string>;
  readonly projected: string;
  readonly firedNothing: string;
  readonly fired: string;
  readonly escalation: (level: number | null) => string;
  readonly lateDue: (at: string) => string;
}

const FR: ExplainText = {
  ticket: (id, p, i, u, plan, policy) => `Billet ${id} : ${p} (impact ${i}, urgence ${u}), forfait ${plan}, politique ${policy}`,
  asOf: 'Au',
  clock: { response: 'Réponse initiale', resolution: 'Résolution' },
  colon: ' : ',
  status: { running: 'EN COURS', paused: 'EN PAUSE', met: 'RESPECTÉ', breached: 'DÉPASSÉ' },
  stoppedBy: (by, at) => `, arrêté (${by}) le ${at}`,
  stop: { responded: 'réponse', resolved: 'résolution', closed: 'fermeture' },
  pausedSince: (at) => `, en pause depuis le ${at}`,
  target: (d, cal, started) => `  cible ${d} au calendrier ${cal}, démarré le ${started}`,
  due: 'échéance',
  dueWhenPauseEnds: 'à la fin de la pause (ne court pas maintenant)',
  elapsed: (e, r) => `  écoulé ${e}, restant ${r}`,
  thresholds: '  seuils :',
  percent: (n) => `${String(n).padStart(3)} %`,
  level: (n) => `niveau ${n}`,
  breach: 'dépassement',
  notReachedWhilePaused: 'non atteint pendant la pause',
  notReached: '  (non atteint)',
  segments: '  segments :',
  segment: { running: 'compté', paused: 'en pause', outside_hours: 'hors des heures ouvrables', holiday: 'jour férié' },
  projected: ' [projeté]',
  firedNothing: 'Déclenché : rien encore.',
  fired: 'Déclenché :',
  escalation: (level) => `escalade niveau ${level}`,
  lateDue: (at) => ` (en retard : seuil atteint le ${at})`,
};

const EN: ExplainText = {
  ticket: (id, p, i, u, plan, policy) => `Ticket ${id}: ${p} (impact ${i}, urgency ${u}), plan ${plan}, policy ${policy}`,
  asOf: 'As of',
  clock: { response: 'response', resolution: 'resolution' },
  colon: ' clock: ',
  status: { running: 'RUNNING', paused: 'PAUSED', met: 'MET', breached: 'BREACHED' },
  stoppedBy: (by, at) => `, stopped by ${by} at ${at}`,
  stop: { responded: 'responded', resolved: 'resolved', closed: 'closed' },
  pausedSince: (at) => `, paused since ${at}`,
  target: (d, cal, started) => `  target ${d} on calendar ${cal}, started ${started}`,
  due: 'due',
  dueWhenPauseEnds: 'when the pause ends (not counting now)',
  elapsed: (e, r) => `  elapsed ${e}, remaining ${r}`,
  thresholds: '  thresholds:',
  percent: (n) => `${String(n).padStart(3)}%`,
  level: (n) => `level ${n}`,
  breach: 'breach',
  notReachedWhilePaused: 'not reached while paused',
  notReached: '  (not reached)',
  segments: '  segments:',
  segment: { running: 'counted', paused: 'paused', outside_hours: 'outside business hours', holiday: 'holiday' },
  projected: ' [projected]',
  firedNothing: 'Fired: nothing yet.',
  fired: 'Fired:',
  escalation: (level) => `escalation level ${level}`,
  lateDue: (at) => ` (late: due ${at})`,
};

export const EXPLAIN_TEXT: Record<Language, ExplainText> = { fr: FR, en: EN };
