import type { ClockName } from '@stageplus/contracts';
import { complianceChart, escapeXml } from './compliance-chart';
import type { ComplianceReport } from './compliance-report';
import { REPORT_LABELS, type ReportLang } from './report-labels';

const CLOCKS: readonly ClockName[] = ['response', 'resolution'];

const STYLE = `body{font-family:sans-serif;margin:2rem;color:#111827}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d1d5db;padding:.3rem .6rem}
td.n{text-align:right}th{background:#f3f4f6;text-align:left}.low{color:#b91c1c;font-weight:bold}
figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}`;

/** `97,5 %` in French (no-break space), `97.5%` in English. */
export function formatPercent(p: number, lang: ReportLang): string {
  return lang === 'fr' ? `${p.toFixed(1).replace('.', ',')}\u00a0%` : `${p.toFixed(1)}%`;
}

/**
 * The report as one self-contained HTML page (inline style and SVG, no script, no external
 * asset): a chart per clock of compliance by month and priority, then the table. Lines under
 * 90 % compliance are marked.
 */
export function renderHtml(report: ComplianceReport, lang: ReportLang): string {
  const l = REPORT_LABELS[lang];
  const { period, rows } = report;
  const fmt = (p: number) => formatPercent(p, lang);
  const c = l.columns;
  const header = [c.tenant, c.month, c.priority, c.clock, c.met, c.breached, c.total, c.compliance].map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = [r.tenantId, r.month, r.priority, l.clocks[r.clock]].map((v) => `<td>${escapeXml(v)}</td>`);
      const numbers = [r.met, r.breached, r.met + r.breached].map((v) => `<td class="n">${v}</td>`);
      const compliance = `<td class="n${r.compliancePercent < 90 ? ' low' : ''}">${fmt(r.compliancePercent)}</td>`;
      return `<tr>${[...cells, ...numbers, compliance].join('')}</tr>`;
    })
    .join('\n');
  const charts = CLOCKS.map((clock) => {
    const title = l.chart(l.clocks[clock]);
    return `<figure><figcaption>${escapeXml(title)}</figcaption>${complianceChart(rows, clock, title, fmt)}</figure>`;
  }).join('\n');
  const content =
    rows.length === 0 ? `<p>${escapeXml(l.none)}</p>` : `${charts}\n<table>\n<thead><tr>${header}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeXml(l.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(l.title)}</h1>
<p>${escapeXml(period.tenantId ?? l.allTenants)}<br>${escapeXml(l.period(period.from, period.to))}<br>${escapeXml(l.tickets(report.tickets))}</p>
${content}
</body>
</html>
`;
}
