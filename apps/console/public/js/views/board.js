import { api } from '../api.js';
import { el, mount } from '../dom.js';
import { onFeed } from '../feed-stream.js';
import { t } from '../i18n.js';
import { onTenantChange, state, tenantName, tenantQuery } from '../state.js';
import { duration, instant, shortInstant } from '../time.js';
import { clockLabel, eventBadge, priorityBadge, ticketLink } from './labels.js';

const REFRESH_MS = 10_000;
// The page of running tickets the user is on: its cursor, and the ones before it (to go back).
const paging = { cursor: null };

function nextCell(item) {
  if (item.next === null) return el('td', { class: 'muted' }, t('board.none'));
  return el('td', {}, eventBadge(item.next.event, item.next.level, `${item.next.percent} %`));
}

function countdown(item) {
  if (item.next === null) return el('td', { class: 'num muted' }, '—');
  const left = Date.parse(item.next.at) - Date.now();
  return el('td', { class: `num countdown${left < 0 ? ' overdue' : ''}`, dataset: { at: item.next.at } }, left < 0 ? t('board.overdue') : duration(left));
}

function runningRow(item) {
  return el('tr', { dataset: { ticket: item.ticketId, tenant: item.tenantId } },
    el('td', {}, ticketLink(item.tenantId, item.ticketId)),
    state.tenant ? null : el('td', { class: 'tenant' }, tenantName(item.tenantId)),
    el('td', {}, priorityBadge(item.priority)),
    el('td', {}, clockLabel(item.clock)),
    nextCell(item),
    el('td', { class: 'num', title: instant(item.next?.at, item.timeZone) }, shortInstant(item.next?.at, item.timeZone)),
    countdown(item),
    item.remainingMs !== null && item.remainingMs <= 0
      ? el('td', { class: 'num overdue' }, t('board.overdue'))
      : el('td', { class: 'num' }, duration(item.remainingMs)),
    el('td', { class: 'num', title: instant(item.dueAt, item.timeZone) }, shortInstant(item.dueAt, item.timeZone)));
}

function pausedRow(item) {
  return el('tr', { dataset: { ticket: item.ticketId, tenant: item.tenantId } },
    el('td', {}, ticketLink(item.tenantId, item.ticketId)),
    state.tenant ? null : el('td', { class: 'tenant' }, tenantName(item.tenantId)),
    el('td', {}, priorityBadge(item.priority)),
    el('td', {}, clockLabel(item.clock)),
    el('td', { class: 'num', title: instant(item.pausedSince, item.timeZone) }, shortInstant(item.pausedSince, item.timeZone)),
    el('td', { class: 'num' }, duration(item.remainingMs)));
}

function table(id, head, rows, empty) {
  if (rows.length === 0) return el('p', { class: 'empty' }, empty);
  const columns = head.filter((k) => k !== 'col.tenant' || !state.tenant);
  return el('table', { class: 'grid', id }, el('thead', {}, el('tr', {}, columns.map((k) => el('th', {}, t(k))))), el('tbody', {}, rows));
}

/** The at-risk board panel: running tickets by time to their next threshold, paused ones apart. */
export function renderBoard(container) {
  const running = el('div', { class: 'panel-body' });
  const paused = el('div', { class: 'panel-body' });
  const asOf = el('span', { class: 'muted' });
  const pager = el('div', { class: 'pager' });
  let disposed = false;

  async function load() {
    try {
      const query = { state: 'running', limit: '50', ...tenantQuery(), ...(paging.cursor ? { cursor: paging.cursor } : {}) };
      const [page, pausedPage] = await Promise.all([api.board(query), api.board({ state: 'paused', limit: '50', ...tenantQuery() })]);
      if (disposed) return;
      const zone = page.items[0]?.timeZone ?? state.session?.tenants[0]?.timeZone ?? 'America/Toronto';
      asOf.textContent = t('board.asOf', { time: instant(page.asOf, zone) });
      mount(running, table('board-running', ['col.ticket', 'col.tenant', 'col.priority', 'col.clock', 'col.next', 'col.at', 'col.in', 'col.remaining', 'col.due'], page.items.map(runningRow), t('board.empty')));
      mount(paused, table('board-paused', ['col.ticket', 'col.tenant', 'col.priority', 'col.clock', 'col.pausedSince', 'col.remaining'], pausedPage.items.map(pausedRow), t('board.emptyPaused')));
      mount(pager,
        paging.cursor ? el('button', { type: 'button', onclick: () => ((paging.cursor = null), load()) }, t('board.first')) : null,
        page.nextCursor ? el('button', { type: 'button', id: 'board-next', onclick: () => ((paging.cursor = page.nextCursor), load()) }, t('board.more')) : null);
    } catch (error) {
      if (disposed) return;
      const detail = error.status === 403 ? t('error.forbidden') : error.message;
      mount(running, el('p', { class: 'form-error' }, t('board.unavailable', { detail })));
      mount(paused);
    }
  }

  mount(container,
    el('div', { class: 'panel-head' }, el('h2', {}, t('board.title')), el('span', { class: 'spacer' }), asOf),
    el('h3', {}, t('board.running')), running, pager,
    el('h3', {}, t('board.paused')), paused);
  load();
  // The countdowns tick every second; the data comes again every few seconds and after a firing.
  const tick = setInterval(() => {
    for (const cell of container.querySelectorAll('.countdown')) {
      const left = Date.parse(cell.dataset.at) - Date.now();
      cell.textContent = left < 0 ? t('board.overdue') : duration(left);
      cell.classList.toggle('overdue', left < 0);
    }
  }, 1_000);
  const poll = setInterval(load, REFRESH_MS);
  let soon = null;
  const offFeed = onFeed((change) => {
    if (change.type !== 'event') return;
    clearTimeout(soon);
    soon = setTimeout(load, 500);
  });
  const offTenant = onTenantChange(() => ((paging.cursor = null), load()));
  return () => {
    disposed = true;
    clearInterval(tick);
    clearInterval(poll);
    clearTimeout(soon);
    offFeed();
    offTenant();
  };
}
