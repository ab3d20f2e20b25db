import { api } from '../api.js';
import { el, mount } from '../dom.js';
import { t } from '../i18n.js';
import { duration, instant, zoneName } from '../time.js';
import { clockLabel, eventBadge, priorityBadge } from './labels.js';
import { clockTimeline } from './timeline.js';

function fact(label, value) {
  return el('div', { class: 'fact' }, el('span', { class: 'fact-label' }, label), el('span', { class: 'fact-value' }, value));
}

function thresholdRow(th, zone) {
  return el('tr', { dataset: { percent: th.percent, state: th.state } },
    el('td', {}, eventBadge(th.event, th.level, `${th.percent} %`)),
    el('td', {}, el('span', { class: `state state-${th.state}` }, t(`state.${th.state}`))),
    el('td', { class: 'num' }, instant(th.at, zone)),
    el('td', { class: 'num' }, th.firedAt ? instant(th.firedAt, zone) : '—', th.late ? el('span', { class: 'late' }, t('event.late')) : null));
}

function segmentRow(s, zone) {
  return el('tr', { class: s.projected ? 'projected' : '' },
    el('td', {}, el('span', { class: `swatch seg-${s.kind}` }), ' ', t(`segment.${s.kind}`), s.reason ? ` · ${s.reason}` : '', s.projected ? ` · ${t('segment.projected')}` : ''),
    el('td', { class: 'num' }, instant(s.from, zone)),
    el('td', { class: 'num' }, instant(s.to, zone)),
    el('td', { class: 'num' }, duration(s.countedMs)),
    el('td', { class: 'num' }, duration(s.elapsedMs)));
}

function clockCard(name, clock, zone, asOf) {
  const stopped = clock.stoppedAt ? t('ticket.stopped', { time: instant(clock.stoppedAt, zone), by: t(`reason.${clock.stoppedBy}`) }) : null;
  return el('section', { class: 'card clock', id: `clock-${name}` },
    el('div', { class: 'panel-head' }, el('h2', {}, clockLabel(name)), el('span', { class: `status status-${clock.status}` }, t(`status.${clock.status}`)), el('span', { class: 'spacer' }), stopped ? el('span', { class: 'muted' }, stopped) : null),
    el('div', { class: 'facts' },
      fact(t('ticket.target'), duration(clock.targetMs)),
      fact(t('ticket.elapsed'), duration(clock.elapsedMs)),
      fact(t('ticket.remaining'), duration(clock.remainingMs)),
      fact(t('ticket.due'), instant(clock.dueAt, zone))),
    clockTimeline({ ...clock, name }, zone, asOf),
    el('div', { class: 'legend' }, ['running', 'paused', 'outside_hours', 'holiday'].map((k) => el('span', {}, el('span', { class: `swatch seg-${k}` }), ' ', t(`segment.${k}`)))),
    el('h3', {}, t('ticket.thresholds')),
    el('table', { class: 'grid thresholds' },
      el('thead', {}, el('tr', {}, ['col.threshold', 'col.state', 'col.at', 'col.firedAt'].map((k) => el('th', {}, t(k))))),
      el('tbody', {}, clock.thresholds.map((th) => thresholdRow(th, zone)))),
    el('details', {}, el('summary', {}, t('ticket.segments')),
      el('table', { class: 'grid' },
        el('thead', {}, el('tr', {}, ['seg.kind', 'seg.from', 'seg.to', 'seg.counted', 'seg.total'].map((k) => el('th', {}, t(k))))),
        el('tbody', {}, clock.segments.map((s) => segmentRow(s, zone))))));
}

/** One line of the ticket's history: what happened, the priority or status change, who and why. */
function historyRow(entry, zone) {
  const changes = [];
  if (entry.priority) {
    const { from, to, impact, urgency } = entry.priority;
    const detail = impact !== null && urgency !== null ? ` (${t('history.matrix', { impact, urgency })})` : '';
    changes.push(el('span', {}, t('history.priority'), ' ', from ? [priorityBadge(from), ' → '] : null, priorityBadge(to), detail));
  }
  if (entry.status) changes.push(el('span', {}, t('history.status', { from: entry.status.from ?? '—', to: entry.status.to })));
  return el('tr', { dataset: { type: entry.type } },
    el('td', { class: 'num', title: `${t('history.received')} ${instant(entry.receivedAt, zone)}` }, instant(entry.occurredAt, zone)),
    el('td', {}, t(`type.${entry.type}`)),
    el('td', { class: 'changes' }, changes.length ? changes.flatMap((c, i) => (i ? [' · ', c] : [c])) : '—'),
    el('td', {}, entry.actor ?? '—'),
    el('td', {}, entry.reason ?? '—'));
}

/** The ticket page: both clocks drawn from the explanation, thresholds, and priority history. */
export function renderTicket(container, { tenantId, ticketId }) {
  let disposed = false;
  const back = el('a', { href: '#/', class: 'back' }, t('ticket.back'));
  mount(container, el('div', { class: 'ticket-page' }, back, el('p', { class: 'muted' }, '…')));
  api.ticket(tenantId, ticketId).then(
    (sla) => {
      if (disposed) return;
      const zone = sla.timeZone;
      const history = Array.isArray(sla.history) ? sla.history : [];
      mount(container, el('div', { class: 'ticket-page' },
        back,
        el('div', { class: 'ticket-head' },
          el('h1', {}, t('ticket.title', { id: ticketId })),
          priorityBadge(sla.priority),
          el('span', { class: 'muted' }, `${sla.tenant?.name ?? tenantId} · ${t('ticket.plan')} ${sla.plan} · ${sla.policyVersion}`),
          el('span', { class: 'spacer' }),
          el('span', { class: 'muted', id: 'ticket-zone' }, t('ticket.zone', { zone: `${zone}, ${zoneName(zone)}` }))),
        clockCard('response', sla.clocks.response, zone, sla.asOf),
        clockCard('resolution', sla.clocks.resolution, zone, sla.asOf),
        el('section', { class: 'card' }, el('h2', {}, t('ticket.history')),
          history.length === 0
            ? el('p', { class: 'muted' }, t('ticket.noHistory'))
            : el('table', { class: 'grid', id: 'ticket-history' },
              el('thead', {}, el('tr', {}, ['col.time', 'col.event', 'history.change', 'history.actor', 'history.reason'].map((k) => el('th', {}, t(k))))),
              el('tbody', {}, history.map((h) => historyRow(h, zone)))))));
    },
    (error) => {
      if (disposed) return;
      const detail = error.status === 403 ? t('error.forbidden') : error.message;
      mount(container, el('div', { class: 'ticket-page' }, back, el('p', { class: 'form-error' }, t('ticket.notFound', { detail }))));
    },
  );
  return () => (disposed = true);
}
