import type { ClockName } from '@stageplus/contracts';

/** The languages of the reports: French for the establishments, English for the vendor. */
export type ReportLang = 'fr' | 'en';

export const REPORT_LANGS: readonly ReportLang[] = ['fr', 'en'];

export interface ReportLabels {
  readonly title: string;
  readonly allTenants: string;
  readonly period: (from: string, to: string) => string;
  readonly tickets: (n: number) => string;
  readonly columns: {
    readonly tenant: string;
    readonly month: string;
    readonly priority: string;
    readonly clock: string;
    readonly met: string;
    readonly breached: string;
    readonly total: string;
    readonly compliance: string;
  };
  readonly clocks: Readonly<Record<ClockName, string>>;
  readonly chart: (clock: string) => string;
  readonly none: string;
}

export const REPORT_LABELS: Readonly<Record<ReportLang, ReportLabels>> = {
  fr: {
    title: 'Conformité aux engagements de service (SLA)',
    allTenants: 'Tous les établissements',
    period: (from, to) => `Billets fermés du ${from} au ${to} (heure locale de l’établissement)`,
    tickets: (n) => `${n} billet${n > 1 ? 's' : ''}`,
    columns: {
      tenant: 'établissement',
      month: 'mois',
      priority: 'priorité',
      clock: 'délai',
      met: 'respectés',
      breached: 'dépassés',
      total: 'total',
      compliance: 'conformité (%)',
    },
    clocks: { response: 'réponse initiale', resolution: 'résolution' },
    chart: (clock) => `Conformité par mois et priorité : ${clock}`,
    none: 'Aucun billet fermé sur la période.',
  },
  en: {
    title: 'Service level (SLA) compliance',
    allTenants: 'All establishments',
    period: (from, to) => `Tickets closed from ${from} to ${to} (establishment's local time)`,
    tickets: (n) => `${n} ticket${n === 1 ? '' : 's'}`,
    columns: {
      tenant: 'tenant',
      month: 'month',
      priority: 'priority',
      clock: 'clock',
      met: 'met',
      breached: 'breached',
      total: 'total',
      compliance: 'compliance (%)',
    },
    clocks: { response: 'response', resolution: 'resolution' },
    chart: (clock) => `Compliance by month and priority: ${clock}`,
    none: 'No ticket closed in the period.',
  },
};
