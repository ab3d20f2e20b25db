import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { complianceReport, reportPeriod } from './compliance-report';
import { csvField, renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { REPORT_LANGS } from './report-labels';
import { outcome } from './testing/outcomes';

/** Golden files: `UPDATE_GOLDEN=1` rewrites them; review the diff before committing. */
function expectGolden(name: string, actual: string): void {
  const file = join(__dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const report = complianceReport(
  [
    outcome('chus', 'T-1', 'P1', '2026-02-20T15:00:00.000Z', ['met', 'met']),
    outcome('chus', 'T-2', 'P1', '2026-03-05T15:00:00.000Z', ['met', 'breached']),
    outcome('chus', 'T-3', 'P2', '2026-03-06T15:00:00.000Z', ['met', 'met']),
    outcome('chus', 'T-4', 'P3', '2026-04-01T02:00:00.000Z', ['breached', 'breached']),
    outcome('ciusss-capitale-nationale', 'T-5', 'P2', '2026-03-07T15:00:00.000Z', ['met', 'met']),
  ],
  reportPeriod(null, '2026-02-01', '2026-03-31'),
);

describe('the compliance report renderers', () => {
  it.each(REPORT_LANGS)('render the same report as JSON, CSV and HTML in %s, as the golden files', (lang) => {
    expectGolden(`report.${lang}.json`, renderJson(report, lang));
    expectGolden(`report.${lang}.csv`, renderCsv(report, lang));
    expectGolden(`report.${lang}.html`, renderHtml(report, lang));
  });

  it('quote CSV fields as RFC 4180 says: commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(renderCsv(report, 'en').split('\r\n')[0]).toBe('tenant,month,priority,clock,met,breached,total,compliance (%)');
  });

  it('make an HTML page that needs nothing else: no script, no external link or image', () => {
    const html = renderHtml(report, 'fr');
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html.match(/https?:\/\/[^"]+/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
    expect(html).toContain('<html lang="fr">');
  });

  it('escape what tenants and labels hold in HTML', () => {
    const odd = complianceReport([outcome('<b>&co', 'T-1', 'P1', '2026-03-05T15:00:00.000Z')], reportPeriod(null, '2026-03-01', '2026-03-31'));
    expect(renderHtml(odd, 'en')).toContain('&lt;b&gt;&amp;co');
    expect(renderHtml(odd, 'en')).not.toContain('<b>&co');
  });

  it('say so when no ticket was closed in the period', () => {
    const empty = complianceReport([], reportPeriod('chus', '2026-03-01', '2026-03-31'));
    expect(renderHtml(empty, 'fr')).toContain('Aucun billet fermé sur la période.');
    expect(renderCsv(empty, 'fr')).toBe('établissement,mois,priorité,délai,respectés,dépassés,total,conformité (%)\r\n');
  });
});
