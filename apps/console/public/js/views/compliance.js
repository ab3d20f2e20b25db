import { api } from '../api.js';
import { el, mount } from '../dom.js';
import { currentLang, t } from '../i18n.js';
import { onTenantChange, tenantName, tenantQuery } from '../state.js';
import { priorityBadge } from './labels.js';
import { policyHistory } from './policy.js';

const choice = { from: '', to: '' };

const monthLabel = (month) =>
  new Intl.DateTimeFormat(currentLang() === 'fr' ? 'fr-CA' : 'en-CA', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T00:00:00Z`));

const rate = (met, breached) => (met + breached === 0 ? '—' : `${Math.round((100 * met) / (met + breached))} %`);

/** Sums rows by a key: months for the chart, months and priorities (and tenants) for the table. */
function sum(rows, keyOf) {
  const totals = new Map();
  for (const row of rows) {
    const key = keyOf(row);
    const total = totals.get(key) ?? { ...row, met: 0, breached: 0 };
    total.met += row.met;
    total.breached += row.breached;
    totals.set(key, total);
  }
  return [...totals.values()];
}

/** Two stacked bars a month, one per clock: met at the bottom, breached on top. */
function drawChart(canvas, rows) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const css = getComputedStyle(document.documentElement);
  const color = (name) => css.getPropertyValue(name).trim();
  const series = (clock, status, shade) => {
    const byMonth = new Map(sum(rows.filter((r) => r.clock === clock), (r) => r.month).map((m) => [m.month, m[status]]));
    return {
      label: `${t(`clock.${clock}`)} · ${t(status === 'met' ? 'compliance.chartMet' : 'compliance.chartBreached')}`,
      stack: clock,
      data: months.map((m) => byMonth.get(m) ?? 0),
      backgroundColor: color(shade),
    };
  };
  return new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: months.map(monthLabel),
      datasets: [
        series('response', 'met', '--ok'),
        series('response', 'breached', '--breach'),
        series('resolution', 'met', '--ok-2'),
        series('resolution', 'breached', '--breach-2'),
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

/**
 * Compliance per establishment, priority and month: a chart of met / breached per clock and the
 * table, rates under 90 % in red as in `sla report`'s HTML.
 */
export function renderCompliance(container) {
  let chart = null;
  let disposed = false;
  const body = el('div', { class: 'compliance-body' });
  const versions = el('div', { class: 'policy-versions' });
  const month = (name) => el('input', { type: 'month', name, id: `compliance-${name}`, value: choice[name], onchange: (e) => ((choice[name] = e.target.value), load()) });
  const inputs = { from: month('from'), to: month('to') };

  async function load() {
    try {
      const query = { ...tenantQuery(), ...(choice.from ? { from: choice.from } : {}), ...(choice.to ? { to: choice.to } : {}) };
      const answer = await api.compliance(query);
      if (disposed) return;
      chart?.destroy();
      chart = null;
      // The period the server used (six months by default), shown in the month fields.
      inputs.from.value = choice.from || answer.from.slice(0, 7);
      inputs.to.value = choice.to || answer.to.slice(0, 7);
      const rows = answer.rows;
      if (rows.length === 0) return mount(body, el('p', { class: 'empty' }, t('compliance.empty')));
      const canvas = el('canvas', { id: 'compliance-chart' });
      const cells = (r) => r ? [el('td', { class: 'num' }, r.met), el('td', { class: 'num' }, r.breached), el('td', { class: `num ${r.met < 0.9 * (r.met + r.breached) ? 'overdue' : ''}` }, rate(r.met, r.breached))] : [el('td'), el('td'), el('td')];
      const lines = sum(rows, (r) => `${r.tenantId}|${r.month}|${r.priority}`);
      const of = (line, clock) => rows.find((r) => r.tenantId === line.tenantId && r.month === line.month && r.priority === line.priority && r.clock === clock);
      mount(body,
        el('div', { class: 'chart-box' }, canvas),
        el('table', { class: 'grid', id: 'compliance-table' },
          el('thead', {},
            el('tr', {}, el('th', { colspan: 3 }), el('th', { colspan: 3, class: 'group' }, t('clock.response')), el('th', { colspan: 3, class: 'group' }, t('clock.resolution'))),
            el('tr', {}, ['col.tenant', 'col.month', 'col.priority', 'col.met', 'col.breached', 'col.rate', 'col.met', 'col.breached', 'col.rate'].map((k) => el('th', {}, t(k))))),
          el('tbody', {}, lines.map((line) => el('tr', {},
            el('td', {}, tenantName(line.tenantId)), el('td', {}, monthLabel(line.month)), el('td', {}, priorityBadge(line.priority)),
            cells(of(line, 'response')), cells(of(line, 'resolution')))))));
      chart = drawChart(canvas, rows);
    } catch (error) {
      if (!disposed) mount(body, el('p', { class: 'form-error' }, t('error.generic', { detail: error.message })));
    }
  }

  mount(container, el('section', { class: 'panel compliance' },
    el('div', { class: 'panel-head' }, el('h2', {}, t('compliance.title'))),
    el('div', { class: 'filters' },
      el('label', { class: 'filter' }, t('compliance.from'), inputs.from),
      el('label', { class: 'filter' }, t('compliance.to'), inputs.to)),
    body,
    versions));
  load();
  // The rules the months were counted under: a correction published since changes the counts.
  api.policy().then((policy) => !disposed && mount(versions, policyHistory(policy)), () => undefined);
  const offTenant = onTenantChange(load);
  return () => {
    disposed = true;
    chart?.destroy();
    offTenant();
  };
}
