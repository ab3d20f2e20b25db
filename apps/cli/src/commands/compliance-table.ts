import type { ComplianceRow } from '@stageplus/sla-engine';

/** The compliance table of `sla replay --summary`, as aligned text. */
export function renderComplianceTable(rows: readonly ComplianceRow[]): string {
  const header = ['clock', 'priority', 'met', 'breached', 'running', 'paused', 'compliance'];
  const body = rows.map((r) => {
    const decided = r.met + r.breached;
    const compliance = decided === 0 ? '-' : `${((100 * r.met) / decided).toFixed(1)} %`;
    return [r.clock, r.priority, r.met, r.breached, r.running, r.paused, compliance].map(String);
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(format)].join('\n');
}
