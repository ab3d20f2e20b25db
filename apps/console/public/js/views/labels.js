import { el } from '../dom.js';
import { t } from '../i18n.js';

/** The CSS class of an SLA event or threshold: its level's colour, breach red, cleared green. */
export function severity(type, level) {
  if (type === 'sla.cleared') return 'sev-cleared';
  if (type === 'sla.breached') return 'sev-breach';
  return `sev-l${level ?? 1}`;
}

export function eventLabel(type, level) {
  if (type === 'sla.cleared') return t('event.cleared');
  if (type === 'sla.breached') return t('event.breached');
  return t('event.escalated', { level });
}

/** A coloured badge for an event or threshold. */
export const eventBadge = (type, level, extra = '') =>
  el('span', { class: `badge ${severity(type, level)}` }, eventLabel(type, level), extra ? ` ${extra}` : '');

export const priorityBadge = (priority) => el('span', { class: `prio prio-${priority}` }, priority);

export const clockLabel = (clock) => t(`clock.${clock}`);

/** A link to the ticket page. */
export const ticketLink = (tenantId, ticketId) =>
  el('a', { href: `#/ticket/${encodeURIComponent(tenantId)}/${encodeURIComponent(ticketId)}`, class: 'ticket-link' }, ticketId);
