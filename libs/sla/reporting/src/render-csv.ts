import type { ComplianceReport } from './compliance-report';
import { REPORT_LABELS, type ReportLang } from './report-labels';

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: readonly (string | number)[]): string => fields.map(csvField).join(',') + '\r\n';

/**
 * The report as CSV (RFC 4180: comma-separated, CRLF line ends, a header line), one line per
 * tenant, month, priority and clock. Headers and clock names follow `lang`; numbers use a dot
 * for decimals in both languages, so that the file reads the same everywhere.
 */
export function renderCsv(report: ComplianceReport, lang: ReportLang): string {
  const { columns: c, clocks } = REPORT_LABELS[lang];
  return (
    line([c.tenant, c.month, c.priority, c.clock, c.met, c.breached, c.total, c.compliance]) +
    report.rows.map((r) => line([r.tenantId, r.month, r.priority, clocks[r.clock], r.met, r.breached, r.met + r.breached, r.compliancePercent.toFixed(1)])).join('')
  );
}
