import type { ComplianceReport } from './compliance-report';
import { REPORT_LABELS, type ReportLang } from './report-labels';

/**
 * The report as JSON for tools: field names and values are language-neutral (clock names,
 * priorities, `YYYY-MM` months); `lang` only sets the `title`. Ends with a newline.
 */
export function renderJson(report: ComplianceReport, lang: ReportLang): string {
  const { period, tickets, rows } = report;
  return (
    JSON.stringify(
      { title: REPORT_LABELS[lang].title, tenantId: period.tenantId, from: period.from, to: period.to, tickets, rows: rows.map(({ compliancePercent, ...r }) => ({ ...r, total: r.met + r.breached, compliancePercent })) },
      null,
      2,
    ) + '\n'
  );
}
