import type { ClockName } from '@stageplus/contracts';
import { percent, type ComplianceRow } from './compliance-report';

/** Colours by priority rank, most urgent first; reused past the fourth. */
const COLOURS = ['#b91c1c', '#ea580c', '#ca8a04', '#2563eb', '#6b7280'];
const BAR = 24;
const GAP = 28;
const PLOT_HEIGHT = 160;
const LEFT = 44;
const TOP = 20;
const BOTTOM = 40;

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * An inline SVG bar chart of one clock's compliance: months along the axis, one bar per priority
 * in each month, all the report's tenants together (met over decided, in percent). No script,
 * no external asset: the file is readable offline and printable.
 */
export function complianceChart(rows: readonly ComplianceRow[], clock: ClockName, title: string, formatPercent: (p: number) => string): string {
  const mine = rows.filter((r) => r.clock === clock);
  const months = [...new Set(mine.map((r) => r.month))].sort();
  const priorities = [...new Set(mine.map((r) => r.priority))].sort();
  const groupWidth = priorities.length * BAR + GAP;
  const width = LEFT + months.length * groupWidth + 140;
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const y = (p: number) => TOP + PLOT_HEIGHT - (p / 100) * PLOT_HEIGHT;
  const parts: string[] = [];
  for (const tick of [0, 50, 100]) {
    parts.push(`<line x1="${LEFT}" y1="${y(tick)}" x2="${width - 140}" y2="${y(tick)}" stroke="#d1d5db"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="11">${tick}</text>`);
  }
  months.forEach((month, m) => {
    const x0 = LEFT + m * groupWidth + GAP / 2;
    priorities.forEach((priority, i) => {
      const group = mine.filter((r) => r.month === month && r.priority === priority);
      if (group.length === 0) return;
      const met = group.reduce((n, r) => n + r.met, 0);
      const total = group.reduce((n, r) => n + r.met + r.breached, 0);
      const p = percent(met, total);
      const x = x0 + i * BAR;
      parts.push(
        `<rect x="${x}" y="${y(p)}" width="${BAR - 2}" height="${y(0) - y(p)}" fill="${COLOURS[i % COLOURS.length]}">` +
          `<title>${escapeXml(`${month} ${priority}: ${formatPercent(p)} (${met}/${total})`)}</title></rect>`,
        // The value over the bar: a 0 % bar has no height, yet it is not a missing one.
        `<text x="${x + (BAR - 2) / 2}" y="${y(p) - 3}" text-anchor="middle" font-size="9">${Math.round(p)}</text>`,
      );
    });
    parts.push(`<text x="${x0 + (priorities.length * BAR) / 2}" y="${y(0) + 16}" text-anchor="middle" font-size="11">${month}</text>`);
  });
  priorities.forEach((priority, i) => {
    const ly = TOP + i * 18;
    parts.push(`<rect x="${width - 120}" y="${ly}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`);
    parts.push(`<text x="${width - 102}" y="${ly + 10}" font-size="11">${escapeXml(priority)}</text>`);
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `<title>${escapeXml(title)}</title>${parts.join('')}</svg>`
  );
}
