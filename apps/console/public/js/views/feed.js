import { el, mount } from '../dom.js';
import { feedEvents, feedStatus, onFeed } from '../feed-stream.js';
import { t } from '../i18n.js';
import { onTenantChange, state, tenantName } from '../state.js';
import { instant, timeOfDay } from '../time.js';
import { clockLabel, eventBadge, priorityBadge, ticketLink } from './labels.js';

// Kept across renders (a language switch re-renders the view): the filters the user chose.
const filters = { priority: '', level: '', clock: '' };

const LEVELS = [['1', 'event.escalated'], ['2', 'event.escalated'], ['3', 'event.escalated'], ['breach', 'filter.breach'], ['cleared', 'filter.cleared']];

function passes({ event }) {
  if (state.tenant && event.tenantId !== state.tenant) return false;
  if (filters.priority && event.priority !== filters.priority) return false;
  if (filters.clock && event.clock !== filters.clock) return false;
  if (filters.level === 'breach') return event.type === 'sla.breached';
  if (filters.level === 'cleared') return event.type === 'sla.cleared';
  if (filters.level) return event.type === 'sla.escalated' && String(event.level) === filters.level;
  return true;
}

function select(name, label, options) {
  const node = el('select', { name, id: `filter-${name}`, onchange: (e) => ((filters[name] = e.target.value), refresh()) },
    el('option', { value: '' }, t('filter.any')),
    options.map(([value, text]) => el('option', { value }, text)));
  node.value = filters[name];
  return el('label', { class: 'filter' }, label, node);
}

function row({ event, timeZone }) {
  const when = event.type === 'sla.cleared' ? event.clearedAt : event.firedAt;
  const detail = event.type === 'sla.cleared' ? t(`reason.${event.reason}`) : `${event.percent} %`;
  const due = event.type === 'sla.cleared' ? undefined : `${t('col.due')} ${instant(event.dueAt, timeZone)}`;
  return el('tr', { dataset: { eventId: event.eventId, ticket: event.ticketId, type: event.type } },
    el('td', { class: 'num', title: instant(when, timeZone) }, timeOfDay(when, timeZone)),
    state.tenant ? null : el('td', { class: 'tenant' }, tenantName(event.tenantId)),
    el('td', {}, ticketLink(event.tenantId, event.ticketId)),
    el('td', {}, priorityBadge(event.priority)),
    el('td', {}, clockLabel(event.clock)),
    el('td', { title: due }, eventBadge(event.type, event.level, detail), event.late ? el('span', { class: 'late' }, t('event.late')) : null));
}

let body;
let count;
let pill;

function refresh() {
  const shown = feedEvents().filter(passes);
  const head = ['col.time', state.tenant ? null : 'col.tenant', 'col.ticket', 'col.priority', 'col.clock', 'col.event'].filter(Boolean);
  mount(body, shown.length === 0
    ? el('p', { class: 'empty' }, t('feed.empty'))
    : el('table', { class: 'grid', id: 'feed-table' }, el('thead', {}, el('tr', {}, head.map((k) => el('th', {}, t(k))))), el('tbody', {}, shown.map(row))));
  count.textContent = t('feed.count', { n: shown.length });
  const status = feedStatus();
  pill.className = `pill ${status === 'live' ? 'pill-live' : 'pill-wait'}`;
  pill.textContent = status === 'live' ? t('feed.live') : t('feed.reconnecting');
}

/** The live feed panel; returns its disposer. */
export function renderFeed(container) {
  body = el('div', { class: 'panel-body' });
  count = el('span', { class: 'muted' });
  pill = el('span', { class: 'pill' });
  const levelOptions = LEVELS.map(([value, key]) => [value, t(key, { level: value })]);
  mount(container,
    el('div', { class: 'panel-head' }, el('h2', {}, t('feed.title')), pill, el('span', { class: 'spacer' }), count),
    el('div', { class: 'filters' },
      select('priority', t('filter.priority'), ['P1', 'P2', 'P3', 'P4'].map((p) => [p, p])),
      select('level', t('filter.level'), levelOptions),
      select('clock', t('filter.clock'), [['response', clockLabel('response')], ['resolution', clockLabel('resolution')]])),
    body);
  refresh();
  const offFeed = onFeed(refresh);
  const offTenant = onTenantChange(refresh);
  return () => (offFeed(), offTenant());
}
