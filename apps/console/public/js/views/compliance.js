import { api } from '../api.js';
import { el, mount } from '../dom.js';
import { currentLang, t } from '../i18n.js';
import { onTenantChange, tenantName, tenantQuery } from '../state.js';
import { priorityBadge } from './labels.js';

const choice = { from: '', to: '', clock: 'resolution' };

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

function drawChart(canvas, rows) {
  const months = sum(rows, (r) => r.month);
  const colors = getComputedStyle(document.documentElement);
  return new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: months.map((m) => monthLabel(m.month)),
      datasets: [
        { label: t('compliance.chartMet'), data: months.map((m) => m.met), backgroundColor: colors.getPropertyValue('--ok').trim() },
        { label: t('compliance.chartBreached'), data: months.map((m) => m.breached), backgroundColor: colors.getPropertyValue('--breach').trim() },
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

/** Compliance per establishment, priority and month: a chart of met / breached and the table. */
export function renderCompliance(container) {
  let chart = null;
  let disposed = false;
  const body = el('div', { class: 'compliance-body' });
  const month = (name) => el('input', { type: 'month', name, id: `compliance-${name}`, value: choice[name], onchange: (e) => ((choice[name] = e.target.value), load()) });
  const clock = el('select', { id: 'compliance-clock', onchange: (e) => ((choice.clock = e.target.value), load()) },
    ['response', 'resolution'].map((c) => el('option', { value: c }, t(`clock.${c}`))));
  clock.value = choice.clock;

  async function load() {
    try {
      const query = { ...tenantQuery(), ...(choice.from ? { from: choice.from } : {}), ...(choice.to ? { to: choice.to } : {}) };
      const answer = await api.compliance(query);
      if (disposed) return;
      chart?.destroy();
      chart = null;
      const rows = answer.rows.filter((r) => r.clock === choice.clock);
      if (rows.length === 0) return mount(body, el('p', { class: 'empty' }, t('compliance.empty')));
      const canvas = el('canvas', { id: 'compliance-chart' });
      const table = sum(rows, (r) => `${r.tenantId}|${r.month}|${r.priority}`);
      mount(body,
        el('div', { class: 'chart-box' }, canvas),
        el('table', { class: 'grid', id: 'compliance-table' },
          el('thead', {}, el('tr', {}, ['col.tenant', 'col.month', 'col.priority', 'col.met', 'col.breached', 'col.rate'].map((k) => el('th', {}, t(k))))),
          el('tbody', {}, table.map((r) => el('tr', {},
            el('td', {}, tenantName(r.tenantId)), el('td', {}, monthLabel(r.month)), el('td', {}, priorityBadge(r.priority)),
            el('td', { class: 'num' }, r.met), el('td', { class: 'num' }, r.breached), el('td', { class: 'num' }, rate(r.met, r.breached)))))));
      chart = drawChart(canvas, rows);
    } catch (error) {
      if (!disposed) mount(body, el('p', { class: 'form-error' }, t('error.generic', { detail: error.message })));
    }
  }

  mount(container, el('section', { class: 'panel compliance' },
    el('div', { class: 'panel-head' }, el('h2', {}, t('compliance.title'))),
    el('div', { class: 'filters' },
      el('label', { class: 'filter' }, t('compliance.from'), month('from')),
      el('label', { class: 'filter' }, t('compliance.to'), month('to')),
      el('label', { class: 'filter' }, t('compliance.clock'), clock)),
    body));
  load();
  const offTenant = onTenantChange(load);
  return () => {
    disposed = true;
    chart?.destroy();
    offTenant();
  };
}
