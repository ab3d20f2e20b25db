import type { Level } from '@stageplus/contracts';

export type PolicyLanguage = 'fr' | 'en';

/** Words of the policy table; impact and urgency names are the contract's. */
export interface PolicyLabels {
  readonly title: (version: string, effectiveDate: string) => string;
  readonly file: string;
  readonly matrixTitle: string;
  readonly matrixCorner: string;
  readonly impacts: Readonly<Record<Level, string>>;
  readonly urgencies: Readonly<Record<Level, string>>;
  readonly targetsTitle: (plan: string, businessDay: string) => string;
  readonly targetsHeader: readonly [string, string, string, string];
  readonly businessHours: string;
  readonly thresholdsTitle: string;
  readonly thresholdsHeader: readonly [string, string, string];
  readonly percent: (value: number) => string;
  readonly escalationLevels: Readonly<Record<number, string>>;
  readonly level: (level: number) => string;
  readonly pauseStatuses: string;
  readonly none: string;
  readonly tenantsTitle: (defaultPlan: string | undefined) => string;
  readonly tenantsHeader: readonly [string, string, string, string];
}

export const POLICY_LABELS: Readonly<Record<PolicyLanguage, PolicyLabels>> = {
  fr: {
    title: (version, date) => `Politique SLA ${version}, en vigueur le ${date}`,
    file: 'Fichier',
    matrixTitle: "Priorité selon l'impact et l'urgence",
    matrixCorner: 'Impact \\ Urgence',
    impacts: { 1: '1. Étendu', 2: '2. Important', 3: '3. Modéré', 4: '4. Mineur' },
    urgencies: { 1: '1. Critique', 2: '2. Élevée', 3: '3. Moyenne', 4: '4. Faible' },
    targetsTitle: (plan, day) => `Cibles du plan ${plan} (h : heures, j : jour ouvrable de ${day})`,
    targetsHeader: ['Priorité', 'Réponse initiale', 'Résolution', 'Calendrier'],
    businessHours: 'heures ouvrables',
    thresholdsTitle: 'Seuils (en % de chaque cible)',
    thresholdsHeader: ['Seuil', 'Événement', 'Niveau'],
    percent: (value) => `${value} %`,
    escalationLevels: { 1: 'avertissement', 2: 'à risque', 3: 'en retard, gestion' },
    level: (level) => `niveau ${level}`,
    pauseStatuses: 'Statuts qui suspendent la résolution',
    none: 'aucun',
    tenantsTitle: (plan) =>
      plan ? `Établissements (hors registre : plan ${plan})` : 'Établissements (hors registre : refusés)',
    tenantsHeader: ['Établissement', 'Nom', 'Plan', 'Calendrier'],
  },
  en: {
    title: (version, date) => `SLA policy ${version}, effective ${date}`,
    file: 'File',
    matrixTitle: 'Priority by impact and urgency',
    matrixCorner: 'Impact \\ Urgency',
    impacts: { 1: '1. Extensive', 2: '2. Significant', 3: '3. Moderate', 4: '4. Minor' },
    urgencies: { 1: '1. Critical', 2: '2. High', 3: '3. Medium', 4: '4. Low' },
    targetsTitle: (plan, day) => `Targets of plan ${plan} (h: hours, j: business day of ${day})`,
    targetsHeader: ['Priority', 'Initial response', 'Resolution', 'Calendar'],
    businessHours: 'business hours',
    thresholdsTitle: 'Thresholds (percent of each target)',
    thresholdsHeader: ['Threshold', 'Event', 'Level'],
    percent: (value) => `${value}%`,
    escalationLevels: { 1: 'warning', 2: 'at risk', 3: 'overdue, management' },
    level: (level) => `level ${level}`,
    pauseStatuses: 'Statuses that pause resolution',
    none: 'none',
    tenantsTitle: (plan) => (plan ? `Tenants (not listed: plan ${plan})` : 'Tenants (not listed: refused)'),
    tenantsHeader: ['Tenant', 'Name', 'Plan', 'Calendar'],
  },
};
