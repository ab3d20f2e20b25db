import { styleText } from 'node:util';
import type { ClockName, SlaCleared, SlaNotification, SlaTopicEvent } from '@stageplus/contracts';
import { localTime, type Language } from '@stageplus/sla-engine';

export interface WatchLineOptions {
  readonly lang: Language;
  /** ANSI colours (a terminal) or plain text (a pipe, a file, `NO_COLOR`). */
  readonly color: boolean;
  /** The establishment's zone of a tenant (`tenantTimeZone`): every instant is written in it. */
  readonly zoneOf: (tenantId: string) => string;
}

type Style = Parameters<typeof styleText>[0];

const CLOCK: Record<Language, Record<ClockName, string>> = {
  fr: { response: 'réponse', resolution: 'résolution' },
  en: { response: 'response', resolution: 'resolution' },
};
const LEVEL: Record<Language, Record<number, string>> = {
  fr: { 1: 'avertissement', 2: 'à risque', 3: 'en retard, gestion' },
  en: { 1: 'warning', 2: 'at risk', 3: 'overdue, management' },
};
const REASON: Record<Language, Record<SlaCleared['reason'], string>> = {
  fr: { responded: 'répondu', resolved: 'résolu', closed: 'fermé', paused: 'en attente du client', 'policy-corrected': 'politique corrigée' },
  en: { responded: 'responded', resolved: 'resolved', closed: 'closed', paused: 'waiting on the customer', 'policy-corrected': 'policy corrected' },
};
const WORDS = {
  fr: { escalation: 'ESCALADE', breach: 'DÉPASSEMENT', cleared: 'LEVÉE', due: 'échéance', late: 'EN RETARD', threshold: 'seuil', since: 'le', after: 'après', afterBreach: 'dépassement', afterLevel: 'escalade niveau', pct: ' %' },
  en: { escalation: 'ESCALATION', breach: 'BREACH', cleared: 'CLEARED', due: 'due', late: 'LATE', threshold: 'threshold', since: 'at', after: 'after', afterBreach: 'a breach', afterLevel: 'escalation level', pct: '%' },
} as const;

// Hotter is louder: a warning is yellow, "at risk" magenta, overdue red, a breach bold red.
const LEVEL_STYLE: Record<number, Style> = { 1: 'yellow', 2: 'magenta', 3: 'red' };

/**
 * One event of the SLA topics as one line for a person watching a terminal: local time,
 * tenant, ticket, priority, clock, what happened (escalation level, breach, cleared), the
 * deadline, and a late marker. Pure: the same event and options always give the same line.
 */
export function watchLine(event: SlaTopicEvent, options: WatchLineOptions): string {
  const { lang } = options;
  const zone = options.zoneOf(event.tenantId);
  // The caller decided (TTY, --color, NO_COLOR): styleText must not second-guess it from process.stdout.
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const at = event.type === 'sla.cleared' ? event.clearedAt : event.firedAt;
  const head = [
    paint('gray', localTime(at, zone, lang, 'seconds')),
    event.tenantId.padEnd(20),
    event.ticketId.padEnd(10),
    paint('bold', event.priority),
    CLOCK[lang][event.clock].padEnd(10),
  ];
  const [what, style, detail] = event.type === 'sla.cleared' ? cleared(event, lang, zone) : fired(event, lang, zone);
  const line = [...head, paint(style, what.padEnd(13)), detail].join('  ');
  if (event.type === 'sla.cleared' || !event.late) return line;
  const late = `${WORDS[lang].late} (${WORDS[lang].threshold} ${localTime(event.thresholdAt, zone, lang, 'table')})`;
  return `${line}  ${paint(['bold', 'red'], late)}`;
}

function fired(event: SlaNotification, lang: Language, zone: string): [string, Style, string] {
  const words = WORDS[lang];
  const due = event.dueAt === null ? '' : `${words.due} ${localTime(event.dueAt, zone, lang, 'table')}`;
  if (event.type === 'sla.breached') return [words.breach, ['bold', 'red'], due];
  const level = event.level ?? 0;
  const percent = `${event.percent}${words.pct} (${LEVEL[lang][level] ?? ''})`;
  return [`${words.escalation} ${level}`, LEVEL_STYLE[level] ?? 'yellow', [percent, due].filter(Boolean).join(', ')];
}

function cleared(event: SlaCleared, lang: Language, zone: string): [string, Style, string] {
  const words = WORDS[lang];
  const last = event.alerts.at(-1);
  const alert = event.breached ? words.afterBreach : last === undefined ? '' : `${words.afterLevel} ${last.level ?? ''}`.trim();
  // A reason this version does not know (the contract may grow) is shown as it came.
  const since = `${REASON[lang][event.reason] ?? event.reason} ${words.since} ${localTime(event.since, zone, lang, 'table')}`;
  return [words.cleared, 'green', alert === '' ? since : `${since}, ${words.after} ${alert}`];
}
